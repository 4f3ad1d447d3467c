// How long work says how far it is: the use case calls onProgress after each batch it has
// really written (inside its transaction or committed), never from a timer, so a bar that
// stands still means the database is busy, not that the program guessed.

/** Told after each batch written: how many of how many are done. It may throw to stop the work. */
export type OnProgress = (done: number, total: number) => void;

/** Rows per batch: big enough for bulk speed, small enough to move a bar about every tenth of a second. */
export const PROGRESS_BATCH = 20_000;

/** Stops a run from its onProgress: the use case's transaction rolls back with it. */
export class Stopped extends Error {
  constructor() {
    super('stopped by the operator');
    this.name = 'Stopped';
  }
}

/** An onProgress that throws Stopped once `stop` says so, after telling `inner`. */
export function stoppable(inner: OnProgress | undefined, stop: () => boolean): OnProgress {
  return (done, total) => {
    inner?.(done, total);
    if (stop()) throw new Stopped();
  };
}

/** The slices [start, end) of `total` items in batches of `size`. */
export function batches(total: number, size = PROGRESS_BATCH): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < total; start += size) out.push({ start, end: Math.min(total, start + size) });
  return out;
}

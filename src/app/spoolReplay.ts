import type { Knex } from 'knex';
import { countSpooled, replaySpool, type Replay } from './spool';

/** The longest wait between two replays while the database stays away. */
export const MAX_REPLAY_DELAY_MS = 30_000;

/**
 * The wait before the next replay once `failed` passes in a row found the database away: the
 * first delay, doubled after each, never above the longest.
 */
export function replayDelay(failed: number, firstMs: number, maxMs = MAX_REPLAY_DELAY_MS): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(0, failed - 1), 30));
}

export interface SpoolReplayOptions {
  db: Knex;
  dir: string;
  /** The wait after a first pass that found the database away (the till's `db.retryMs`). */
  firstDelayMs: number;
  maxDelayMs?: number;
  /** After each pass: what it did, and how many paid sales still wait on disk (the screen's own among them). */
  onPass(replay: Replay, waiting: number): void;
  log: { error(obj: object, msg: string): void };
  /** How the next pass is set for later (the clock's timers; a test's own hand). */
  timers?: ReplayTimers;
}

export interface ReplayTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const CLOCK: ReplayTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Sends the spooled sales while the till runs, not only when it opens: a pass at once, then,
 * while the database stays away, others after the first delay doubled each time up to 30 s,
 * back to the first delay once a pass commits something. Idle when nothing waits, until woken
 * (the database seen back, the screen's own sale waiting or sent).
 */
export class SpoolReplay {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failed = 0;
  private stopped = false;

  private readonly timers: ReplayTimers;

  constructor(private readonly o: SpoolReplayOptions) {
    this.timers = o.timers ?? CLOCK;
  }

  /** A pass now, or right after the one under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** No pass after this; resolves once the one under way is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<void> {
    let replay: Replay;
    try {
      replay = await replaySpool(this.o.db, this.o.dir);
    } catch (e) {
      // The folder itself unreadable or a sale not set aside: said, and tried again later.
      this.o.log.error({ err: e, dir: this.o.dir }, 'spool replay failed');
      replay = { committed: [], waiting: 1, rejected: [] };
    }
    const waiting = await countSpooled(this.o.dir);
    if (this.stopped) return;
    this.o.onPass(replay, waiting);
    if (replay.committed.length > 0 || replay.waiting === 0) this.failed = 0;
    if (replay.waiting === 0) return;
    this.failed += 1;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.wake();
    }, replayDelay(this.failed, this.o.firstDelayMs, this.o.maxDelayMs));
  }
}

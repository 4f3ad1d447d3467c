// The running till's training mode as its screens show it: one flag on the till's terminal,
// changed here (the back room's switch, or a sale the database said was made in training mode
// after a switch made elsewhere), and the screens told so the status line follows at once.

interface HasMode {
  trainingMode: boolean;
}

const watchers = new WeakMap<HasMode, Set<(on: boolean) => void>>();

export function setTrainingShown(terminal: HasMode, on: boolean): void {
  if (terminal.trainingMode === on) return;
  terminal.trainingMode = on;
  for (const w of watchers.get(terminal) ?? []) w(on);
}

/** Calls `changed` at each change of the till's mode; returns what stops it. */
export function watchTraining(terminal: HasMode, changed: (on: boolean) => void): () => void {
  const set = watchers.get(terminal) ?? new Set();
  watchers.set(terminal, set);
  set.add(changed);
  return () => set.delete(changed);
}

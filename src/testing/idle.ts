import type { IdleTimer } from '../tui/App';

/** An idle timer the test fires by hand; `armed` says how many times a key armed it again. */
export function manualIdle() {
  let pending: (() => void) | null = null;
  let armed = 0;
  let lastMs = 0;
  const timer: IdleTimer = (ms, onIdle) => {
    armed += 1;
    lastMs = ms;
    pending = onIdle;
    return () => {
      if (pending === onIdle) pending = null;
    };
  };
  return {
    timer,
    armed: () => armed,
    ms: () => lastMs,
    fire: () => {
      const f = pending;
      pending = null;
      f?.();
    },
  };
}

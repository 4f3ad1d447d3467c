import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value is readable at once (current()) and which redraws at most once per
 * tick, and only if what was last drawn differs. A scanner's "3760…\r" arrives in one chunk:
 * the code goes into the entry line and Enter empties it again before the tick ends, so no
 * frame is drawn for it and the next one, showing the item, is not held back by Ink's frame
 * rate limit.
 */
export function useTickState<T>(initial: () => T, same: (a: T, b: T) => boolean = Object.is): { shown: T; current(): T; set(next: T): void } {
  const latest = useRef<{ value: T } | null>(null);
  if (latest.current === null) latest.current = { value: initial() };
  const [shown, setShown] = useState(latest.current.value);
  const drawn = useRef(shown);
  drawn.current = shown;
  const pending = useRef(false);
  const set = useCallback((next: T) => {
    latest.current!.value = next;
    if (pending.current) return;
    pending.current = true;
    queueMicrotask(() => {
      pending.current = false;
      const value = latest.current!.value;
      if (!same(value, drawn.current)) setShown(value);
    });
  }, [same]);
  const current = useCallback(() => latest.current!.value, []);
  return { shown, current, set };
}

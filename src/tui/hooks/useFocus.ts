import { useCallback, useRef, useState } from 'react';

/**
 * Which field of a form has the keys. Kept in a ref as well as in state: code and PIN typed
 * (or sent by a keyboard buffer) in one burst must land in their own fields.
 */
export function useFocus<F extends string>(first: F): { focus: F; current(): F; set(f: F): void } {
  const ref = useRef(first);
  const [focus, setFocus] = useState(first);
  const set = useCallback((f: F) => {
    ref.current = f;
    setFocus(f);
  }, []);
  const current = useCallback(() => ref.current, []);
  return { focus, current, set };
}

import { useCallback, useRef, useState } from 'react';
import type { KeyEvent } from '../keys';
import { applyEdit, type TextState } from '../textEdit';

export interface TextField extends TextState {
  /** Applies a key now; returns the submitted text on Enter. */
  apply(e: KeyEvent): string | undefined;
  /** The value as of the last key, even before the screen has redrawn. */
  current(): string;
  set(value: string): void;
}

/**
 * A text field whose state is also kept in a ref: a scanner's burst ("3760…\r") arrives as
 * several events in one tick, and Enter must submit what the characters before it typed,
 * not the value of the last render.
 */
export function useTextField(initial = '', maxLength = 64): TextField {
  const ref = useRef<TextState>({ value: initial, cursor: initial.length });
  const [state, setState] = useState(ref.current);
  const apply = useCallback((e: KeyEvent) => {
    const r = applyEdit(ref.current, e, maxLength);
    if (r.state !== ref.current) {
      ref.current = r.state;
      setState(r.state);
    }
    return r.submitted;
  }, [maxLength]);
  const set = useCallback((value: string) => {
    ref.current = { value, cursor: value.length };
    setState(ref.current);
  }, []);
  const current = useCallback(() => ref.current.value, []);
  return { ...state, apply, set, current };
}

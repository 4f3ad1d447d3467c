import { useCallback } from 'react';
import type { KeyEvent } from '../keys';
import { applyEdit, type TextState } from '../textEdit';
import { useTickState } from './useTickState';

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
const sameText = (a: TextState, b: TextState) => a.value === b.value && a.cursor === b.cursor;

export function useTextField(initial = '', maxLength = 64): TextField {
  const { shown, current: state, set: setState } = useTickState<TextState>(() => ({ value: initial, cursor: initial.length }), sameText);
  const apply = useCallback((e: KeyEvent) => {
    const r = applyEdit(state(), e, maxLength);
    if (r.state !== state()) setState(r.state);
    return r.submitted;
  }, [maxLength, state, setState]);
  const set = useCallback((value: string) => setState({ value, cursor: value.length }), [setState]);
  const current = useCallback(() => state().value, [state]);
  return { ...shown, apply, set, current };
}

import { useLayoutEffect, useRef } from 'react';
import { decodeKeys, type KeyEvent } from '../keys';
import { fieldKey, isFieldKey, type FieldInput } from '../textEdit';

export type FieldFocus = { field: string; value: string };

export interface FieldKeys {
  /** For the TextField named `field`: whether it still has the keys, as of the last key. */
  holds(field: string): () => boolean;
  /** The screen's key handler (for useKeys): a text field's keys to it, the others to the screen's `onKey`. */
  key(e: KeyEvent): void;
  /** Keys typed ahead in one chunk, after the first Enter (a TextField's onTypeAhead): each as if typed then. */
  ahead(text: string): void;
}

/**
 * Which text field has the keys, for a screen of ink-text-input fields whose state lives in a
 * reducer. A TextField takes keys only once it is drawn (ink-text-input listens from the
 * component): until then (the screen drawn late, a slow terminal, keys typed ahead) its keys
 * would be lost or land in the field drawn before. The screen's state says which field has the
 * focus now (`focusOf`, null while none takes keys, busy included); while the frame drawn says
 * the same, its TextField takes the keys; otherwise they are applied here to the state (`apply`),
 * and the TextField drawn before leaves them alone (`holds`). Other keys go to `onKey`.
 */
export function useFieldKeys<S>(shown: S, current: () => S, focusOf: (s: S) => FieldFocus | null, apply: (e: FieldInput) => void, onKey: (e: KeyEvent) => void): FieldKeys {
  const drawn = useRef(shown);
  useLayoutEffect(() => {
    drawn.current = shown;
  });
  /** A text field's key applied here; false if it is no text field's. */
  const here = (e: KeyEvent, drawnTakes: boolean) => {
    const now = focusOf(current());
    if (!now || !isFieldKey(e)) return false;
    if (drawnTakes && focusOf(drawn.current)?.field === now.field) return true;
    const input = fieldKey(e, now);
    if (input) apply(input);
    return true;
  };
  return {
    holds: (field) => () => focusOf(current())?.field === field,
    key: (e) => void (here(e, true) || onKey(e)),
    ahead: (text) => {
      for (const e of decodeKeys(text)) if (!here(e, false)) onKey(e);
    },
  };
}

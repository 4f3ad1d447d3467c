import { decodeKeys, type KeyEvent } from '../tui/keys';
import { fieldKey, isFieldKey } from '../tui/textEdit';

/** What a screen's reducer hears: keys, and the text and Enter of the field that has the focus. */
export type Heard = { type: 'key'; key: KeyEvent } | { type: 'edit'; field: string; value: string } | { type: 'submit' };

/**
 * Types `text` into a screen's reducer as the screen hears it: each escape sequence is an input
 * event of its own; while an ink-text-input field has the focus (`focus` names it and its
 * value), characters and Backspace edit it and Enter submits it, as TextField reports them;
 * every other key reaches the reducer as a key.
 */
export function typeInto<S, E>(
  state: S,
  text: string,
  o: { step(s: S, e: Heard): { state: S; effect: E }; focus(s: S): { field: string; value: string } | null },
): { state: S; effects: E[] } {
  const effects: E[] = [];
  const keys = text.split(/(\x1b(?:\[\d*~|\[[A-D]|O[P-S])?)/).filter(Boolean).flatMap(decodeKeys);
  for (const key of keys) {
    const f = o.focus(state);
    let heard: Heard | null = { type: 'key', key };
    // The cursor keys move inside the field: nothing for the reducer.
    if (f && isFieldKey(key)) heard = fieldKey(key, f);
    if (!heard) continue;
    const r = o.step(state, heard);
    state = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state, effects };
}

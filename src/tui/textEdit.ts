import type { KeyEvent } from './keys';

export interface TextState {
  value: string;
  cursor: number;
}

export type EditResult = { state: TextState; submitted?: string };

/** One key applied to a one-line text field; Enter submits the value and empties the field. */
export function applyEdit(s: TextState, e: KeyEvent, maxLength = 64): EditResult {
  switch (e.name) {
    case 'char': {
      if (e.ctrl) return { state: s };
      const text = e.text.slice(0, Math.max(0, maxLength - s.value.length));
      return { state: { value: s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor), cursor: s.cursor + text.length } };
    }
    case 'backspace':
      if (s.cursor === 0) return { state: s };
      return { state: { value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1 } };
    case 'delete':
      return { state: { value: s.value.slice(0, s.cursor) + s.value.slice(s.cursor + 1), cursor: s.cursor } };
    case 'left':
      return { state: { ...s, cursor: Math.max(0, s.cursor - 1) } };
    case 'right':
      return { state: { ...s, cursor: Math.min(s.value.length, s.cursor + 1) } };
    case 'home':
      return { state: { ...s, cursor: 0 } };
    case 'end':
      return { state: { ...s, cursor: s.value.length } };
    case 'return':
      return { state: { value: '', cursor: 0 }, submitted: s.value };
    default:
      return { state: s };
  }
}

/**
 * Keys a focused ink-text-input field takes itself (components/TextField): a screen whose focus
 * is on such a field leaves them alone, and learns of Enter from the field's onSubmit.
 */
export function isFieldKey(e: KeyEvent): boolean {
  return (e.name === 'char' && !e.ctrl) || ['return', 'backspace', 'delete', 'left', 'right', 'home', 'end'].includes(e.name);
}

/** What one input event did to a text field: its text, whether it ended with Enter, and what followed that Enter. */
export interface Typed {
  value: string;
  /** The chunk held a line break: Enter, after the text before it. */
  enter: boolean;
  /** What followed the first line break (CR, CRLF or LF), as typed: keys for whatever has them next. */
  ahead: string;
}

/**
 * One input event's characters applied to a text field at `cursor`, as a keyboard would have
 * typed them one by one: a chunk may hold several keys (a scanner's code and its CR, a held
 * Backspace repeating, a fast typist on a slow terminal). Text is inserted, each Backspace
 * (DEL or BS) removes the character before, other control characters (a Tab) are no text; the
 * first line break is Enter, and the rest is typed ahead, untouched.
 */
export function typeChunk(value: string, cursor: number, raw: string): Typed {
  let before = value.slice(0, cursor);
  const after = value.slice(cursor);
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\r' || ch === '\n') {
      const next = i + (ch === '\r' && raw[i + 1] === '\n' ? 2 : 1);
      return { value: before + after, enter: true, ahead: raw.slice(next) };
    }
    if (ch === '\x7f' || ch === '\b') before = [...before].slice(0, -1).join('');
    else if (!/[\x00-\x1f]/.test(ch)) before += ch;
  }
  return { value: before + after, enter: false, ahead: '' };
}

/** A text field's edit or Enter, as its screen's reducer takes them. */
export type FieldInput = { type: 'edit'; field: string; value: string } | { type: 'submit' };

/**
 * A key for the text field `f` (its name and value), applied as TextField would: characters at
 * the end, Backspace, Enter. The cursor keys give nothing here.
 */
export function fieldKey(e: KeyEvent, f: { field: string; value: string }): FieldInput | null {
  if (e.name === 'char' && !e.ctrl) return { type: 'edit', field: f.field, value: f.value + e.text };
  if (e.name === 'backspace') return { type: 'edit', field: f.field, value: f.value.slice(0, -1) };
  if (e.name === 'return') return { type: 'submit' };
  return null;
}

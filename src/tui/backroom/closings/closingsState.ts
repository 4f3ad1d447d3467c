import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';

// The back room's closing screen, as a plain reducer: which key closes what, scrolling through
// the document shown (the X report as the screen opens, then each Z made), one job at a time.

/** What a key closes: this till's day (F2), the store's day (F3), last month (F4), last year (F5). */
export type CloseOrder = { scope: 'terminal' | 'store'; kind: 'day' | 'month' | 'year' };

export const CLOSE_KEYS: Partial<Record<string, CloseOrder>> = {
  f2: { scope: 'terminal', kind: 'day' },
  f3: { scope: 'store', kind: 'day' },
  f4: { scope: 'store', kind: 'month' },
  f5: { scope: 'store', kind: 'year' },
};

export interface ClosingsState {
  lines: string[];
  top: number;
  busy: boolean;
  message: Message | null;
  /** A document is shown that F6 can print. */
  printable: boolean;
}

export type ClosingsEvent =
  | { type: 'key'; key: KeyEvent; page: number }
  | { type: 'shown'; lines: string[]; printable: boolean; message?: Message | null }
  | { type: 'failed'; message: Message };

export type ClosingsEffect = { kind: 'close'; order: CloseOrder } | { kind: 'print' } | { kind: 'back' };

export const initialClosings: ClosingsState = { lines: [], top: 0, busy: true, message: null, printable: false };

export function closingsReducer(s: ClosingsState, e: ClosingsEvent): { state: ClosingsState; effect?: ClosingsEffect } {
  if (e.type === 'shown') return { state: { ...s, lines: e.lines, top: 0, busy: false, printable: e.printable, message: e.message ?? null } };
  if (e.type === 'failed') return { state: { ...s, busy: false, message: e.message } };
  const { name } = e.key;
  if (name === 'escape') return { state: s, effect: { kind: 'back' } };
  const maxTop = Math.max(0, s.lines.length - e.page);
  if (name === 'up') return { state: { ...s, top: Math.max(0, s.top - 1) } };
  if (name === 'down') return { state: { ...s, top: Math.min(maxTop, s.top + 1) } };
  if (name === 'pageup') return { state: { ...s, top: Math.max(0, s.top - e.page) } };
  if (name === 'pagedown') return { state: { ...s, top: Math.min(maxTop, s.top + e.page) } };
  if (s.busy) return { state: s };
  const order = CLOSE_KEYS[name];
  if (order) return { state: { ...s, busy: true, message: null }, effect: { kind: 'close', order } };
  if (name === 'f6' && s.printable) return { state: { ...s, busy: true, message: null }, effect: { kind: 'print' } };
  return { state: s };
}

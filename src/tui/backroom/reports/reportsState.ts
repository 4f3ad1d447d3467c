import type { ReportKind } from '../../../app/reports/reports';
import { formatDay } from '../../../domain/day';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';

// The back office's reports: a report picked by its key (F2 sales, F3 payments, F4 what is owed,
// F5 gift cards), the first and last day typed, Enter to work it out; the lines it gives scroll.

export const REPORT_KEYS: { key: 'f2' | 'f3' | 'f4' | 'f5'; kind: ReportKind }[] = [
  { key: 'f2', kind: 'sales' },
  { key: 'f3', kind: 'payments' },
  { key: 'f4', kind: 'liabilities' },
  { key: 'f5', kind: 'giftcards' },
];

export type DateField = 'from' | 'to';

export interface ReportsState {
  kind: ReportKind;
  from: TextState;
  to: TextState;
  focus: DateField;
  /** The report's lines as last worked out, and how far down they are scrolled. */
  lines: readonly string[];
  top: number;
  busy: boolean;
  message: Message | null;
}

export interface RunOrder {
  kind: ReportKind;
  from: string;
  to: string;
}

export type ReportsEvent =
  | { type: 'key'; key: KeyEvent; page: number }
  | { type: 'shown'; lines: readonly string[] }
  | { type: 'failed'; message: Message };

export type ReportsEffect = { kind: 'run'; order: RunOrder } | { kind: 'back' } | null;

const text = (value: string): TextState => ({ value, cursor: value.length });

/** Today's sales, as the screen opens (`today` as YYYY-MM-DD). */
export function initialReports(today: string): ReportsState {
  return { kind: 'sales', from: text(formatDay(today)), to: text(formatDay(today)), focus: 'from', lines: [], top: 0, busy: true, message: null };
}

export function firstOrder(s: ReportsState): RunOrder {
  return { kind: s.kind, from: s.from.value, to: s.to.value };
}

function run(s: ReportsState): { state: ReportsState; effect: ReportsEffect } {
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'run', order: firstOrder(s) } };
}

export function reportsReducer(s: ReportsState, e: ReportsEvent): { state: ReportsState; effect: ReportsEffect } {
  const none = (state: ReportsState) => ({ state, effect: null });
  if (e.type === 'shown') return none({ ...s, lines: e.lines, top: 0, busy: false, message: null });
  if (e.type === 'failed') return none({ ...s, busy: false, message: e.message });
  const k = e.key;
  const last = Math.max(0, s.lines.length - e.page);
  const picked = REPORT_KEYS.find((r) => r.key === k.name);
  if (picked) return run({ ...s, kind: picked.kind });
  switch (k.name) {
    case 'escape':
      return { state: s, effect: { kind: 'back' } };
    case 'return':
      return run(s);
    case 'tab':
      return none({ ...s, focus: s.focus === 'from' ? 'to' : 'from' });
    case 'up':
      return none({ ...s, top: Math.max(0, s.top - 1) });
    case 'down':
      return none({ ...s, top: Math.min(last, s.top + 1) });
    case 'pageup':
      return none({ ...s, top: Math.max(0, s.top - e.page) });
    case 'pagedown':
      return none({ ...s, top: Math.min(last, s.top + e.page) });
    default: {
      const edited = applyEdit(s[s.focus], k, 10).state;
      return none({ ...s, [s.focus]: edited });
    }
  }
}

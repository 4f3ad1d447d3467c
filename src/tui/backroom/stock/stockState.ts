import type { StockRow } from '../../../data/stock';
import { parseStockQty } from '../../../domain/stock';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';

// The stock screen of the back room: the items to reorder (at or under their threshold), and
// on the selected one (or any item typed) goods received, a count, or an adjustment with its
// reason, which a manager approves.

export type StockAction = 'receive' | 'count' | 'adjust';
export type StockField = 'item' | 'qty' | 'reason';

export const ACTION_KEYS: Partial<Record<KeyEvent['name'], StockAction>> = { f2: 'receive', f3: 'count', f4: 'adjust' };
const FIELDS: Record<StockAction, readonly StockField[]> = { receive: ['item', 'qty'], count: ['item', 'qty'], adjust: ['item', 'qty', 'reason'] };

export interface StockForm {
  action: StockAction;
  fields: Record<StockField, TextState>;
  focus: StockField;
}

export interface Approval {
  code: TextState;
  pin: TextState;
  focus: 'code' | 'pin';
}

export interface StockState {
  rows: readonly StockRow[];
  index: number;
  form: StockForm | null;
  /** A manager's code and PIN, asked before an adjustment by a cashier. */
  approval: Approval | null;
  busy: boolean;
  message: Message | null;
}

export type StockEvent =
  | { type: 'rows'; rows: readonly StockRow[] }
  | { type: 'key'; key: KeyEvent; manager: boolean; page: number }
  | { type: 'done'; message: Message }
  | { type: 'failed'; message: Message };

export interface BookOrder {
  action: StockAction;
  code: string;
  qty: string;
  reason: string;
  /** A manager's code and PIN when the operator is not one (an adjustment). */
  approval: { code: string; pin: string } | null;
}

export type StockEffect = { kind: 'book'; order: BookOrder } | { kind: 'back' } | null;

const EMPTY: TextState = { value: '', cursor: 0 };
const text = (value: string): TextState => ({ value, cursor: value.length });

export const initialStock: StockState = { rows: [], index: 0, form: null, approval: null, busy: false, message: null };

export function fieldsOf(action: StockAction): readonly StockField[] {
  return FIELDS[action];
}

function openForm(s: StockState, action: StockAction): StockState {
  const sku = s.rows[s.index]?.sku ?? '';
  return { ...s, form: { action, fields: { item: text(sku), qty: EMPTY, reason: EMPTY }, focus: sku ? 'qty' : 'item' }, approval: null, message: null };
}

/** The form read: what to book, or why not (a quantity that makes no sense for the action, no reason). */
function order(form: StockForm): { order: Omit<BookOrder, 'approval'> } | { error: Message } {
  const { action, fields } = form;
  const code = fields.item.value.trim();
  if (code === '') return { error: { key: 'stock.line.noItem', tone: 'error' } };
  const read = parseStockQty(fields.qty.value, action);
  if ('error' in read) return { error: { key: read.error, params: { text: fields.qty.value.trim() }, tone: 'error' } };
  if (action === 'adjust' && fields.reason.value.trim() === '') return { error: { key: 'stock.reasonMissing', tone: 'error' } };
  return { order: { action, code, qty: fields.qty.value.trim(), reason: fields.reason.value.trim() } };
}

function formKey(s: StockState, form: StockForm, k: KeyEvent, manager: boolean): { state: StockState; effect: StockEffect } {
  const none = (state: StockState) => ({ state, effect: null });
  const fields = FIELDS[form.action];
  if (k.name === 'escape') return none({ ...s, form: null, message: null });
  if (k.name === 'tab' || k.name === 'up' || k.name === 'down') {
    const i = (fields.indexOf(form.focus) + (k.name === 'up' ? -1 : 1) + fields.length) % fields.length;
    return none({ ...s, form: { ...form, focus: fields[i]! } });
  }
  if (k.name === 'return') {
    // Enter goes to the next field until the last, then books.
    const at = fields.indexOf(form.focus);
    if (at < fields.length - 1 && form.fields[fields[at + 1]!].value === '') return none({ ...s, form: { ...form, focus: fields[at + 1]! } });
    const read = order(form);
    if ('error' in read) return none({ ...s, message: read.error });
    if (form.action === 'adjust' && !manager) return none({ ...s, approval: { code: EMPTY, pin: EMPTY, focus: 'code' }, message: null });
    return { state: { ...s, busy: true, message: null }, effect: { kind: 'book', order: { ...read.order, approval: null } } };
  }
  const edited = applyEdit(form.fields[form.focus], k, form.focus === 'reason' ? 200 : form.focus === 'item' ? 40 : 9).state;
  return none({ ...s, form: { ...form, fields: { ...form.fields, [form.focus]: edited } } });
}

function approvalKey(s: StockState, form: StockForm, a: Approval, k: KeyEvent): { state: StockState; effect: StockEffect } {
  const none = (state: StockState) => ({ state, effect: null });
  if (k.name === 'escape') return none({ ...s, approval: null });
  const field = a.focus;
  const r = applyEdit(a[field], k, 12);
  if (r.submitted === undefined) return none({ ...s, approval: { ...a, [field]: r.state } });
  if (field === 'code') return none({ ...s, approval: r.submitted.trim() ? { ...a, code: text(r.submitted), focus: 'pin' } : a });
  const read = order(form);
  if ('error' in read) return none({ ...s, approval: null, message: read.error });
  return { state: { ...s, approval: null, busy: true, message: null }, effect: { kind: 'book', order: { ...read.order, approval: { code: a.code.value.trim(), pin: r.submitted } } } };
}

/** Applies an event; says what the screen must do about it (book, go back). */
export function stockReducer(s: StockState, e: StockEvent): { state: StockState; effect: StockEffect } {
  const none = (state: StockState) => ({ state, effect: null });
  switch (e.type) {
    case 'rows':
      return none({ ...s, rows: e.rows, index: Math.max(0, Math.min(s.index, e.rows.length - 1)) });
    case 'done':
      return none({ ...s, busy: false, form: null, approval: null, message: e.message });
    case 'failed':
      return none({ ...s, busy: false, message: e.message });
    case 'key': {
      const k = e.key;
      if (s.busy) return none(s);
      if (s.form && s.approval) return approvalKey(s, s.form, s.approval, k);
      if (s.form) return formKey(s, s.form, k, e.manager);
      if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
      const action = ACTION_KEYS[k.name];
      if (action) return none(openForm(s, action));
      const step = k.name === 'up' ? -1 : k.name === 'down' ? 1 : k.name === 'pageup' ? -e.page : k.name === 'pagedown' ? e.page : 0;
      if (step !== 0) return none({ ...s, index: Math.max(0, Math.min(s.rows.length - 1, s.index + step)), message: null });
      return none(s);
    }
  }
}

import type { StockRow } from '../../../data/stock';
import { parseStockQty } from '../../../domain/stock';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { isFieldKey } from '../../textEdit';
import { approvalEvent, approvalFocus, approvalInput, newApproval, type Approval } from '../vouchers/approvalState';

// The stock screen of the back room: the items to reorder (at or under their threshold), and
// on the selected one (or any item typed) goods received, a count, or an adjustment with its
// reason, which a manager approves. The fields are ink-text-input's (components/TextField):
// their text and Enter come as events.

export type StockAction = 'receive' | 'count' | 'adjust';
export type StockField = 'item' | 'qty' | 'reason';

export const ACTION_KEYS: Partial<Record<KeyEvent['name'], StockAction>> = { f2: 'receive', f3: 'count', f4: 'adjust' };
const FIELDS: Record<StockAction, readonly StockField[]> = { receive: ['item', 'qty'], count: ['item', 'qty'], adjust: ['item', 'qty', 'reason'] };
/** How long each field's text may be. */
export const STOCK_FIELD_LENGTH: Record<StockField, number> = { item: 40, qty: 9, reason: 200 };

export interface StockForm {
  action: StockAction;
  fields: Record<StockField, string>;
  focus: StockField;
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
  /** The text of the field named so (the form's, or the approval's: approvalFieldName). */
  | { type: 'edit'; field: string; value: string }
  /** Enter on the field that has the keys. */
  | { type: 'submit'; manager: boolean }
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

export const initialStock: StockState = { rows: [], index: 0, form: null, approval: null, busy: false, message: null };

export function fieldsOf(action: StockAction): readonly StockField[] {
  return FIELDS[action];
}

/** The text field that has the keys, named as the screen names it (useFieldKeys); null while none has. */
export function stockFocus(s: StockState): { field: string; value: string } | null {
  if (s.busy || !s.form) return null;
  if (s.approval) return approvalFocus(s.approval);
  return { field: s.form.focus, value: s.form.fields[s.form.focus] };
}

function openForm(s: StockState, action: StockAction): StockState {
  const sku = s.rows[s.index]?.sku ?? '';
  return { ...s, form: { action, fields: { item: sku, qty: '', reason: '' }, focus: sku ? 'qty' : 'item' }, approval: null, message: null };
}

/** The form read: what to book, or why not (a quantity that makes no sense for the action, no reason). */
function order(form: StockForm): { order: Omit<BookOrder, 'approval'> } | { error: Message } {
  const { action, fields } = form;
  const code = fields.item.trim();
  if (code === '') return { error: { key: 'stock.line.noItem', tone: 'error' } };
  const read = parseStockQty(fields.qty, action);
  if ('error' in read) return { error: { key: read.error, params: { text: fields.qty.trim() }, tone: 'error' } };
  if (action === 'adjust' && fields.reason.trim() === '') return { error: { key: 'stock.reasonMissing', tone: 'error' } };
  return { order: { action, code, qty: fields.qty.trim(), reason: fields.reason.trim() } };
}

function formKey(s: StockState, form: StockForm, k: KeyEvent): StockState {
  const fields = FIELDS[form.action];
  if (k.name === 'escape') return { ...s, form: null, message: null };
  if (k.name === 'tab' || k.name === 'up' || k.name === 'down') {
    const i = (fields.indexOf(form.focus) + (k.name === 'up' ? -1 : 1) + fields.length) % fields.length;
    return { ...s, form: { ...form, focus: fields[i]! } };
  }
  return s;
}

/** Enter goes to the next field until the last, then books (a cashier's adjustment once a manager approves it). */
function formSubmit(s: StockState, form: StockForm, manager: boolean): { state: StockState; effect: StockEffect } {
  const none = (state: StockState) => ({ state, effect: null });
  const fields = FIELDS[form.action];
  const at = fields.indexOf(form.focus);
  if (at < fields.length - 1 && form.fields[fields[at + 1]!] === '') return none({ ...s, form: { ...form, focus: fields[at + 1]! } });
  const read = order(form);
  if ('error' in read) return none({ ...s, message: read.error });
  if (form.action === 'adjust' && !manager) return none({ ...s, approval: newApproval(), message: null });
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'book', order: { ...read.order, approval: null } } };
}

function approvalStep(s: StockState, form: StockForm, a: Approval, e: Parameters<typeof approvalEvent>[1]): { state: StockState; effect: StockEffect } {
  const r = approvalEvent(a, e);
  if (!r.submit) return { state: { ...s, approval: r.approval }, effect: null };
  const read = order(form);
  if ('error' in read) return { state: { ...s, approval: null, message: read.error }, effect: null };
  return { state: { ...s, approval: null, busy: true, message: null }, effect: { kind: 'book', order: { ...read.order, approval: { code: r.submit.code.trim(), pin: r.submit.pin } } } };
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
    case 'edit': {
      if (s.busy || !s.form) return none(s);
      if (s.approval) {
        const input = approvalInput(e);
        return input ? approvalStep(s, s.form, s.approval, input) : none(s);
      }
      const field = FIELDS[s.form.action].find((f) => f === e.field);
      if (!field) return none(s);
      return none({ ...s, form: { ...s.form, fields: { ...s.form.fields, [field]: e.value.slice(0, STOCK_FIELD_LENGTH[field]) } } });
    }
    case 'submit':
      if (s.busy || !s.form) return none(s);
      if (s.approval) return approvalStep(s, s.form, s.approval, { type: 'submit' });
      return formSubmit(s, s.form, e.manager);
    case 'key': {
      const k = e.key;
      if (s.busy) return none(s);
      if (s.form && s.approval) return k.name === 'escape' ? none({ ...s, approval: null }) : approvalStep(s, s.form, s.approval, { type: 'key', key: k });
      // The form's text fields take their keys themselves.
      if (s.form) return none(isFieldKey(k) ? s : formKey(s, s.form, k));
      if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
      const action = ACTION_KEYS[k.name];
      if (action) return none(openForm(s, action));
      const step = k.name === 'up' ? -1 : k.name === 'down' ? 1 : k.name === 'pageup' ? -e.page : k.name === 'pagedown' ? e.page : 0;
      if (step !== 0) return none({ ...s, index: Math.max(0, Math.min(s.rows.length - 1, s.index + step)), message: null });
      return none(s);
    }
  }
}

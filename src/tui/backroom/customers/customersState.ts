import type { CustomerSummary, Cursor } from '../../../data/customersSearch';
import { shiftMonth } from '../../../domain/customer/account';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { formEvent, formValues, type FormEvent, type FormState } from '../../customers/form';

// The back-office customers screen: a search (name, phone, e-mail, card) with filters, pages of
// results, a customer's record, and from it: edit, give a card, take a payment onto the
// account, the month's statement, their vouchers. A pure reducer; the screen runs what it asks for.
// Text fields are ink-text-input's (components/TextField): their text and Enter come as events.

export type Status = 'active' | 'inactive' | 'all';
const STATUSES: Status[] = ['active', 'inactive', 'all'];
export const PAYMENT_METHODS = ['cash', 'card', 'cheque', 'transfer'] as const;

export interface ListQuery {
  text: string;
  status: Status;
  groupCode: string | null;
  owing: boolean;
}

export type View =
  | { kind: 'list' }
  | { kind: 'record'; id: number }
  | { kind: 'form'; id: number | null; form: FormState }
  | { kind: 'card'; id: number; input: string }
  /** A payment onto the account: the amount, then the method (accountPayForm). */
  | { kind: 'pay'; id: number; form: FormState }
  | { kind: 'statement'; id: number; month: { year: number; month: number } }
  /** Every voucher of the customer and its uses, from line `top`. */
  | { kind: 'vouchers'; id: number; top: number };

export interface CustomersState {
  view: View;
  text: string;
  status: Status;
  /** Index in the groups offered; -1: all groups. */
  group: number;
  owing: boolean;
  /** The query of the rows shown, and where each page shown so far started (paging back). */
  query: ListQuery | null;
  /** Searches asked so far: only the answer to the last one is shown, whatever order they come back in. */
  searches: number;
  starts: (Cursor | null)[];
  rows: CustomerSummary[];
  next: Cursor | null;
  index: number;
  message: Message | null;
}

export const initialCustomers: CustomersState = {
  view: { kind: 'list' }, text: '', status: 'active', group: -1, owing: false,
  query: null, searches: 0, starts: [], rows: [], next: null, index: 0, message: null,
};

export type Effect =
  | { kind: 'search'; query: ListQuery; after: Cursor | null; page: number; seq: number }
  | { kind: 'open'; id: number }
  | { kind: 'newForm' }
  | { kind: 'editForm'; id: number }
  | { kind: 'payForm'; id: number }
  | { kind: 'save'; id: number | null; form: FormState }
  | { kind: 'card'; id: number; code: string }
  | { kind: 'pay'; id: number; amount: string; method: (typeof PAYMENT_METHODS)[number] }
  | { kind: 'statement'; id: number; month: { year: number; month: number } }
  | { kind: 'back' }
  | null;

/** How far a long view can scroll: its last first line, and the lines one page shows. */
export interface Scroll {
  maxTop: number;
  page: number;
}

export type CustomersEvent =
  | { type: 'key'; key: KeyEvent; groups: readonly string[]; thisMonth: { year: number; month: number }; scroll?: Scroll }
  /** The text of the field that has the keys: the search, the card, a form's field. */
  | { type: 'edit'; field: string; value: string }
  /** Enter in the text field that has the keys. */
  | { type: 'submit'; groups: readonly string[] }
  /** The screen opens: the first search. */
  | { type: 'start'; groups: readonly string[] }
  | { type: 'page'; seq: number; query: ListQuery; page: number; after: Cursor | null; rows: CustomerSummary[]; next: Cursor | null }
  | { type: 'view'; view: View }
  | { type: 'message'; message: Message | null };

function queryOf(s: CustomersState, groups: readonly string[]): ListQuery {
  return { text: s.text.trim(), status: s.status, groupCode: groups[s.group] ?? null, owing: s.owing };
}

function search(s: CustomersState, query: ListQuery, after: Cursor | null, page: number): { state: CustomersState; effect: Effect } {
  const seq = s.searches + 1;
  return { state: { ...s, searches: seq }, effect: { kind: 'search', query, after, page, seq } };
}

/** A filter changed: the search runs again from its first page. */
function refilter(s: CustomersState, groups: readonly string[]): { state: CustomersState; effect: Effect } {
  return search(s, queryOf(s, groups), null, 0);
}

export function customersReducer(s: CustomersState, e: CustomersEvent): { state: CustomersState; effect: Effect } {
  switch (e.type) {
    case 'start':
      return refilter(s, e.groups);
    case 'page': {
      // A slower, older search must not replace the rows of the filters now shown.
      if (e.seq !== s.searches) return { state: s, effect: null };
      const starts = s.starts.slice(0, e.page);
      starts[e.page] = e.after;
      // Results may come after the cashier moved on (a form opened): the view stays as it is.
      return { state: { ...s, query: e.query, starts, rows: e.rows, next: e.next, index: 0 }, effect: null };
    }
    case 'view':
      return { state: { ...s, view: e.view }, effect: null };
    case 'message':
      return { state: { ...s, message: e.message }, effect: null };
    case 'key':
      return onKey({ ...s, message: null }, e.key, e.groups, e.thisMonth, e.scroll ?? { maxTop: 0, page: 1 });
    case 'edit':
      return onText(s, e);
    case 'submit':
      return onText({ ...s, message: null }, e);
  }
}

/** The field that has the keys in a view, if it is a text field. */
export function textFocus(s: CustomersState): { field: string; value: string } | null {
  const v = s.view;
  if (v.kind === 'list') return { field: 'search', value: s.text };
  if (v.kind === 'card') return { field: 'card', value: v.input };
  if (v.kind === 'form' || v.kind === 'pay') {
    const f = v.form.fields[v.form.focus];
    return f && !f.locked && !f.options ? { field: f.name, value: f.value } : null;
  }
  return null;
}

/** A text field's edit or Enter, in the view that has it. */
function onText(s: CustomersState, e: { type: 'edit'; field: string; value: string } | { type: 'submit'; groups: readonly string[] }): { state: CustomersState; effect: Effect } {
  const v = s.view;
  const none = (state: CustomersState) => ({ state, effect: null });
  switch (v.kind) {
    case 'list':
      if (e.type === 'edit') return none(e.field === 'search' ? { ...s, text: e.value.slice(0, 40) } : s);
      return listEnter(s, e.groups);
    case 'card': {
      if (e.type === 'edit') return none(e.field === 'card' ? { ...s, view: { ...v, input: e.value.slice(0, 40) } } : s);
      const code = v.input.trim();
      return code ? { state: s, effect: { kind: 'card', id: v.id, code } } : none(s);
    }
    case 'form':
    case 'pay':
      return inForm(s, v, e.type === 'edit' ? e : { type: 'submit' });
    default:
      return none(s);
  }
}

/** Enter on the list: the search again if its text changed, else the customer chosen. */
function listEnter(s: CustomersState, groups: readonly string[]): { state: CustomersState; effect: Effect } {
  const query = queryOf(s, groups);
  if (!s.query || query.text !== s.query.text) return refilter(s, groups);
  const row = s.rows[s.index];
  return { state: s, effect: row ? { kind: 'open', id: row.id } : null };
}

/** An event of the customer's form or of the payment form; each submits on its last field. */
function inForm(s: CustomersState, v: Extract<View, { kind: 'form' | 'pay' }>, e: FormEvent): { state: CustomersState; effect: Effect } {
  const r = formEvent(v.form, e);
  if (r.cancel) {
    if (v.kind === 'pay') return { state: { ...s, view: { kind: 'record', id: v.id } }, effect: null };
    return v.id === null ? { state: { ...s, view: { kind: 'list' } }, effect: null } : { state: s, effect: { kind: 'open', id: v.id } };
  }
  const state = { ...s, view: { ...v, form: r.form } };
  if (!r.submit) return { state, effect: null };
  if (v.kind === 'form') return { state, effect: { kind: 'save', id: v.id, form: r.form } };
  const { amount, method } = formValues(r.form);
  return { state, effect: { kind: 'pay', id: v.id, amount: amount!, method: method as (typeof PAYMENT_METHODS)[number] } };
}

const SCROLL_STEPS: Partial<Record<KeyEvent['name'], (page: number, maxTop: number) => number>> = {
  up: () => -1, down: () => 1, pageup: (page) => -page, pagedown: (page) => page, home: (_, max) => -max, end: (_, max) => max,
};

function onKey(s: CustomersState, k: KeyEvent, groups: readonly string[], thisMonth: { year: number; month: number }, scroll: Scroll): { state: CustomersState; effect: Effect } {
  const v = s.view;
  const none = (state: CustomersState) => ({ state, effect: null });
  switch (v.kind) {
    case 'list': {
      if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
      if (k.name === 'f2') return refilter({ ...s, status: STATUSES[(STATUSES.indexOf(s.status) + 1) % STATUSES.length]! }, groups);
      if (k.name === 'f3') return refilter({ ...s, group: s.group + 1 >= groups.length ? -1 : s.group + 1 }, groups);
      if (k.name === 'f4') return refilter({ ...s, owing: !s.owing }, groups);
      if (k.name === 'f5') return { state: s, effect: { kind: 'newForm' } };
      if (k.name === 'up' || k.name === 'down') return none({ ...s, index: Math.max(0, Math.min(s.rows.length - 1, s.index + (k.name === 'up' ? -1 : 1))) });
      const page = s.starts.length - 1;
      if (k.name === 'pagedown' && s.next && s.query) return search(s, s.query, s.next, page + 1);
      if (k.name === 'pageup' && page > 0 && s.query) return search(s, s.query, s.starts[page - 1] ?? null, page - 1);
      // The search field takes the other keys; its Enter comes as a submit.
      return none(s);
    }
    case 'record':
      if (k.name === 'escape') return none({ ...s, view: { kind: 'list' } });
      if (k.name === 'f2') return { state: s, effect: { kind: 'editForm', id: v.id } };
      if (k.name === 'f3') return none({ ...s, view: { kind: 'card', id: v.id, input: '' } });
      if (k.name === 'f4') return { state: s, effect: { kind: 'payForm', id: v.id } };
      if (k.name === 'f5') return { state: s, effect: { kind: 'statement', id: v.id, month: thisMonth } };
      if (k.name === 'f6') return none({ ...s, view: { kind: 'vouchers', id: v.id, top: 0 } });
      return none(s);
    case 'vouchers': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      const step = SCROLL_STEPS[k.name];
      if (!step) return none(s);
      return none({ ...s, view: { ...v, top: Math.max(0, Math.min(scroll.maxTop, v.top + step(scroll.page, scroll.maxTop))) } });
    }
    case 'form':
    case 'pay':
      return inForm(s, v, { type: 'key', key: k });
    case 'card':
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      return none(s);
    case 'statement': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      if (k.name === 'left' || k.name === 'right') return { state: s, effect: { kind: 'statement', id: v.id, month: shiftMonth(v.month, k.name === 'left' ? -1 : 1) } };
      return none(s);
    }
  }
}

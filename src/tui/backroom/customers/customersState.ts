import type { CustomerSummary, Cursor } from '../../../data/customersSearch';
import { shiftMonth } from '../../../domain/customer/account';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';
import { formKey, type FormState } from '../../customers/form';

// The back-office customers screen: a search (name, phone, e-mail, card) with filters, pages of
// results, a customer's record, and from it: edit, give a card, take a payment onto the
// account, the month's statement, their vouchers. A pure reducer; the screen runs what it asks for.

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
  | { kind: 'card'; id: number; input: TextState }
  | { kind: 'pay'; id: number; amount: TextState; method: number }
  | { kind: 'statement'; id: number; month: { year: number; month: number } }
  /** Every voucher of the customer and its uses, from line `top`. */
  | { kind: 'vouchers'; id: number; top: number };

export interface CustomersState {
  view: View;
  text: TextState;
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
  view: { kind: 'list' }, text: { value: '', cursor: 0 }, status: 'active', group: -1, owing: false,
  query: null, searches: 0, starts: [], rows: [], next: null, index: 0, message: null,
};

export type Effect =
  | { kind: 'search'; query: ListQuery; after: Cursor | null; page: number; seq: number }
  | { kind: 'open'; id: number }
  | { kind: 'newForm' }
  | { kind: 'editForm'; id: number }
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
  /** The screen opens: the first search. */
  | { type: 'start'; groups: readonly string[] }
  | { type: 'page'; seq: number; query: ListQuery; page: number; after: Cursor | null; rows: CustomerSummary[]; next: Cursor | null }
  | { type: 'view'; view: View }
  | { type: 'message'; message: Message | null };

const EMPTY: TextState = { value: '', cursor: 0 };

function queryOf(s: CustomersState, groups: readonly string[]): ListQuery {
  return { text: s.text.value.trim(), status: s.status, groupCode: groups[s.group] ?? null, owing: s.owing };
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
  }
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
      if (k.name === 'return') {
        const query = queryOf(s, groups);
        if (!s.query || query.text !== s.query.text) return refilter(s, groups);
        const row = s.rows[s.index];
        return row ? { state: s, effect: { kind: 'open', id: row.id } } : none(s);
      }
      return none({ ...s, text: applyEdit(s.text, k, 40).state });
    }
    case 'record':
      if (k.name === 'escape') return none({ ...s, view: { kind: 'list' } });
      if (k.name === 'f2') return { state: s, effect: { kind: 'editForm', id: v.id } };
      if (k.name === 'f3') return none({ ...s, view: { kind: 'card', id: v.id, input: EMPTY } });
      if (k.name === 'f4') return none({ ...s, view: { kind: 'pay', id: v.id, amount: EMPTY, method: 0 } });
      if (k.name === 'f5') return { state: s, effect: { kind: 'statement', id: v.id, month: thisMonth } };
      if (k.name === 'f6') return none({ ...s, view: { kind: 'vouchers', id: v.id, top: 0 } });
      return none(s);
    case 'vouchers': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      const step = SCROLL_STEPS[k.name];
      if (!step) return none(s);
      return none({ ...s, view: { ...v, top: Math.max(0, Math.min(scroll.maxTop, v.top + step(scroll.page, scroll.maxTop))) } });
    }
    case 'form': {
      const r = formKey(v.form, k);
      if (r.cancel) return v.id === null ? none({ ...s, view: { kind: 'list' } }) : { state: s, effect: { kind: 'open', id: v.id } };
      return { state: { ...s, view: { ...v, form: r.form } }, effect: r.submit ? { kind: 'save', id: v.id, form: r.form } : null };
    }
    case 'card': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      const r = applyEdit(v.input, k, 40);
      if (r.submitted === undefined) return none({ ...s, view: { ...v, input: r.state } });
      return r.submitted.trim() ? { state: s, effect: { kind: 'card', id: v.id, code: r.submitted.trim() } } : none(s);
    }
    case 'pay': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      // Tab picks the method; the amount takes the other keys.
      if (k.name === 'tab') return none({ ...s, view: { ...v, method: (v.method + 1) % PAYMENT_METHODS.length } });
      const r = applyEdit(v.amount, k, 12);
      if (r.submitted === undefined) return none({ ...s, view: { ...v, amount: r.state } });
      return { state: s, effect: { kind: 'pay', id: v.id, amount: r.submitted, method: PAYMENT_METHODS[v.method]! } };
    }
    case 'statement': {
      if (k.name === 'escape') return none({ ...s, view: { kind: 'record', id: v.id } });
      if (k.name === 'left' || k.name === 'right') return { state: s, effect: { kind: 'statement', id: v.id, month: shiftMonth(v.month, k.name === 'left' ? -1 : 1) } };
      return none(s);
    }
  }
}

import type { CustomerSummary } from '../../data/customersSearch';
import { splitName } from '../../domain/customer/input';
import type { KeyEvent } from '../keys';
import { applyEdit, type TextState } from '../textEdit';
import { formKey, makeForm, type FormState } from './form';

// The customer panel of the sale screen (F7): type a name, phone, e-mail or card and Enter to
// search; pick a customer to put them on the ticket, or "add X as a new customer"; give a card.

export type Row = { kind: 'customer'; customer: CustomerSummary } | { kind: 'add'; name: string };

export type Mode =
  | { kind: 'search' }
  | { kind: 'form'; form: FormState }
  | { kind: 'card'; customerId: number; name: string; input: TextState };

export interface CustomerPanelState {
  query: TextState;
  /** The text the results are for; null before the first search. */
  searched: string | null;
  results: CustomerSummary[];
  index: number;
  mode: Mode;
}

export const initialPanel: CustomerPanelState = { query: { value: '', cursor: 0 }, searched: null, results: [], index: 0, mode: { kind: 'search' } };

/** The results, then, when words were typed, the row that makes a new customer of them. */
export function rows(s: CustomerPanelState): Row[] {
  const out: Row[] = s.results.map((customer) => ({ kind: 'customer', customer }));
  const name = (s.searched ?? '').trim();
  if (/\p{L}/u.test(name) && !name.includes('@')) out.push({ kind: 'add', name });
  return out;
}

export function selectedRow(s: CustomerPanelState): Row | null {
  return rows(s)[s.index] ?? null;
}

export type NewCustomerLabels = Record<'lastName' | 'firstName' | 'phone' | 'email' | 'card', string>;

export function newCustomerForm(name: string, labels: NewCustomerLabels): FormState {
  const { firstName, lastName } = splitName(name);
  return makeForm([
    { name: 'lastName', label: labels.lastName, value: lastName },
    { name: 'firstName', label: labels.firstName, value: firstName },
    { name: 'phone', label: labels.phone },
    { name: 'email', label: labels.email },
    { name: 'card', label: labels.card, maxLength: 40 },
  ]);
}

export type PanelEvent =
  | { type: 'key'; key: KeyEvent }
  | { type: 'results'; text: string; results: CustomerSummary[] }
  | { type: 'mode'; mode: Mode };

/** What a key asks the panel's controller to do (the database work is its). */
export type PanelIntent =
  | { kind: 'search'; text: string }
  | { kind: 'pick'; row: Row }
  | { kind: 'saveForm'; form: FormState }
  | { kind: 'giveCard'; customerId: number; code: string }
  | { kind: 'close' }
  | null;

export function panelReducer(s: CustomerPanelState, e: PanelEvent): CustomerPanelState {
  switch (e.type) {
    case 'results':
      return { ...s, searched: e.text, results: e.results, index: 0 };
    case 'mode':
      return { ...s, mode: e.mode };
    case 'key':
      return panelKey(s, e.key).state;
  }
}

/** A key: the panel as it becomes, and what the controller must then do. */
export function panelKey(s: CustomerPanelState, e: KeyEvent): { state: CustomerPanelState; intent: PanelIntent } {
  const mode = s.mode;
  if (mode.kind === 'form') {
    const r = formKey(mode.form, e);
    if (r.cancel) return { state: { ...s, mode: { kind: 'search' } }, intent: null };
    return { state: { ...s, mode: { kind: 'form', form: r.form } }, intent: r.submit ? { kind: 'saveForm', form: r.form } : null };
  }
  if (mode.kind === 'card') {
    if (e.name === 'escape') return { state: { ...s, mode: { kind: 'search' } }, intent: null };
    const r = applyEdit(mode.input, e, 40);
    if (r.submitted === undefined) return { state: { ...s, mode: { ...mode, input: r.state } }, intent: null };
    return { state: s, intent: r.submitted.trim() ? { kind: 'giveCard', customerId: mode.customerId, code: r.submitted.trim() } : null };
  }
  if (e.name === 'escape') return { state: s, intent: { kind: 'close' } };
  const count = rows(s).length;
  if (e.name === 'up' || e.name === 'down') return { state: { ...s, index: Math.max(0, Math.min(count - 1, s.index + (e.name === 'up' ? -1 : 1))) }, intent: null };
  if (e.name === 'return') {
    const text = s.query.value.trim();
    if (text !== '' && text !== s.searched) return { state: s, intent: { kind: 'search', text } };
    const row = selectedRow(s);
    return { state: s, intent: row ? { kind: 'pick', row } : null };
  }
  return { state: { ...s, query: applyEdit(s.query, e, 40).state }, intent: null };
}

import type { CustomerSummary } from '../../data/customersSearch';
import { splitName } from '../../domain/customer/input';
import type { KeyEvent } from '../keys';
import { formEvent, formTextFocus, makeForm, type FormState } from './form';

// The customer panel of the sale screen (F7): type a name, phone, e-mail or card and Enter to
// search; pick a customer to put them on the ticket, or "add X as a new customer"; give a card.
// Text fields are ink-text-input's (components/TextField): their text and Enter come as events.

/** `add`: the words typed, as a new customer; the last word is the first name (lists show "Last First"). */
export type Row = { kind: 'customer'; customer: CustomerSummary } | { kind: 'add'; name: string; lastName: string; firstName: string };

export type Mode =
  | { kind: 'search' }
  | { kind: 'form'; form: FormState }
  | { kind: 'card'; customerId: number; name: string; input: string };

export interface CustomerPanelState {
  query: string;
  /** The text the results are for; null before the first search. */
  searched: string | null;
  results: CustomerSummary[];
  index: number;
  mode: Mode;
}

export const initialPanel: CustomerPanelState = { query: '', searched: null, results: [], index: 0, mode: { kind: 'search' } };

/** The results, then, when words were typed, the row that makes a new customer of them. */
export function rows(s: CustomerPanelState): Row[] {
  const out: Row[] = s.results.map((customer) => ({ kind: 'customer', customer }));
  const name = (s.searched ?? '').trim();
  if (/\p{L}/u.test(name) && !name.includes('@')) out.push({ kind: 'add', name, ...splitName(name) });
  return out;
}

export function selectedRow(s: CustomerPanelState): Row | null {
  return rows(s)[s.index] ?? null;
}

export type NewCustomerLabels = Record<'lastName' | 'firstName' | 'phone' | 'email' | 'card', string>;

/** The new customer's form, the words typed put as the add row said: last name, first name. */
export function newCustomerForm({ lastName, firstName }: { lastName: string; firstName: string }, labels: NewCustomerLabels): FormState {
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
  /** The text of the field that has the keys (the search, the card, a field of the form). */
  | { type: 'edit'; field: string; value: string }
  /** Enter in the text field that has the keys. */
  | { type: 'submit' }
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
    default:
      return panelEvent(s, e).state;
  }
}

/** The text field that has the keys: the search, the card, or the form's focused field. */
export function panelTextFocus(s: CustomerPanelState): { field: string; value: string } | null {
  if (s.mode.kind === 'search') return { field: 'search', value: s.query };
  if (s.mode.kind === 'card') return { field: 'card', value: s.mode.input };
  const f = formTextFocus(s.mode.form);
  return f ? { field: f.name, value: f.value } : null;
}

/** A key, a field's text or its Enter: the panel as it becomes, and what the controller must then do. */
export function panelEvent(s: CustomerPanelState, e: Exclude<PanelEvent, { type: 'results' | 'mode' }>): { state: CustomerPanelState; intent: PanelIntent } {
  const mode = s.mode;
  const none = (state: CustomerPanelState) => ({ state, intent: null });
  if (mode.kind === 'form') {
    const r = formEvent(mode.form, e);
    if (r.cancel) return none({ ...s, mode: { kind: 'search' } });
    return { state: { ...s, mode: { kind: 'form', form: r.form } }, intent: r.submit ? { kind: 'saveForm', form: r.form } : null };
  }
  if (mode.kind === 'card') {
    if (e.type === 'edit') return none(e.field === 'card' ? { ...s, mode: { ...mode, input: e.value.slice(0, 40) } } : s);
    if (e.type === 'submit') return mode.input.trim() ? { state: s, intent: { kind: 'giveCard', customerId: mode.customerId, code: mode.input.trim() } } : none(s);
    return none(e.key.name === 'escape' ? { ...s, mode: { kind: 'search' } } : s);
  }
  if (e.type === 'edit') return none(e.field === 'search' ? { ...s, query: e.value.slice(0, 40) } : s);
  if (e.type === 'submit') {
    const text = s.query.trim();
    if (text !== '' && text !== s.searched) return { state: s, intent: { kind: 'search', text } };
    const row = selectedRow(s);
    return { state: s, intent: row ? { kind: 'pick', row } : null };
  }
  const k = e.key;
  if (k.name === 'escape') return { state: s, intent: { kind: 'close' } };
  const count = rows(s).length;
  if (k.name === 'up' || k.name === 'down') return none({ ...s, index: Math.max(0, Math.min(count - 1, s.index + (k.name === 'up' ? -1 : 1))) });
  // The search field takes the other keys; its Enter comes as a submit.
  return none(s);
}

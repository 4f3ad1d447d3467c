import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../data/customersSearch';
import { typeInto } from '../../testing/typeInto';
import type { KeyEvent } from '../keys';
import { customersReducer, initialCustomers, textFocus, type CustomersEvent, type CustomersState, type Effect } from '../backroom/customers/customersState';
import { accountPayForm } from '../backroom/customers/customerForm';
import { initialPanel, newCustomerForm, panelEvent, panelReducer, panelTextFocus, rows, type CustomerPanelState, type PanelEvent, type PanelIntent } from './customerPanelState';
import { formEvent, formTextFocus, formValues, makeForm, type FormEvent, type FormState } from './form';

const key = (name: KeyEvent['name'], text = ''): KeyEvent => ({ name, ctrl: false, text });

/** Keys into a form as its screen hears them (text and Enter of its fields from TextField). */
function fill(f: FormState, text: string) {
  return typeInto<FormState, { submit?: true; cancel?: true }>(f, text, {
    focus: (s) => {
      const field = formTextFocus(s);
      return field ? { field: field.name, value: field.value } : null;
    },
    step: (s, e) => {
      const r = formEvent(s, e as FormEvent);
      return { state: r.form, effect: r.submit || r.cancel ? { submit: r.submit, cancel: r.cancel } : (null as never) };
    },
  });
}

const panel = (s: CustomerPanelState, text: string) =>
  typeInto<CustomerPanelState, PanelIntent>(s, text, { focus: panelTextFocus, step: (st, e) => { const r = panelEvent(st, e as Exclude<PanelEvent, { type: 'results' | 'mode' }>); return { state: r.state, effect: r.intent }; } });
const summary = (id: number, name: string): CustomerSummary => ({ id, code: `C000000${id}`, name, phone: null, email: null, groupCode: null, points: 0, accountCents: null, active: true });

describe('form of one-line fields', () => {
  it('moves with Tab, ↑↓ and Enter, skips locked fields, submits on the last', () => {
    let f = makeForm([{ name: 'a', label: 'A' }, { name: 'b', label: 'B', locked: true, value: '5' }, { name: 'c', label: 'C' }]);
    f = fill(f, 'x').state;
    expect(f.focus).toBe(0);
    f = fill(f, '\r').state;
    expect(f.focus).toBe(2);
    f = fill(f, 'y').state;
    expect(fill(f, '\x1b[A').state.focus).toBe(0);
    expect(fill(f, '\r').effects).toEqual([{ submit: true }]);
    expect(fill(f, '\x1b').effects).toEqual([{ cancel: true }]);
    expect(formValues(f)).toEqual({ a: 'x', b: '5', c: 'y' });
    // A locked field takes no text, whatever the screen sends it.
    expect(formValues(formEvent(f, { type: 'edit', field: 'b', value: '9' }).form)).toMatchObject({ b: '5' });
  });

  it('a choice moves with ←→ (or Space), and Enter on it goes on as on a text field', () => {
    const f = makeForm([{ name: 'a', label: 'A' }, { name: 'm', label: 'M', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }]);
    expect(formValues(f)).toEqual({ a: '', m: 'x' });
    const r = fill(f, '12\r\x1b[C');
    expect(formValues(r.state)).toEqual({ a: '12', m: 'y' });
    expect(formValues(fill(r.state, '\x1b[C \x1b[D').state)).toEqual({ a: '12', m: 'x' });
    expect(fill(r.state, '\r').effects).toEqual([{ submit: true }]);
  });
});

describe('customer panel of the sale screen', () => {
  it('searches what was typed, then picks the row chosen; offers to add the name typed as a new customer', () => {
    let s = panel(initialPanel, 'Durand Paul').state;
    expect(panel(s, '\r').effects).toEqual([{ kind: 'search', text: 'Durand Paul' }]);
    s = panelReducer(s, { type: 'results', text: 'Durand Paul', results: [summary(1, 'Durand Paul'), summary(2, 'Durand Pauline')] });
    expect(rows(s).map((r) => r.kind)).toEqual(['customer', 'customer', 'add']);
    s = panel(s, '\x1b[B').state;
    expect(panel(s, '\r').effects).toMatchObject([{ kind: 'pick', row: { kind: 'customer', customer: { id: 2 } } }]);
    s = panel(s, '\x1b[B\x1b[B').state;
    // The words typed, in the order lists show names: the last word is the first name.
    expect(panel(s, '\r').effects).toEqual([{ kind: 'pick', row: { kind: 'add', name: 'Durand Paul', lastName: 'Durand', firstName: 'Paul' } }]);
    expect(panel(s, '\x1b').effects).toEqual([{ kind: 'close' }]);
  });

  it('offers no new customer for a phone number or an e-mail address, and prefills the form from the name', () => {
    expect(rows(panelReducer(initialPanel, { type: 'results', text: '0612345678', results: [] }))).toEqual([]);
    expect(rows(panelReducer(initialPanel, { type: 'results', text: 'paul@exemple.fr', results: [] }))).toEqual([]);
    const [add] = rows(panelReducer(initialPanel, { type: 'results', text: 'de la Tour Jean-Paul', results: [] }));
    expect(add).toEqual({ kind: 'add', name: 'de la Tour Jean-Paul', lastName: 'de la Tour', firstName: 'Jean-Paul' });
    const form = newCustomerForm(add as { lastName: string; firstName: string }, { lastName: 'Nom', firstName: 'Prénom', phone: 'Tél', email: 'E-mail', card: 'Carte' });
    expect(formValues(form)).toEqual({ lastName: 'de la Tour', firstName: 'Jean-Paul', phone: '', email: '', card: '' });
  });

  it('gives a card: Enter with the code typed, Esc back to the search', () => {
    const s = panelReducer(initialPanel, { type: 'mode', mode: { kind: 'card', customerId: 7, name: 'X', input: '' } });
    const typedCode = panel(s, 'FID-1').state;
    expect(panel(typedCode, '\r').effects).toEqual([{ kind: 'giveCard', customerId: 7, code: 'FID-1' }]);
    expect(panel(typedCode, '\x1b').state.mode).toEqual({ kind: 'search' });
  });
});

describe('back-office customers screen', () => {
  const month = { year: 2026, month: 11 };
  const press = (s: CustomersState, k: KeyEvent, groups: string[] = ['PRO', 'VIP']) => customersReducer(s, { type: 'key', key: k, groups, thisMonth: month });
  const typeIn = (s: CustomersState, text: string, groups: string[] = ['PRO', 'VIP']) =>
    typeInto<CustomersState, Effect>(s, text, {
      focus: textFocus,
      step: (st, e) => customersReducer(st, e.type === 'key' ? { type: 'key', key: e.key, groups, thisMonth: month } : e.type === 'submit' ? { type: 'submit', groups } : (e as CustomersEvent)),
    });
  const listed = (s: CustomersState, page = 0, next: { id: number } | null = { id: 2 }) => customersReducer(s, { type: 'page', seq: s.searches, query: { text: '', status: 'active', groupCode: null, owing: false }, page, after: page === 0 ? null : { id: 1 }, rows: [summary(1, 'A'), summary(2, 'B')], next }).state;

  it('searches again from the first page when a filter changes', () => {
    const s = listed(initialCustomers);
    expect(press(s, key('f2')).effect).toEqual({ kind: 'search', query: { text: '', status: 'inactive', groupCode: null, owing: false }, after: null, page: 0, seq: 1 });
    const pro = press(s, key('f3'));
    expect(pro.effect).toMatchObject({ query: { groupCode: 'PRO' } });
    expect(press(press(pro.state, key('f3')).state, key('f3')).effect).toMatchObject({ query: { groupCode: null } });
    expect(press(s, key('f4')).effect).toMatchObject({ query: { owing: true } });
  });

  it('pages forward after the last row and back to where the page before started', () => {
    const s = listed(initialCustomers);
    expect(press(s, key('pagedown')).effect).toMatchObject({ kind: 'search', after: { id: 2 }, page: 1 });
    const second = listed(s, 1, null);
    expect(press(second, key('pagedown')).effect).toBeNull();
    expect(press(second, key('pageup')).effect).toMatchObject({ kind: 'search', after: null, page: 0 });
  });

  it('opens the row chosen once the text typed was searched; from a record, its keys', () => {
    const s = listed(initialCustomers);
    expect(typeIn(s, '\x1b[B\r').effects).toEqual([{ kind: 'open', id: 2 }]);
    expect(typeIn(s, 'du\r').effects).toMatchObject([{ kind: 'search', query: { text: 'du' } }]);
    const record = { ...s, view: { kind: 'record' as const, id: 2 } };
    expect(press(record, key('f5')).effect).toEqual({ kind: 'statement', id: 2, month });
    expect(press(record, key('f4')).effect).toEqual({ kind: 'payForm', id: 2 });
    const statement = { ...s, view: { kind: 'statement' as const, id: 2, month } };
    expect(press(statement, key('left')).effect).toEqual({ kind: 'statement', id: 2, month: { year: 2026, month: 10 } });
  });

  it('the account payment: Enter on the amount goes to the method, as the hint says; only Enter on the method saves', () => {
    const t = (k: string) => k;
    const pay = { ...initialCustomers, view: { kind: 'pay' as const, id: 2, form: accountPayForm(t as never) } };
    const typed = typeIn(pay, '25,50\r');
    expect(typed.effects).toEqual([]);
    expect(typed.state.view).toMatchObject({ kind: 'pay', form: { focus: 1 } });
    const card = typeIn(typed.state, '\x1b[C');
    expect(card.effects).toEqual([]);
    expect(typeIn(card.state, '\r').effects).toEqual([{ kind: 'pay', id: 2, amount: '25,50', method: 'card' }]);
    // ↑ back to the amount, Esc back to the record.
    expect(typeIn(card.state, '\x1b[A').state.view).toMatchObject({ form: { focus: 0 } });
    expect(typeIn(card.state, '\x1b').state.view).toEqual({ kind: 'record', id: 2 });
  });

  it('shows only the answer to the last search, whichever comes back first', () => {
    const opened = customersReducer(initialCustomers, { type: 'start', groups: ['PRO'] });
    expect(opened.effect).toMatchObject({ kind: 'search', query: { groupCode: null }, seq: 1 });
    const pro = press(opened.state, key('f3'), ['PRO']);
    expect(pro.effect).toMatchObject({ query: { groupCode: 'PRO' }, seq: 2 });
    const answer = (s: CustomersState, seq: number, name: string) =>
      customersReducer(s, { type: 'page', seq, query: { text: '', status: 'active', groupCode: null, owing: false }, page: 0, after: null, rows: [summary(seq, name)], next: null }).state;
    const late = answer(answer(pro.state, 2, 'PRO only'), 1, 'everyone');
    expect(late.rows.map((r) => r.name)).toEqual(['PRO only']);
  });

  it('keeps the view when late results arrive', () => {
    const form = { ...initialCustomers, view: { kind: 'record' as const, id: 3 } };
    expect(listed(form).view).toEqual({ kind: 'record', id: 3 });
  });
});

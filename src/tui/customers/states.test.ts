import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../data/customersSearch';
import type { KeyEvent } from '../keys';
import { customersReducer, initialCustomers, type CustomersState } from '../backroom/customers/customersState';
import { initialPanel, panelKey, panelReducer, rows, newCustomerForm } from './customerPanelState';
import { formKey, formValues, makeForm } from './form';

const key = (name: KeyEvent['name'], text = ''): KeyEvent => ({ name, ctrl: false, text });
const typed = (text: string): KeyEvent => key('char', text);
const summary = (id: number, name: string): CustomerSummary => ({ id, code: `C000000${id}`, name, phone: null, email: null, groupCode: null, points: 0, accountCents: null, active: true });

describe('form of one-line fields', () => {
  it('moves with Tab, ↑↓ and Enter, skips locked fields, submits on the last', () => {
    let f = makeForm([{ name: 'a', label: 'A' }, { name: 'b', label: 'B', locked: true, value: '5' }, { name: 'c', label: 'C' }]);
    f = formKey(f, typed('x')).form;
    expect(f.focus).toBe(0);
    f = formKey(f, key('return')).form;
    expect(f.focus).toBe(2);
    f = formKey(f, typed('y')).form;
    expect(formKey(f, key('up')).form.focus).toBe(0);
    expect(formKey(f, key('return'))).toMatchObject({ submit: true });
    expect(formKey(f, key('escape'))).toMatchObject({ cancel: true });
    expect(formValues(f)).toEqual({ a: 'x', b: '5', c: 'y' });
  });
});

describe('customer panel of the sale screen', () => {
  it('searches what was typed, then picks the row chosen; offers to add the name typed as a new customer', () => {
    let s = initialPanel;
    for (const ch of 'Paul Durand') s = panelKey(s, typed(ch)).state;
    expect(panelKey(s, key('return')).intent).toEqual({ kind: 'search', text: 'Paul Durand' });
    s = panelReducer(s, { type: 'results', text: 'Paul Durand', results: [summary(1, 'Durand Paul'), summary(2, 'Durand Pauline')] });
    expect(rows(s).map((r) => r.kind)).toEqual(['customer', 'customer', 'add']);
    s = panelKey(s, key('down')).state;
    expect(panelKey(s, key('return')).intent).toMatchObject({ kind: 'pick', row: { kind: 'customer', customer: { id: 2 } } });
    s = panelKey(panelKey(s, key('down')).state, key('down')).state;
    expect(panelKey(s, key('return')).intent).toEqual({ kind: 'pick', row: { kind: 'add', name: 'Paul Durand' } });
    expect(panelKey(s, key('escape')).intent).toEqual({ kind: 'close' });
  });

  it('offers no new customer for a phone number or an e-mail address, and prefills the form from the name', () => {
    expect(rows(panelReducer(initialPanel, { type: 'results', text: '0612345678', results: [] }))).toEqual([]);
    expect(rows(panelReducer(initialPanel, { type: 'results', text: 'paul@exemple.fr', results: [] }))).toEqual([]);
    const form = newCustomerForm('Paul Durand', { lastName: 'Nom', firstName: 'Prénom', phone: 'Tél', email: 'E-mail', card: 'Carte' });
    expect(formValues(form)).toEqual({ lastName: 'Durand', firstName: 'Paul', phone: '', email: '', card: '' });
  });

  it('gives a card: Enter with the code typed, Esc back to the search', () => {
    const s = panelReducer(initialPanel, { type: 'mode', mode: { kind: 'card', customerId: 7, name: 'X', input: { value: '', cursor: 0 } } });
    const typedCode = [...'FID-1'].reduce((st, ch) => panelKey(st, typed(ch)).state, s);
    expect(panelKey(typedCode, key('return')).intent).toEqual({ kind: 'giveCard', customerId: 7, code: 'FID-1' });
    expect(panelKey(typedCode, key('escape')).state.mode).toEqual({ kind: 'search' });
  });
});

describe('back-office customers screen', () => {
  const month = { year: 2026, month: 11 };
  const press = (s: CustomersState, k: KeyEvent, groups: string[] = ['PRO', 'VIP']) => customersReducer(s, { type: 'key', key: k, groups, thisMonth: month });
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
    expect(press(press(s, key('down')).state, key('return')).effect).toEqual({ kind: 'open', id: 2 });
    const typedText = press(s, typed('du')).state;
    expect(press(typedText, key('return')).effect).toMatchObject({ kind: 'search', query: { text: 'du' } });
    const record = { ...s, view: { kind: 'record' as const, id: 2 } };
    expect(press(record, key('f5')).effect).toEqual({ kind: 'statement', id: 2, month });
    expect(press(record, key('f4')).state.view).toMatchObject({ kind: 'pay', id: 2, method: 0 });
    const statement = { ...s, view: { kind: 'statement' as const, id: 2, month } };
    expect(press(statement, key('left')).effect).toEqual({ kind: 'statement', id: 2, month: { year: 2026, month: 10 } });
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

import { describe, expect, it } from 'vitest';
import type { KeyEvent, KeyName } from '../../keys';
import { customersReducer, initialCustomers, type CustomersState, type Scroll } from './customersState';

const key = (name: KeyName): KeyEvent => ({ name, ctrl: false, text: '' });
const month = { year: 2026, month: 11 };

describe("the customer's vouchers view", () => {
  const press = (s: CustomersState, name: KeyName, scroll: Scroll = { maxTop: 5, page: 18 }) =>
    customersReducer(s, { type: 'key', key: key(name), groups: [], thisMonth: month, scroll }).state;
  const record: CustomersState = { ...initialCustomers, view: { kind: 'record', id: 7 } };

  it('opens from the record on F6 at its first line, scrolls within its lines, and Esc goes back to the record', () => {
    let s = press(record, 'f6');
    expect(s.view).toEqual({ kind: 'vouchers', id: 7, top: 0 });
    s = press(s, 'up');
    expect(s.view).toMatchObject({ top: 0 });
    s = press(press(s, 'down'), 'down');
    expect(s.view).toMatchObject({ top: 2 });
    s = press(s, 'pagedown');
    expect(s.view).toMatchObject({ top: 5 });
    s = press(s, 'down');
    expect(s.view).toMatchObject({ top: 5 });
    s = press(s, 'home');
    expect(s.view).toMatchObject({ top: 0 });
    s = press(s, 'end');
    expect(s.view).toMatchObject({ top: 5 });
    s = press(s, 'pageup', { maxTop: 5, page: 3 });
    expect(s.view).toMatchObject({ top: 2 });
    expect(press(s, 'escape').view).toEqual({ kind: 'record', id: 7 });
  });

  it('does not scroll a list that fits', () => {
    const s = press(press(record, 'f6'), 'pagedown', { maxTop: 0, page: 18 });
    expect(s.view).toEqual({ kind: 'vouchers', id: 7, top: 0 });
  });
});

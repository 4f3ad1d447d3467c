import { describe, expect, it } from 'vitest';
import type { StockRow } from '../../../data/stock';
import { typeInto } from '../../../testing/typeInto';
import { initialStock, stockFocus, stockReducer, type StockEffect, type StockState } from './stockState';

const row = (sku: string, qty: number): StockRow => ({ itemId: qty, sku, name: sku, stocked: true, qty, threshold: 5, v: 1, itemThreshold: 5, storeThreshold: null, lastSaleAt: null });
const KEY = { down: '\x1b[B', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', escape: '\x1b' };

/** Keys as the screen hears them: those of the field that has the keys as its text and Enter. */
function run(s: StockState, text: string, manager = true) {
  const r = typeInto<StockState, StockEffect>(s, text, {
    focus: stockFocus,
    step: (st, e) => stockReducer(st, e.type === 'key' ? { type: 'key', key: e.key, manager, page: 5 } : e.type === 'submit' ? { type: 'submit', manager } : e),
  });
  return { state: r.state, effect: r.effects.at(-1) ?? null };
}

describe('the stock screen, as a reducer', () => {
  const listed = stockReducer(initialStock, { type: 'rows', rows: [row('BOUL-006', 4), row('BOUL-007', 3)] }).state;

  it('opens a delivery on the selected item, the quantity to type; Enter books it', () => {
    const { state, effect } = run(listed, `${KEY.down}${KEY.f2}12\r`);
    expect(effect).toEqual({ kind: 'book', order: { action: 'receive', code: 'BOUL-007', qty: '12', reason: '', approval: null } });
    expect(state.busy).toBe(true);
  });

  it('says what is wrong with a quantity before anything is asked of the database', () => {
    expect(run(listed, `${KEY.f2}-3\r`).state.message).toMatchObject({ key: 'stock.qty.notPositive', params: { text: '-3' } });
    expect(run(listed, `${KEY.f3}x\r`).state.message).toMatchObject({ key: 'stock.qty.notNumber' });
    expect(run(listed, `${KEY.f4}0\r\r`).state.message).toMatchObject({ key: 'stock.qty.zero' });
    expect(run(listed, `${KEY.f4}-1\r\r`).state.message).toMatchObject({ key: 'stock.reasonMissing' });
  });

  it("asks a manager's code and PIN for a cashier's adjustment, and books it with them", () => {
    const asked = run(listed, `${KEY.f4}-1\rcassé\r`, false);
    expect(asked.effect).toBeNull();
    expect(asked.state.approval).not.toBeNull();
    const { effect } = run(asked.state, '2\r9999\r', false);
    expect(effect).toEqual({ kind: 'book', order: { action: 'adjust', code: 'BOUL-006', qty: '-1', reason: 'cassé', approval: { code: '2', pin: '9999' } } });
  });

  it('goes back with Esc: the form first, then the screen', () => {
    const open = run(listed, KEY.f3).state;
    expect(run(open, KEY.escape).state.form).toBeNull();
    expect(run(listed, KEY.escape).effect).toEqual({ kind: 'back' });
  });
});

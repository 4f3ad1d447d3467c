import { describe, expect, it } from 'vitest';
import type { StockRow } from '../../../data/stock';
import type { KeyEvent } from '../../keys';
import { initialStock, stockReducer, type StockEvent, type StockState } from './stockState';

const key = (name: KeyEvent['name'], text = ''): KeyEvent => ({ name, ctrl: false, text });
const row = (sku: string, qty: number): StockRow => ({ itemId: qty, sku, name: sku, stocked: true, qty, threshold: 5, v: 1, itemThreshold: 5, storeThreshold: null, lastSaleAt: null });

function run(s: StockState, events: (StockEvent | string | KeyEvent['name'])[], manager = true) {
  let state = s;
  let effect = null as ReturnType<typeof stockReducer>['effect'];
  for (const e of events) {
    const event: StockEvent = typeof e === 'object' ? e : e.length === 1 || !/^[a-z]+\d*$/.test(e) ? { type: 'key', key: key('char', e), manager, page: 5 } : { type: 'key', key: key(e as KeyEvent['name']), manager, page: 5 };
    ({ state, effect } = stockReducer(state, event));
  }
  return { state, effect };
}

describe('the stock screen, as a reducer', () => {
  const listed = stockReducer(initialStock, { type: 'rows', rows: [row('BOUL-006', 4), row('BOUL-007', 3)] }).state;

  it('opens a delivery on the selected item, the quantity to type; Enter books it', () => {
    const { state, effect } = run(listed, ['down', 'f2', '1', '2', 'return']);
    expect(effect).toEqual({ kind: 'book', order: { action: 'receive', code: 'BOUL-007', qty: '12', reason: '', approval: null } });
    expect(state.busy).toBe(true);
  });

  it('says what is wrong with a quantity before anything is asked of the database', () => {
    expect(run(listed, ['f2', '-', '3', 'return']).state.message).toMatchObject({ key: 'stock.qty.notPositive', params: { text: '-3' } });
    expect(run(listed, ['f3', 'x', 'return']).state.message).toMatchObject({ key: 'stock.qty.notNumber' });
    expect(run(listed, ['f4', '0', 'return', 'return']).state.message).toMatchObject({ key: 'stock.qty.zero' });
    expect(run(listed, ['f4', '-', '1', 'return', 'return']).state.message).toMatchObject({ key: 'stock.reasonMissing' });
  });

  it("asks a manager's code and PIN for a cashier's adjustment, and books it with them", () => {
    const asked = run(listed, ['f4', '-', '1', 'return', 'c', 'a', 's', 's', 'é', 'return'], false);
    expect(asked.effect).toBeNull();
    expect(asked.state.approval).not.toBeNull();
    const { effect } = run(asked.state, ['2', 'return', '9', '9', '9', '9', 'return'], false);
    expect(effect).toEqual({ kind: 'book', order: { action: 'adjust', code: 'BOUL-006', qty: '-1', reason: 'cassé', approval: { code: '2', pin: '9999' } } });
  });

  it('goes back with Esc: the form first, then the screen', () => {
    const open = run(listed, ['f3']).state;
    expect(run(open, ['escape']).state.form).toBeNull();
    expect(run(listed, ['escape']).effect).toEqual({ kind: 'back' });
  });
});

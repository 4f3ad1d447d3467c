import { describe, expect, it } from 'vitest';
import { openBasket } from '../../domain/basket';
import type { CatalogItem } from '../../domain/item';
import type { SaleRecord } from '../../domain/sale';
import { approvalLayer, initialSale, saleReducer, type SaleEvent, type SaleState } from './saleState';

const bread: CatalogItem = { id: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette', priceCents: 130, vatRateBp: 550 };
const wine: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: null, name: 'Bordeaux', priceCents: 899, vatRateBp: 2000 };

const run = (s: SaleState, ...events: SaleEvent[]) => events.reduce(saleReducer, s);

describe('sale screen state', () => {
  it('adds scans with their quantity and selects the last line', () => {
    const s = run(initialSale('k'), { type: 'pendingQty', qty: 3 }, { type: 'takeQty' }, { type: 'scan', item: bread, qty: 3, merge: true }, { type: 'scan', item: wine, qty: 1, merge: true });
    expect(s.basket.lines.map((l) => l.qty)).toEqual([3, 1]);
    expect(s.pendingQty).toBeNull();
    expect(s.selectedId).toBe(2);
    expect(s.message).toMatchObject({ key: 'sale.added', params: { name: 'Bordeaux' } });
    expect(run(s, { type: 'select', delta: -5 }).selectedId).toBe(1);
  });

  it('keeps the basket and says why when an action is refused', () => {
    const s = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: true });
    const refused = run(s, { type: 'basket', action: { type: 'setQty', lineId: 1, qty: 0 } });
    expect(refused.basket).toBe(s.basket);
    expect(refused.message).toMatchObject({ key: 'qty.zero', tone: 'error' });
  });

  it('freezes the basket during payment and keeps money taken until removed', () => {
    let s = run(initialSale('k'), { type: 'scan', item: wine, qty: 1, merge: true }, { type: 'tender.open' }, { type: 'tender.add', kind: 'card', cents: 500 });
    expect(run(s, { type: 'scan', item: bread, qty: 1, merge: true }).basket.lines).toHaveLength(1);
    expect(run(s, { type: 'tender.close' }).payment).not.toBeNull();
    expect(run(s, { type: 'tender.close' }).message?.key).toBe('tender.removeFirst');
    expect(run(s, { type: 'tender.add', kind: 'card', cents: 500 }).message).toMatchObject({ key: 'tender.exceedsDue', money: { due: 399 } });
    s = run(s, { type: 'tender.remove' }, { type: 'tender.close' });
    expect(s.payment).toBeNull();
  });

  it('starts a new basket with a new key once committed, telling the change', () => {
    const s = run(initialSale('k1'), { type: 'scan', item: bread, qty: 1, merge: true }, { type: 'tender.open' }, { type: 'tender.add', kind: 'cash', cents: 200 }, { type: 'commit', state: 'saving' });
    const sale = { terminalCode: 'T01', ticketNo: 5, changeCents: 70 } as SaleRecord;
    const next = run(s, { type: 'committed', sale, nextKey: 'k2' });
    expect(next.basket).toEqual(openBasket('k2'));
    expect(next.payment).toBeNull();
    expect(next.message).toMatchObject({ key: 'sale.doneChange', params: { ticket: 'T01-000005' }, money: { change: 70 } });
  });

  it('moves from code to PIN in the approval form on Enter, once a code is typed', () => {
    let s = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: true }, { type: 'layer', layer: approvalLayer('priceOverride', 1) });
    s = run(s, { type: 'approval.next' });
    expect(s.layer).toMatchObject({ kind: 'approval', focus: 'code' });
    s = run(s, { type: 'layerEdit', field: 'code', value: '2' }, { type: 'approval.next' }, { type: 'layerEdit', field: 'pin', value: '99' });
    expect(s.layer).toMatchObject({ kind: 'approval', focus: 'pin', code: '2', pin: '99' });
  });

  it('cancels a basket before payment, not once money is taken', () => {
    const s = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: true });
    expect(run(s, { type: 'cancel', nextKey: 'k2' }).basket.lines).toHaveLength(0);
    const paying = run(s, { type: 'tender.open' }, { type: 'tender.add', kind: 'cash', cents: 100 });
    expect(run(paying, { type: 'cancel', nextKey: 'k2' }).basket.lines).toHaveLength(1);
  });

  it('adds a repeated scan to the last line, or makes a line per scan when the till says so', () => {
    const merged = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: true }, { type: 'scan', item: bread, qty: 2, merge: true });
    expect(merged.basket.lines.map((l) => l.qty)).toEqual([3]);
    expect(merged.selectedId).toBe(1);
    const apart = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: false }, { type: 'scan', item: bread, qty: 2, merge: false });
    expect(apart.basket.lines.map((l) => l.qty)).toEqual([1, 2]);
    expect(apart.selectedId).toBe(2);
  });

  it('clears a message with the next action: a layer opened or left, a line selected, a tender found', () => {
    const refused = run(initialSale('k'), { type: 'scan', item: bread, qty: 1, merge: true }, { type: 'message', message: { key: 'item.unknownCode', params: { code: 'X' }, tone: 'error' } });
    expect(refused.message).not.toBeNull();
    expect(run(refused, { type: 'layer', layer: { kind: 'panel', panel: 'customer' } }).message).toBeNull();
    expect(run(refused, { type: 'layer', layer: { kind: 'entry' } }).message).toBeNull();
    expect(run(refused, { type: 'select', delta: -1 }).message).toBeNull();
    const paying = run(refused, { type: 'tender.open' }, { type: 'tender.layer', layer: { kind: 'code', tender: 'voucher', input: '' } }, { type: 'message', message: { key: 'voucher.unknown', tone: 'error' } });
    expect(paying.message).not.toBeNull();
    const found = { ref: 'K7QM', maxCents: 500, info: [] };
    expect(run(paying, { type: 'tender.layer', layer: { kind: 'source', tender: 'voucher', found, defaultCents: 399, input: '' } }).message).toBeNull();
    expect(run(paying, { type: 'tender.layer', layer: null }).message).toBeNull();
  });
});

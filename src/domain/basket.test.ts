import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket, type BasketAction } from './basket';
import type { CatalogItem } from './item';

const baguette: CatalogItem = { id: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette tradition', priceCents: 130, vatRateBp: 550 };
const wine: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: '3760000000765', name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const coffee: CatalogItem = { id: 3, sku: 'SNAK-001', barcode: '3760000001014', name: 'Café expresso', priceCents: 150, vatRateBp: 1000 };

const apply = applyActions;

describe('basket', () => {
  it('adds items, merging a repeated scan of the last item', () => {
    const b = apply(openBasket('k'), { type: 'add', item: baguette, qty: 1 }, { type: 'add', item: baguette, qty: 2 }, { type: 'add', item: wine, qty: 1 });
    expect(b.lines.map((l) => [l.item.sku, l.qty])).toEqual([['BOUL-001', 3], ['CAVE-001', 1]]);
    const totals = basketTotals(b);
    expect(totals.totalCents).toBe(3 * 130 + 899);
    expect(totals.itemCount).toBe(4);
    expect(totals.vat.map((v) => [v.rateBp, v.grossCents, v.vatCents])).toEqual([[2000, 899, 150], [550, 390, 20]]);
  });

  it('merges a repeated scan only when asked, never a scale label or a line changed by hand', () => {
    const scan = (item: CatalogItem, merge?: boolean): BasketAction => ({ type: 'add', item, qty: 1, merge });
    // Off (sale.mergeScans false): one line per scan, as before the option.
    expect(apply(openBasket('k'), scan(baguette, false), scan(baguette, false)).lines.map((l) => l.qty)).toEqual([1, 1]);
    expect(apply(openBasket('k'), scan(baguette, true), scan(baguette, true)).lines.map((l) => l.qty)).toEqual([2]);
    // Two packs of ham from the scale at the same price are two packages, two lines.
    const ham: CatalogItem = { id: 9, sku: 'BOUC-001', barcode: '2000001', name: 'Jambon 0,250 kg', priceCents: 450, vatRateBp: 550, weighed: true };
    expect(apply(openBasket('k'), scan(ham, true), scan(ham, true)).lines.map((l) => l.qty)).toEqual([1, 1]);
    // A line with its own discount keeps it to itself.
    const discounted = apply(openBasket('k'), scan(wine, true), { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 }, scan(wine, true));
    expect(discounted.lines.map((l) => l.qty)).toEqual([1, 1]);
    // Only the last line grows: the same item after another is a new line.
    expect(apply(openBasket('k'), scan(baguette, true), scan(wine, true), scan(baguette, true)).lines.map((l) => l.item.sku)).toEqual(['BOUL-001', 'CAVE-001', 'BOUL-001']);
  });

  it('keeps a return (negative quantity) on its own line and nets it off', () => {
    const b = apply(openBasket('k'), { type: 'add', item: wine, qty: 1 }, { type: 'add', item: wine, qty: -1 });
    expect(b.lines).toHaveLength(2);
    expect(basketTotals(b).totalCents).toBe(0);
    const refund = apply(openBasket('k'), { type: 'add', item: wine, qty: -2 });
    expect(basketTotals(refund).totalCents).toBe(-1798);
    expect(basketTotals(refund).vat[0]!.vatCents).toBe(-300);
  });

  it('refuses zero, fractional and absurd quantities and leaves the basket unchanged', () => {
    const b = apply(openBasket('k'), { type: 'add', item: coffee, qty: 1 });
    expect(basketReducer(b, { type: 'add', item: coffee, qty: 0 })).toEqual({ error: 'qty.zero' });
    expect(basketReducer(b, { type: 'setQty', lineId: 1, qty: 1.5 })).toEqual({ error: 'qty.notNumber' });
    expect(basketReducer(b, { type: 'setQty', lineId: 1, qty: 10_000 })).toEqual({ error: 'qty.tooLarge' });
    expect(basketReducer(b, { type: 'add', item: coffee, qty: 9999 })).toEqual({ error: 'qty.tooLarge' });
    expect(basketReducer(b, { type: 'setQty', lineId: 99, qty: 2 })).toEqual({ error: 'line.unknown' });
  });

  it('edits quantity and voids a line', () => {
    let b = apply(openBasket('k'), { type: 'add', item: coffee, qty: 1 }, { type: 'add', item: wine, qty: 1 });
    b = apply(b, { type: 'setQty', lineId: 1, qty: 4 }, { type: 'void', lineId: 2 });
    expect(b.lines.map((l) => [l.lineId, l.qty])).toEqual([[1, 4]]);
    expect(basketTotals(b).totalCents).toBe(600);
  });

  it('applies a manager price override and line discounts (percent or amount)', () => {
    let b = apply(openBasket('k'), { type: 'add', item: wine, qty: 2 });
    b = apply(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 799, by: 2 });
    expect(basketTotals(b).totalCents).toBe(1598);
    b = apply(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 });
    expect(basketTotals(b).totalCents).toBe(1598 - 160);
    b = apply(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 98 }, by: 2 });
    expect(basketTotals(b).totalCents).toBe(1500);
    expect(basketTotals(b).discountCents).toBe(98);
    // an overridden line no longer merges with a new scan of the item
    b = apply(b, { type: 'add', item: wine, qty: 1 });
    expect(b.lines).toHaveLength(2);
  });

  it("refuses, without the shop's ceilings, a line past a hundred million euros (a price typed in cents, too many units)", () => {
    const b = apply(openBasket('k'), { type: 'add', item: coffee, qty: 9999 });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 99_999_999_99, by: 2 })).toEqual({ error: 'limit.lineTotal', money: { max: 99_999_999_99 } });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 1_000_000, by: 2 })).toHaveProperty('basket');
  });

  it('refuses a discount larger than its line, or a negative price', () => {
    const b = apply(openBasket('k'), { type: 'add', item: coffee, qty: 1 });
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 151 }, by: 2 })).toEqual({ error: 'discount.tooLarge' });
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 10_001 }, by: 2 })).toEqual({ error: 'discount.tooLarge' });
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 0 }, by: 2 })).toEqual({ error: 'discount.invalid' });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: -1, by: 2 })).toEqual({ error: 'price.invalid' });
  });

  it('gives a returned line its discount back with the sign of the line', () => {
    const b = apply(openBasket('k'), { type: 'add', item: wine, qty: -1 }, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 100 }, by: 2 });
    expect(basketTotals(b).totalCents).toBe(-799);
  });
});

import type { PricingRule } from './pricingRule';
import { applyActions } from '../testing/basket';

describe('ticket adjustments', () => {
  it('spread over the lines so each VAT rate is on what was paid, returns left out, never below zero', () => {
    let b = apply(openBasket('k'), { type: 'add', item: baguette, qty: 10 }, { type: 'add', item: wine, qty: 1 }, { type: 'add', item: coffee, qty: -1 });
    // An adjustment as a pricing rule would give it, set directly.
    b = { ...b, adjustments: [{ kind: 'test', ref: 'X', label: 'Remise', cents: 220, lineIds: null }] };
    const totals = basketTotals(b);
    expect(totals.totalCents).toBe(1300 + 899 - 150 - 220);
    const shares = [...totals.ticketShares.entries()];
    expect(shares.reduce((a, [, c]) => a + c, 0)).toBe(220);
    expect(totals.ticketShares.get(3)).toBeUndefined();
    expect(totals.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(totals.totalCents);
  });

  it('keeps the rules on the basket and works them out again after each change', () => {
    const rule: PricingRule = { kind: 'nobody-knows', ref: 'R1', data: {} };
    let b = apply(openBasket('k'), { type: 'add', item: wine, qty: 1 }, { type: 'addRule', rule });
    expect(b.notes).toEqual([{ ref: 'R1', reason: 'pricing.unknownRule' }]);
    expect(basketReducer(b, { type: 'addRule', rule })).toEqual({ error: 'rule.already' });
    b = apply(b, { type: 'removeRule', ref: 'R1' });
    expect(b.rules).toEqual([]);
  });
});

describe('adjustments one after the other', () => {
  it('never take a line below zero: each is spread over what the ones before left', () => {
    let b = apply(openBasket('k'), { type: 'add', item: wine, qty: 2 }, { type: 'add', item: coffee, qty: 1 });
    // A gift of the coffee (on its line), then 3 € off the ticket.
    b = { ...b, adjustments: [{ kind: 'reward', ref: 'R', label: 'Café offert', cents: 150, lineIds: [2] }, { kind: 'coupon', ref: 'C', label: '3 €', cents: 300, lineIds: null }] };
    const totals = basketTotals(b);
    expect(totals.ticketShares.get(2)).toBe(150);
    expect(totals.ticketShares.get(1)).toBe(300);
    expect(totals.totalCents).toBe(1798 + 150 - 450);
    // The 10 % row (the coffee) is at zero, the 20 % row carries the whole 3 € off.
    expect(totals.vat.find((v) => v.rateBp === 1000)!.grossCents).toBe(0);
    expect(totals.vat.find((v) => v.rateBp === 2000)!.grossCents).toBe(1798 - 300);
  });
});

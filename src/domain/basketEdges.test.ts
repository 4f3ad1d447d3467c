import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket, type BasketAction, type BasketCustomer } from './basket';
import { customerDiscountRule } from './customer/discount';
import type { CatalogItem } from './item';
import { NO_LIMITS } from './limits';
import type { PricingRule } from './pricingRule';
import { applyActions } from '../testing/basket';

// The basket's edges that the money depends on: which scans merge, which amounts are refused at
// their bound, which rules go with a customer.
const croissant: CatalogItem = { id: 1, sku: 'BOUL-002', barcode: null, name: 'Croissant', priceCents: 120, vatRateBp: 550 };
const chocolatine: CatalogItem = { id: 2, sku: 'BOUL-003', barcode: null, name: 'Pain au chocolat', priceCents: 120, vatRateBp: 550 };
const book: CatalogItem = { id: 3, sku: 'LIVR-001', barcode: null, name: 'Roman', priceCents: 2000, vatRateBp: 550, priceRule: { kind: 'capped', maxDiscountBp: 500 } };
const card = (code: string): CatalogItem => ({ id: 99, sku: 'CADEAU', barcode: null, name: 'Carte cadeau', priceCents: 5000, vatRateBp: 0, giftCard: { code, expiresOn: '2027-12-06', expiresAt: '2027-12-06T23:00:00.000Z' } });

const apply = applyActions;
const add = (item: CatalogItem, qty = 1): BasketAction => ({ type: 'add', item, qty });

describe('a new basket', () => {
  it('is empty, without rules or adjustments', () => {
    expect(openBasket('k')).toStrictEqual({ key: 'k', lines: [], nextLineId: 1, customer: null, rules: [], adjustments: [], notes: [], limits: NO_LIMITS });
  });
});

describe('merging scans', () => {
  it('never merges two items of the same price', () => {
    expect(apply(openBasket('k'), add(croissant), add(chocolatine)).lines.map((l) => l.item.id)).toEqual([1, 2]);
  });
  it('never merges a scan after the price changed, or onto a line whose price was typed', () => {
    expect(apply(openBasket('k'), add(croissant), add({ ...croissant, priceCents: 130 })).lines).toHaveLength(2);
    const typed = apply(openBasket('k'), add(croissant), { type: 'overridePrice', lineId: 1, unitPriceCents: 100, by: 2 }, add(croissant));
    expect(typed.lines.map((l) => [l.qty, l.unitPriceCents])).toEqual([[1, 100], [1, 120]]);
  });
  it('keeps each gift card a line of its own, of one card', () => {
    const b = apply(openBasket('k'), add(card('9250000000000016')), add(card('9250000000000024')));
    expect(b.lines.map((l) => l.qty)).toEqual([1, 1]);
    expect(apply(b, { type: 'setQty', lineId: 1, qty: 1 }).lines.map((l) => l.qty)).toEqual([1, 1]);
    expect(basketReducer(b, { type: 'setQty', lineId: 1, qty: 2 })).toEqual({ error: 'giftCard.qtyOne' });
  });
});

describe('amounts at their bounds', () => {
  const b = apply(openBasket('k'), add(croissant, 2));
  const discount = (d: { kind: 'percent'; bp: number } | { kind: 'amount'; cents: number }): BasketAction => ({ type: 'discount', lineId: 1, discount: d, by: 2 });

  it('takes a line discount up to the whole line, and nothing beyond or below', () => {
    expect(basketTotals(apply(b, discount({ kind: 'percent', bp: 10_000 }))).totalCents).toBe(0);
    expect(basketTotals(apply(b, discount({ kind: 'amount', cents: 240 }))).totalCents).toBe(0);
    expect(basketReducer(b, discount({ kind: 'percent', bp: 10_001 }))).toEqual({ error: 'discount.tooLarge' });
    expect(basketReducer(b, discount({ kind: 'amount', cents: 241 }))).toEqual({ error: 'discount.tooLarge' });
    for (const cents of [0, -5, 1.5]) expect(basketReducer(b, discount({ kind: 'amount', cents }))).toEqual({ error: 'discount.invalid' });
  });

  it('gives a capped item its whole cap without a word, and says when it cuts', () => {
    const books = apply(openBasket('k'), add(book));
    const atCap = basketReducer(books, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 500 }, by: 2 });
    expect('basket' in atCap && atCap.notice).toBeUndefined();
    expect('basket' in atCap && basketTotals(atCap.basket).totalCents).toBe(1900);
    const cut = basketReducer(books, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 });
    expect('basket' in cut && cut.notice).toEqual({ key: 'discount.capped', money: { amount: 100 } });
  });

  it('takes a price typed down to zero, not below', () => {
    expect(basketTotals(apply(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 0, by: 2 })).totalCents).toBe(0);
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: -1, by: 2 })).toEqual({ error: 'price.invalid' });
  });

  it('counts a return as much as a sale against the ticket ceiling', () => {
    const limits = { ...NO_LIMITS, ticketCents: 1000 };
    const open = apply(openBasket('k', limits), add(croissant, 5));
    expect(basketReducer(open, add(croissant, -5))).toEqual({ error: 'limit.ticket', money: { max: 1000 } });
    expect(basketReducer(open, add(croissant, 4))).toEqual({ error: 'limit.ticket', money: { max: 1000 } });
  });

  it('refuses to void a line that is not there', () => {
    expect(basketReducer(b, { type: 'void', lineId: 2 })).toEqual({ error: 'line.unknown' });
    expect(apply(b, { type: 'void', lineId: 1 }).lines).toEqual([]);
  });
});

describe('rules', () => {
  const other: PricingRule = { kind: 'nothingKnown', ref: 'X', data: {} };
  const customer = (rules: PricingRule[]): BasketCustomer => ({ id: 7, code: 'C-7', name: 'Anne', rules });

  it('removes only the rule named, and forgets what the removed rules gave', () => {
    const discount = customerDiscountRule({ id: 7, code: 'C-7' }, 1000, 'Remise client 10 %');
    const b = apply(openBasket('k'), add(croissant), { type: 'customer', customer: customer([discount]) }, { type: 'addRule', rule: other });
    expect(b.adjustments).toHaveLength(1);
    expect(b.notes).toEqual([{ ref: 'X', reason: 'pricing.unknownRule' }]);
    const without = apply(b, { type: 'removeRule', ref: 'X' });
    expect(without.rules.map((r) => r.ref)).toEqual([discount.ref]);
    const none = apply(without, { type: 'removeRule', ref: discount.ref });
    expect([none.rules, none.adjustments, none.notes]).toEqual([[], [], []]);
  });

  it('forgets what the rules of a customer gave when the customer leaves the ticket', () => {
    const discount = customerDiscountRule({ id: 7, code: 'C-7' }, 1000, 'Remise client 10 %');
    const theirs: PricingRule = { ...other, data: { customerId: 7 } };
    const b = apply(openBasket('k'), add(croissant), { type: 'customer', customer: customer([discount, theirs]) });
    expect([b.adjustments.length, b.notes.length]).toEqual([1, 1]);
    const gone = apply(b, { type: 'customer', customer: null });
    expect([gone.rules, gone.adjustments, gone.notes]).toEqual([[], [], []]);
    expect(basketTotals(gone).totalCents).toBe(120);
  });

  it('takes the rules a customer brings again fresh, and never twice', () => {
    const v1 = customerDiscountRule({ id: 7, code: 'C-7' }, 1000, 'Remise client 10 %');
    const v2 = customerDiscountRule({ id: 7, code: 'C-7' }, 500, 'Remise client 5 %');
    const second: PricingRule = { kind: 'nothingKnown', ref: 'auto-1', data: { customerId: 7 } };
    const b = apply(openBasket('k'), add(croissant), { type: 'customer', customer: customer([v1]) }, { type: 'customer', customer: customer([v2, second]) });
    expect(b.rules).toEqual([v2, second]);
    const shared = apply(openBasket('k'), { type: 'addRule', rule: other }, { type: 'customer', customer: customer([{ ...other, data: { customerId: 7 } }]) });
    expect(shared.rules.map((r) => r.ref)).toEqual(['X']);
  });
});

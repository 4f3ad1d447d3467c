import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, lineTotal, openBasket, type Basket, type BasketAction } from './basket';
import { couponRule, type CouponRuleData } from './coupon/rule';
import type { CouponDiscount } from './coupon/definition';
import { customerDiscountRule } from './customer/discount';
import type { CatalogItem } from './item';
import { overrideRefusal } from './itemPriceRule';
import type { Reward } from './loyalty/program';
import { rewardRule } from './loyalty/rewards';
import { applyActions } from '../testing/basket';

// Demo items: a newspaper at a fixed price (prix imposé), a book capped at 5 % off (loi Lang).
const paper: CatalogItem = { id: 1, sku: 'PRES-001', barcode: null, name: 'Le Quotidien du matin', priceCents: 290, vatRateBp: 210, groupCode: 'PRES', priceRule: { kind: 'fixed' } };
const book: CatalogItem = { id: 2, sku: 'LIVR-003', barcode: null, name: 'Livre de cuisine lyonnaise', priceCents: 2500, vatRateBp: 550, groupCode: 'LIVR', priceRule: { kind: 'capped', maxDiscountBp: 500 } };
const wine: CatalogItem = { id: 3, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000, groupCode: 'CAVE' };
const claire = { id: 7, code: 'FID-000003', name: 'Martin Claire' };

const apply = applyActions;

const add = (item: CatalogItem, qty = 1): BasketAction => ({ type: 'add', item, qty });

function coupon(discount: Partial<CouponDiscount>, code = 'CODE'): BasketAction {
  const data: CouponRuleData = {
    codeId: 1, definitionId: 1, name: `Coupon ${code}`, customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
    discount: { type: 'ticket', value: { kind: 'percent', bp: 1000 }, target: { itemIds: [], groupCodes: [] }, threshold: null, bundle: [], maxBundles: null, ...discount },
  };
  return { type: 'addRule', rule: couponRule(code, data) };
}

/** What each line was given off its public price altogether (price typed, its discount, its share of the ticket's), by SKU. */
function discounts(b: Basket): Record<string, number> {
  const shares = basketTotals(b).ticketShares;
  return Object.fromEntries(b.lines.map((l) => [l.item.sku, l.item.priceCents * l.qty - (lineTotal(l) - (shares.get(l.lineId) ?? 0))]));
}

describe('a fixed-price item (prix imposé)', () => {
  const b = apply(openBasket('k'), add(paper), add(wine));

  it('refuses a line discount and a price typed by hand, and changes nothing', () => {
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 })).toEqual({ error: 'discount.fixedItem' });
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 10 }, by: 2 })).toEqual({ error: 'discount.fixedItem' });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 250, by: 2 })).toEqual({ error: 'price.fixedItem' });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 290, by: 2 })).toHaveProperty('basket');
  });

  it('takes no part in a customer discount, a coupon (line or ticket) or a reward: they go on the other lines', () => {
    const withClaire = apply(b, { type: 'customer', customer: { ...claire, rules: [customerDiscountRule(claire, 1000, 'Remise client 10 %')] } });
    expect(withClaire.adjustments).toMatchObject([{ cents: 90 }]); // 10 % of the wine only
    expect(discounts(withClaire)).toEqual({ 'PRES-001': 0, 'CAVE-001': 90 });
    const amount = apply(b, coupon({ value: { kind: 'amount', cents: 300 } }));
    expect(amount.adjustments).toMatchObject([{ cents: 300 }]);
    expect(discounts(amount)).toEqual({ 'PRES-001': 0, 'CAVE-001': 300 });
    const onPress = apply(b, coupon({ type: 'threshold', target: { itemIds: [], groupCodes: ['PRES'] } }));
    expect(onPress.adjustments).toEqual([]);
    expect(onPress.notes).toEqual([{ ref: 'CODE', reason: 'pricing.noRoom' }]);
    const gift: Reward = { id: 5, name: 'Journal offert', unit: 'visits', cost: 1, gift: { kind: 'item', itemId: paper.id, itemName: paper.name }, automatic: false };
    const rewarded = apply(b, { type: 'customer', customer: claire }, { type: 'addRule', rule: rewardRule(gift, claire.id, { points: 0, visits: 3 }) });
    expect(rewarded.adjustments).toEqual([]);
    expect(rewarded.notes).toEqual([{ ref: 'FID-5', reason: 'loyalty.rewardItemPriceRule', params: { name: paper.name } }]);
    // A ticket of newspapers only: the 3 € coupon gives nothing, and says why.
    const onlyPress = apply(openBasket('k'), add(paper, 3), coupon({ value: { kind: 'amount', cents: 300 } }));
    expect(onlyPress.notes).toEqual([{ ref: 'CODE', reason: 'pricing.noRoom' }]);
    expect(basketTotals(onlyPress).totalCents).toBe(870);
  });
});

describe('a capped item (the loi Lang book price: at most 5 % off)', () => {
  const b = apply(openBasket('k'), add(book), add(wine));

  it('cuts a larger line discount to the cap and says so; a percentage stays one as the quantity changes', () => {
    const r = basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 });
    expect(r).toMatchObject({ notice: { key: 'discount.capped', money: { amount: 125 } } });
    const cut = (r as { basket: Basket }).basket;
    expect(cut.lines[0]!.discount).toEqual({ kind: 'percent', bp: 500 });
    expect(basketTotals(apply(cut, { type: 'setQty', lineId: 1, qty: 3 })).totalCents).toBe(7500 - 375 + 899);
    const amount = basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 500 }, by: 2 });
    expect(amount).toMatchObject({ notice: { key: 'discount.capped', money: { amount: 125 } } });
    expect((amount as { basket: Basket }).basket.lines[0]!.discount).toEqual({ kind: 'amount', cents: 125 });
    // Within the cap: taken as asked, nothing said.
    expect(basketReducer(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 100 }, by: 2 })).not.toHaveProperty('notice');
  });

  it('keeps a price typed by hand between the public price less its cap and the public price', () => {
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 2374, by: 2 })).toEqual({ error: 'price.cappedItem', money: { floor: 2375, list: 2500 } });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 2600, by: 2 })).toMatchObject({ error: 'price.cappedItem' });
    const lower = apply(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 2400, by: 2 });
    // 1 € of its 1,25 € already taken by the price: a 10 % discount is cut to what is left.
    expect(basketReducer(lower, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 })).toMatchObject({ notice: { money: { amount: 25 } } });
    const floor = apply(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 2375, by: 2 });
    expect(basketReducer(floor, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 100 }, by: 2 })).toEqual({ error: 'discount.capReached' });
    expect(overrideRefusal({ kind: 'capped', maxDiscountBp: 500 }, 999, 950)).toBeNull(); // 5 % of 9,99 € is 0,4995 €: 0,49 € per unit
    expect(overrideRefusal({ kind: 'capped', maxDiscountBp: 500 }, 999, 949)).toMatchObject({ error: 'price.cappedItem' });
  });

  it('takes at most its cap from every ticket discount together; a percentage gives the others their full share, an amount goes to them', () => {
    const tenPercent = apply(b, coupon({ value: { kind: 'percent', bp: 1000 } }));
    // 5 % of the book (1,25 €) + 10 % of the wine (0,90 €): smaller than 10 % of the ticket, and the receipt says 2,15 €.
    expect(tenPercent.adjustments).toMatchObject([{ label: 'Coupon CODE', cents: 125 + 90 }]);
    expect(discounts(tenPercent)).toEqual({ 'LIVR-003': 125, 'CAVE-001': 90 });
    // The customer's 10 % after the coupon: the book has nothing left to give.
    const both = apply(tenPercent, { type: 'customer', customer: { ...claire, rules: [customerDiscountRule(claire, 1000, 'Remise client 10 %')] } });
    expect(both.adjustments.map((a) => a.cents)).toEqual([215, 81]);
    expect(discounts(both)).toEqual({ 'LIVR-003': 125, 'CAVE-001': 90 + 81 });
    // 5 € off a ticket of books only: 5 % of them.
    const books = apply(openBasket('k'), add(book, 2), coupon({ value: { kind: 'amount', cents: 500 } }));
    expect(books.adjustments).toMatchObject([{ cents: 250 }]);
    expect(basketTotals(books).totalCents).toBe(4750);
    // A line discount at the cap leaves nothing to a coupon.
    const atCap = apply(openBasket('k'), add(book), { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 500 }, by: 2 }, coupon({ value: { kind: 'percent', bp: 2000 } }));
    expect(atCap.notes).toEqual([{ ref: 'CODE', reason: 'pricing.noRoom' }]);
  });

  it('gives a loyalty reward only within the cap', () => {
    const tenEuros: Reward = { id: 6, name: '10 € offerts', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 1000 }, automatic: false };
    const onBooks = apply(openBasket('k'), { type: 'customer', customer: claire }, add(book, 4), { type: 'addRule', rule: rewardRule(tenEuros, claire.id, { points: 150, visits: 0 }) });
    // 100 € of books can take 5 €: the 10 € gift waits for items that can take it.
    expect(onBooks.notes).toEqual([{ ref: 'FID-6', reason: 'loyalty.rewardAbovePriceRules', params: { gift: 1000, total: 500 } }]);
    const withWine = apply(onBooks, add(wine, 1));
    expect(withWine.adjustments).toMatchObject([{ cents: 1000 }]);
    expect(discounts(withWine)).toEqual({ 'LIVR-003': 500, 'CAVE-001': 500 });
    const percent: Reward = { id: 7, name: '20 % fidélité', unit: 'points', cost: 100, gift: { kind: 'percent', bp: 2000 }, automatic: false };
    const twenty = apply(openBasket('k'), { type: 'customer', customer: claire }, add(book), add(wine), { type: 'addRule', rule: rewardRule(percent, claire.id, { points: 150, visits: 0 }) });
    expect(twenty.adjustments).toMatchObject([{ cents: 125 + 180 }]);
  });
});

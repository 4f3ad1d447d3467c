import { describe, expect, it } from 'vitest';
import { basketTotals, openBasket, type BasketAction } from '../basket';
import type { CatalogItem } from '../item';
import type { CouponDiscount } from './definition';
import { customerDiscountRule } from '../customer/discount';
import { couponRule, type CouponRuleData } from './rule';
import { applyActions } from '../../testing/basket';

const BAGUETTE: CatalogItem = { id: 1, sku: 'BOUL-001', barcode: null, name: 'Baguette', priceCents: 130, vatRateBp: 550, groupCode: 'BOUL' };
const BORDEAUX: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: null, name: 'Bordeaux', priceCents: 899, vatRateBp: 2000, groupCode: 'CAVE' };
const SANDWICH: CatalogItem = { id: 3, sku: 'SNAK-002', barcode: null, name: 'Sandwich', priceCents: 450, vatRateBp: 1000, groupCode: 'SNAK' };

function data(discount: Partial<CouponDiscount> = {}, more: Partial<CouponRuleData> = {}): CouponRuleData {
  return {
    codeId: 1, definitionId: 1, name: 'Remise de bienvenue', customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
    discount: { type: 'ticket', value: { kind: 'percent', bp: 1000 }, target: { itemIds: [], groupCodes: [] }, threshold: null, bundle: [], maxBundles: null, ...discount },
    ...more,
  };
}

const apply = applyActions;

const add = (item: CatalogItem, qty = 1): BasketAction => ({ type: 'add', item, qty });

describe('a coupon on the basket', () => {
  it('gives an adjustment named after the coupon, spread over the lines so the VAT parts add up exactly', () => {
    const b = apply(openBasket('k'), add(BAGUETTE, 3), add(BORDEAUX), add(SANDWICH), { type: 'addRule', rule: couponRule('REMISE1', data({ value: { kind: 'amount', cents: 333 } })) });
    expect(b.adjustments).toEqual([{ kind: 'coupon', ref: 'REMISE1', label: 'Remise de bienvenue', cents: 333, lineIds: null }]);
    const totals = basketTotals(b);
    expect(totals.totalCents).toBe(390 + 899 + 450 - 333);
    const shares = [...totals.ticketShares.values()];
    expect(shares.reduce((a, s) => a + s, 0)).toBe(333);
    // In proportion to 390 / 899 / 450 of 1739: 74.7, 172.1, 86.2 → 75, 172, 86 (largest remainder).
    expect(Object.fromEntries(totals.ticketShares)).toEqual({ 1: 75, 2: 172, 3: 86 });
    expect(totals.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(totals.totalCents);
    expect(totals.vat.map((v) => [v.rateBp, v.grossCents])).toEqual([[2000, 899 - 172], [1000, 450 - 86], [550, 390 - 75]]);
  });

  it('a discount on items stays on their lines', () => {
    const b = apply(openBasket('k'), add(BAGUETTE, 2), add(BORDEAUX), { type: 'addRule', rule: couponRule('CAVE10', data({ type: 'customer', target: { itemIds: [], groupCodes: ['CAVE'] } })) });
    const totals = basketTotals(b);
    expect(b.adjustments[0]).toMatchObject({ cents: 90, lineIds: [2] });
    expect(Object.fromEntries(totals.ticketShares)).toEqual({ 2: 90 });
  });

  it('is worked out again when the basket changes, and kept with a note when it stops qualifying', () => {
    const rule = couponRule('SEUIL', data({ type: 'threshold', target: { itemIds: [1], groupCodes: [] }, threshold: { minQty: 3, minCents: null }, value: { kind: 'amount', cents: 100 } }));
    let b = apply(openBasket('k'), add(BAGUETTE, 3), { type: 'addRule', rule });
    expect(b.adjustments.map((a) => a.cents)).toEqual([100]);
    b = apply(b, { type: 'setQty', lineId: 1, qty: 2 });
    expect(b.rules).toHaveLength(1);
    expect(b.adjustments).toEqual([]);
    expect(b.notes).toEqual([{ ref: 'SEUIL', reason: 'coupon.minQty', params: { min: 3, have: 2 } }]);
    expect(basketTotals(b).totalCents).toBe(260);
    b = apply(b, add(BAGUETTE, 1));
    expect(b.notes).toEqual([]);
    expect(basketTotals(b).totalCents).toBe(290);
    b = apply(b, { type: 'removeRule', ref: 'SEUIL' });
    expect(basketTotals(b).totalCents).toBe(390);
  });

  it('a percent grows with the basket', () => {
    let b = apply(openBasket('k'), add(BORDEAUX), { type: 'addRule', rule: couponRule('DIX', data()) });
    expect(b.adjustments[0]!.cents).toBe(90);
    b = apply(b, add(BORDEAUX));
    expect(b.adjustments[0]!.cents).toBe(180);
  });

  it('needs the customer its terms ask for, and the one its code belongs to', () => {
    const mine = couponRule('CLAIRE', data({}, { customerRule: 'matching', holder: { customerId: 7, groupCode: null } }));
    let b = apply(openBasket('k'), add(BORDEAUX), { type: 'addRule', rule: mine });
    expect(b.notes).toEqual([{ ref: 'CLAIRE', reason: 'coupon.customerRequired' }]);
    b = apply(b, { type: 'customer', customer: { id: 8, code: 'C8', name: 'Autre' } });
    expect(b.notes[0]?.reason).toBe('coupon.customerMismatch');
    b = apply(b, { type: 'customer', customer: { id: 7, code: 'C7', name: 'Claire' } });
    expect(b.notes).toEqual([]);
    expect(b.adjustments[0]!.cents).toBe(90);
  });

  it('an exclusive coupon gives nothing after another coupon; two others add up, capped at the ticket', () => {
    const ten = couponRule('DIX', data());
    const five = couponRule('CINQ', data({ value: { kind: 'amount', cents: 500 } }));
    const alone = couponRule('SEUL', data({}, { exclusive: true }));
    const b = apply(openBasket('k'), add(BORDEAUX), { type: 'addRule', rule: ten }, { type: 'addRule', rule: five }, { type: 'addRule', rule: alone });
    expect(b.adjustments.map((a) => [a.ref, a.cents])).toEqual([['DIX', 90], ['CINQ', 500]]);
    expect(b.notes).toEqual([{ ref: 'SEUL', reason: 'coupon.cannotCombine' }]);
    const big = couponRule('GROS', data({ value: { kind: 'amount', cents: 5000 } }));
    const capped = apply(openBasket('k'), add(BORDEAUX), { type: 'addRule', rule: ten }, { type: 'addRule', rule: big });
    expect(capped.adjustments.map((a) => a.cents)).toEqual([90, 809]);
    expect(basketTotals(capped).totalCents).toBe(0);
  });

  it('an exclusive coupon alone, or after a discount that is not a coupon, gives its discount', () => {
    const alone = couponRule('SEUL', data({}, { exclusive: true }));
    expect(apply(openBasket('k'), add(BORDEAUX), { type: 'addRule', rule: alone }).adjustments.map((a) => a.cents)).toEqual([90]);
    const anne = { id: 7, code: 'C-7', name: 'Anne', rules: [customerDiscountRule({ id: 7, code: 'C-7' }, 500, 'Remise client 5 %')] };
    const b = apply(openBasket('k'), add(BORDEAUX), { type: 'customer', customer: anne }, { type: 'addRule', rule: alone });
    expect(b.adjustments.map((a) => [a.kind, a.cents])).toEqual([['customerDiscount', 45], ['coupon', 90]]);
    expect(b.notes).toEqual([]);
  });

  it('takes no part in a returned line', () => {
    const b = apply(openBasket('k'), add(BORDEAUX), add(BAGUETTE, -1), { type: 'addRule', rule: couponRule('DIX', data()) });
    expect(b.adjustments[0]).toMatchObject({ cents: 90 });
    expect(Object.fromEntries(basketTotals(b).ticketShares)).toEqual({ 1: 90 });
  });
});

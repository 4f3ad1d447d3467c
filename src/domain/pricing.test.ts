import { describe, expect, it } from 'vitest';
import { couponRule } from './coupon/rule';
import { customerDiscountRule } from './customer/discount';
import { priceRules } from './pricing';
import type { PricedLine } from './pricingRule';

// The rules run on each side of a ticket: the items sold, and for a customer's standing discount
// the items returned too, each as its price rule allows.
const line = (lineId: number, itemId: number, qty: number, unitPriceCents: number, roomCents?: number): PricedLine => ({
  lineId,
  totalCents: qty * unitPriceCents,
  itemId,
  qty,
  unitPriceCents,
  ...(roomCents !== undefined && { roomCents }),
});
const anne = { id: 7, code: 'C-7' };
const tenPercent = customerDiscountRule(anne, 1000, 'Remise client 10 %');

describe('priceRules', () => {
  it("gives back on a returned capped item no more than its cap allowed", () => {
    // A book capped at 5 % is returned: 10 % of the customer is given back only up to its 1,00 €.
    const lines = [line(1, 1, 1, 1000), line(2, 3, -1, 2000, -100)];
    const r = priceRules([tenPercent], { lines, customer: anne });
    expect(r.adjustments.map((a) => a.cents)).toEqual([100, -100]);
    expect(r.notes).toEqual([]);
  });

  it('counts only the items sold toward a coupon, not those returned on the same ticket', () => {
    const threshold = couponRule('SEUIL', {
      codeId: 1, definitionId: 1, name: 'Trois baguettes', customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
      discount: { type: 'threshold', value: { kind: 'amount', cents: 100 }, target: { itemIds: [1], groupCodes: [] }, threshold: { minQty: 3, minCents: null }, bundle: [], maxBundles: null },
    });
    const r = priceRules([threshold], { lines: [line(1, 1, 3, 130), line(2, 1, -1, 130)], customer: null });
    expect(r).toEqual({ adjustments: [expect.objectContaining({ ref: 'SEUIL', cents: 100 })], notes: [] });
  });

  it('says nothing of a rule that gives nothing, and notes one it does not know', () => {
    const lines = [line(1, 1, 1, 1000)];
    expect(priceRules([tenPercent], { lines, customer: { id: 8, code: 'C-8' } })).toEqual({ adjustments: [], notes: [] });
    expect(priceRules([{ kind: 'nothingKnown', ref: 'X', data: {} }], { lines, customer: null })).toEqual({ adjustments: [], notes: [{ ref: 'X', reason: 'pricing.unknownRule' }] });
  });
});

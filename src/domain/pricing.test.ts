import { describe, expect, it } from 'vitest';
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

  it('says nothing of a rule that gives nothing, and notes one it does not know', () => {
    const lines = [line(1, 1, 1, 1000)];
    expect(priceRules([tenPercent], { lines, customer: { id: 8, code: 'C-8' } })).toEqual({ adjustments: [], notes: [] });
    expect(priceRules([{ kind: 'nothingKnown', ref: 'X', data: {} }], { lines, customer: null })).toEqual({ adjustments: [], notes: [{ ref: 'X', reason: 'pricing.unknownRule' }] });
  });
});

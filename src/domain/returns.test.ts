import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, lineTotal, openBasket, type Basket, type BasketAction, type LineDiscount } from './basket';
import { couponRule, type CouponRuleData } from './coupon/rule';
import { customerDiscountRule } from './customer/discount';
import type { CatalogItem } from './item';
import type { ItemPriceRule } from './itemPriceRule';
import type { Reward } from './loyalty/program';
import { rewardRule } from './loyalty/rewards';
import { applyActions } from '../testing/basket';

// The demo's FID-000003, Brasserie du Marché, in the group RESTO (5 % off).
const brasserie = { id: 3, code: 'FID-000003', name: 'Brasserie du Marché' };
const resto = (bp = 500) => ({ ...brasserie, rules: [customerDiscountRule(brasserie, bp, `Remise client ${bp / 100} %`)] });

const wine: CatalogItem = { id: 1, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const bread: CatalogItem = { id: 2, sku: 'BOUL-001', barcode: null, name: 'Baguette tradition', priceCents: 130, vatRateBp: 550 };

const apply = applyActions;

const basket = (...actions: BasketAction[]) => apply(openBasket('k'), ...actions);

describe('a returned item is credited at what its sale cost', () => {
  it("gives a customer's group discount back on the item returned, not the list price", () => {
    const back = basket({ type: 'customer', customer: resto() }, { type: 'add', item: wine, qty: -2 });
    // 2 × 8,99 € less 5 %: 17,08 € credited, not 17,98 €.
    expect(back.adjustments).toEqual([{ kind: 'customerDiscount', ref: 'CLIENT-FID-000003', label: 'Remise client 5 %', cents: -90, lineIds: null }]);
    const totals = basketTotals(back);
    expect(totals.totalCents).toBe(-1708);
    expect(totals.ticketShares.get(1)).toBe(-90);
    // The VAT breakdown is on what is credited.
    expect(totals.vat).toEqual([{ rateBp: 2000, grossCents: -1708, vatCents: -285, netCents: -1423 }]);
    const sold = basket({ type: 'customer', customer: resto() }, { type: 'add', item: wine, qty: 2 });
    expect(basketTotals(sold).totalCents).toBe(1708);
  });

  it('prices each side on its own when a ticket sells and takes back (an exchange)', () => {
    const b = basket({ type: 'customer', customer: resto() }, { type: 'add', item: wine, qty: -1 }, { type: 'add', item: bread, qty: 10 });
    expect(b.adjustments.map((a) => a.cents)).toEqual([65, -45]);
    expect(basketTotals(b).totalCents).toBe(1300 - 65 - (899 - 45));
  });

  it('earns no coupon and no reward with a returned item alone', () => {
    const data: CouponRuleData = {
      codeId: 1, definitionId: 1, name: 'Remise 10 %', customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
      discount: { type: 'ticket', value: { kind: 'percent', bp: 1000 }, target: { itemIds: [], groupCodes: [] }, threshold: null, bundle: [], maxBundles: null },
    };
    const couponed = basket({ type: 'add', item: wine, qty: -1 }, { type: 'addRule', rule: couponRule('REMISE10', data) });
    expect(couponed.adjustments).toEqual([]);
    expect(couponed.notes).toEqual([{ ref: 'REMISE10', reason: 'coupon.noItems', params: undefined }]);
    const reward: Reward = { id: 1, name: '10 % fidélité', unit: 'points', cost: 10, gift: { kind: 'percent', bp: 1000 }, automatic: false };
    const rewarded = basket({ type: 'customer', customer: brasserie }, { type: 'add', item: wine, qty: -1 }, { type: 'add', item: bread, qty: 1 }, { type: 'addRule', rule: rewardRule(reward, brasserie.id, { points: 50, visits: 0 }) });
    // 10 % of what is sold (the bread), nothing on the wine brought back.
    expect(rewarded.adjustments).toMatchObject([{ cents: 13 }]);
  });
});

// Catalog items of every kind: free, at a fixed price, capped (a book).
const priceRule: fc.Arbitrary<ItemPriceRule> = fc.oneof(
  fc.constant({ kind: 'free' } as const),
  fc.constant({ kind: 'fixed' } as const),
  fc.integer({ min: 1, max: 9999 }).map((maxDiscountBp) => ({ kind: 'capped', maxDiscountBp }) as const),
);
const item = fc.record({
  priceCents: fc.integer({ min: 1, max: 50_000 }),
  vatRateBp: fc.constantFrom(2000, 1000, 550, 210),
  priceRule,
});
const discount: fc.Arbitrary<LineDiscount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 10_000 }).map((bp) => ({ kind: 'percent', bp }) as const),
  fc.integer({ min: 1, max: 5_000 }).map((cents) => ({ kind: 'amount', cents }) as const),
);
const line = fc.record({ item, qty: fc.integer({ min: 1, max: 20 }), discount, overridePercent: fc.option(fc.integer({ min: 0, max: 99 })) });
type LineSpec = typeof line extends fc.Arbitrary<infer T> ? T : never;

/** The same lines for the same customer, sold (sign 1) or brought back (sign −1): the actions a till would take. */
function ticket(lines: LineSpec[], bp: number, sign: 1 | -1): Basket {
  let b = basket({ type: 'customer', customer: resto(bp) });
  lines.forEach((l, i) => {
    const catalog: CatalogItem = { id: i + 1, sku: `SKU-${i + 1}`, barcode: null, name: `Article ${i + 1}`, ...l.item };
    b = apply(b, { type: 'add', item: catalog, qty: sign * l.qty });
    const lineId = b.lines.at(-1)!.lineId;
    // A change the price rule refuses is refused alike on both tickets: it is simply not made.
    const tryAction = (a: BasketAction) => {
      const r = basketReducer(b, a);
      if ('basket' in r) b = r.basket;
    };
    if (l.overridePercent !== null) tryAction({ type: 'overridePrice', lineId, unitPriceCents: Math.floor((l.item.priceCents * (100 - l.overridePercent)) / 100), by: 2 });
    if (l.discount) tryAction({ type: 'discount', lineId, discount: l.discount, by: 2 });
  });
  return b;
}

describe('sale and return of the same lines for the same customer', () => {
  it('come to nothing: totals, every VAT rate, every line, whatever the prices, rules, discounts and the customer’s percentage', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 10_000 }), (lines, bp) => {
        const sale = ticket(lines, bp, 1);
        const back = ticket(lines, bp, -1);
        const s = basketTotals(sale);
        const r = basketTotals(back);
        expect(s.totalCents + r.totalCents).toBe(0);
        expect(r.totalCents).toBeLessThanOrEqual(0);
        for (const rate of new Set([...s.vat, ...r.vat].map((v) => v.rateBp))) {
          const of = (t: typeof s) => t.vat.find((v) => v.rateBp === rate) ?? { grossCents: 0, vatCents: 0 };
          expect([of(s).grossCents + of(r).grossCents, of(s).vatCents + of(r).vatCents]).toEqual([0, 0]);
        }
        sale.lines.forEach((l, i) => {
          const twin = back.lines[i]!;
          expect(lineTotal(twin) - (r.ticketShares.get(twin.lineId) ?? 0) + lineTotal(l) - (s.ticketShares.get(l.lineId) ?? 0)).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});

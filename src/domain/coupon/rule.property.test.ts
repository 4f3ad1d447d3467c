import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketReducer, openBasket, type Basket, type BasketAction } from '../basket';
import { customerDiscountRule } from '../customer/discount';
import type { CatalogItem } from '../item';
import type { ItemPriceRule } from '../itemPriceRule';
import { rewardRule } from '../loyalty/rewards';
import { COUPON_KIND, couponRule, type CouponRuleData } from './rule';
import type { CouponDiscount, CouponValue } from './definition';

// What the sale's coupon effect (src/app/coupons/effect.ts) takes for granted of a basket, checked
// over random tills' work rather than chosen examples: a coupon on the basket gives more than
// nothing or gives nothing at all (it never gives back, a returned item earns no coupon), and a
// rule's ref names one rule, so one adjustment at most, of its own kind. The effect finds a
// coupon's adjustment by its ref alone and records its amount as the code's use (coupon_uses
// takes no amount of 0 or less): these are why mutants there that drop the kind or the sign
// are equivalent (config/mutation-survivors.md).

const RUNS = { numRuns: 300 * Number(process.env.FC_SCALE ?? 1) };
const RATES = [2000, 1000, 550, 210] as const;
const GROUPS = ['BOUL', 'CAVE', 'SNAK'] as const;
// Codes that look like the other rules' refs (the customer's discount, a reward) on purpose.
const CODES = ['BIENVENUE', 'CAVE10', 'CLIENT-FID-000003', 'FID-1', 'FID-2', 'LOT'] as const;
const CUSTOMER = { id: 3, code: 'FID-000003', name: 'Brasserie du Marché', groupCode: 'PRO' };

const priceRule: fc.Arbitrary<ItemPriceRule> = fc.oneof(
  fc.constant({ kind: 'free' } as const),
  fc.constant({ kind: 'fixed' } as const),
  fc.integer({ min: 0, max: 9999 }).map((maxDiscountBp) => ({ kind: 'capped', maxDiscountBp }) as const),
);
const line = fc.record({
  priceCents: fc.integer({ min: 0, max: 50_000 }),
  vatRateBp: fc.constantFrom(...RATES),
  group: fc.constantFrom(...GROUPS),
  priceRule,
  qty: fc.integer({ min: -4, max: 12 }).filter((q) => q !== 0),
});
const value: fc.Arbitrary<CouponValue> = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ kind: 'percent', bp }) as const),
  fc.integer({ min: 0, max: 100_000 }).map((cents) => ({ kind: 'amount', cents }) as const),
  fc.integer({ min: 0, max: 100_000 }).map((cents) => ({ kind: 'price', cents }) as const),
);
const target = fc.record({ itemIds: fc.subarray([1, 2, 3, 4, 5, 6]), groupCodes: fc.subarray([...GROUPS]) });
const discount: fc.Arbitrary<CouponDiscount> = fc.record({
  type: fc.constantFrom('ticket', 'customer', 'customer_group', 'bundle', 'threshold'),
  value,
  target,
  threshold: fc.option(fc.record({ minQty: fc.option(fc.integer({ min: 1, max: 6 })), minCents: fc.option(fc.integer({ min: 1, max: 20_000 })) })),
  bundle: fc.array(fc.record({ itemIds: fc.subarray([1, 2, 3, 4, 5, 6]), groupCodes: fc.subarray([...GROUPS]), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
  maxBundles: fc.option(fc.integer({ min: 1, max: 3 })),
});
const coupon = fc.record({ code: fc.constantFrom(...CODES), discount, exclusive: fc.boolean(), customerRule: fc.constantFrom('optional', 'required', 'matching') });
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ do: fc.constant('line' as const), line }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('coupon' as const), coupon }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('customer' as const), on: fc.boolean(), bp: fc.integer({ min: 0, max: 10_000 }), reward: fc.option(fc.integer({ min: 1, max: 2 })) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('remove' as const), code: fc.constantFrom(...CODES) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('void' as const), nth: fc.nat() }) },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The basket after each step as the till's reducer takes it; a step it refuses leaves the basket as it was. */
function play(steps: Step[]): Basket {
  let basket = openBasket('k');
  let items = 0;
  const act = (a: BasketAction) => {
    const r = basketReducer(basket, a);
    if ('basket' in r) basket = r.basket;
  };
  for (const s of steps) {
    if (s.do === 'line') {
      items += 1;
      const { qty, group, ...rest } = s.line;
      const item: CatalogItem = { id: ((items - 1) % 6) + 1, sku: `SKU-${items}`, barcode: null, name: `Article ${items}`, groupCode: group, ...rest };
      act({ type: 'add', item, qty, merge: false });
    } else if (s.do === 'coupon') {
      const data: CouponRuleData = {
        codeId: CODES.indexOf(s.coupon.code) + 1, definitionId: 1, name: s.coupon.code, discount: s.coupon.discount, customerRule: s.coupon.customerRule,
        holder: { customerId: null, groupCode: 'PRO' }, exclusive: s.coupon.exclusive,
      };
      act({ type: 'addRule', rule: couponRule(s.coupon.code, data) });
    } else if (s.do === 'customer') {
      const reward = s.reward === null ? [] : [rewardRule({ id: s.reward, name: 'Cadeau', unit: 'points', cost: 10, gift: { kind: 'amount', cents: 300 }, automatic: true }, CUSTOMER.id, { points: 50, visits: 0 })];
      act({ type: 'customer', customer: s.on ? { ...CUSTOMER, rules: [customerDiscountRule(CUSTOMER, s.bp, 'Remise client'), ...reward] } : null });
    } else if (s.do === 'remove') {
      act({ type: 'removeRule', ref: s.code });
    } else if (basket.lines.length > 0) {
      act({ type: 'void', lineId: basket.lines[s.nth % basket.lines.length]!.lineId });
    }
  }
  return basket;
}

describe('coupons on a basket, as the sale commits them', () => {
  it('a coupon gives more than nothing or nothing at all, and each rule’s ref names one rule and at most one adjustment of its kind', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
      const basket = play(steps);
      const refs = basket.rules.map((r) => r.ref);
      expect(new Set(refs).size).toBe(refs.length);
      for (const a of basket.adjustments) {
        const rules = basket.rules.filter((r) => r.ref === a.ref);
        expect(rules.map((r) => r.kind)).toEqual([a.kind]);
      }
      const coupons = basket.adjustments.filter((a) => a.kind === COUPON_KIND);
      for (const a of coupons) expect(a.cents).toBeGreaterThan(0);
      expect(new Set(coupons.map((a) => a.ref)).size).toBe(coupons.length);
    }), RUNS);
  });

  it('the random baskets do reach coupons that give, beside returns, ones that give nothing, and codes spelt like the customer’s rules', () => {
    // The property above is only as good as what it sees: count what the generator makes.
    let giving = 0;
    let noting = 0;
    let clash = 0;
    let withReturns = 0;
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
      const basket = play(steps);
      if (basket.adjustments.some((a) => a.kind === COUPON_KIND)) giving += 1;
      if (basket.notes.some((n) => basket.rules.some((r) => r.ref === n.ref && r.kind === COUPON_KIND))) noting += 1;
      if (basket.adjustments.some((a) => a.kind === COUPON_KIND) && basket.lines.some((l) => l.qty < 0)) withReturns += 1;
      // A code spelt like the customer's discount or reward tried while the customer is on.
      const alike = steps.some((s) => s.do === 'coupon' && (s.coupon.code === 'CLIENT-FID-000003' || s.coupon.code.startsWith('FID-')));
      if (alike && basket.customer !== null) clash += 1;
    }), { ...RUNS, seed: 42 });
    expect(giving).toBeGreaterThan(20);
    expect(withReturns).toBeGreaterThan(5);
    expect(noting).toBeGreaterThan(20);
    expect(clash).toBeGreaterThan(20);
  });
});

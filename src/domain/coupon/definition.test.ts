import { describe, expect, it } from 'vitest';
import {
  allowedCustomerRules, allowedHolders, checkDefinition, defaultCustomerRule,
  type CouponDefinition, type CouponDiscount, type CouponTerms, type DiscountType,
} from './definition';

const ITEMS = { itemIds: [1], groupCodes: [] };
const NONE = { itemIds: [], groupCodes: [] };

function def(discount: Partial<CouponDiscount> = {}, terms: Partial<CouponTerms> = {}): CouponDefinition {
  return {
    symbol: 'REMISE',
    name: 'Remise de bienvenue',
    conditions: '',
    active: true,
    discount: { type: 'ticket', value: { kind: 'percent', bp: 1000 }, target: NONE, threshold: null, bundle: [], maxBundles: null, ...discount },
    terms: { holder: 'none', customerRule: 'optional', limit: null, validFrom: null, validUntil: null, schedule: [], exclusive: false, storeIds: [], ...terms },
  };
}

describe('coupon definitions: the options each discount type allows (the seed\'s table)', () => {
  it('lists holders and "customer on the document" choices by type, with the table\'s defaults', () => {
    expect(allowedHolders('ticket')).toEqual(['none', 'customer', 'group']);
    expect(allowedHolders('customer')).toEqual(['none', 'customer']);
    expect(allowedHolders('customer_group')).toEqual(['group']);
    expect(allowedHolders('bundle')).toEqual(['none', 'customer', 'group']);
    expect(allowedCustomerRules('threshold', null)).toEqual(['optional', 'required', 'matching']);
    expect(allowedCustomerRules('customer_group', 'global')).toEqual(['matching']);
    // A per-customer limit counts a customer's uses: the sale must name one.
    expect(allowedCustomerRules('ticket', 'customer')).toEqual(['required', 'matching']);
    expect(defaultCustomerRule('ticket', 'store')).toBe('optional');
    expect(defaultCustomerRule('customer', 'customer')).toBe('required');
    expect(defaultCustomerRule('customer_group', null)).toBe('matching');
  });

  it('accepts each type with what it needs', () => {
    const ok: [DiscountType, Partial<CouponDiscount>, Partial<CouponTerms>][] = [
      ['ticket', {}, { limit: { scope: 'global', max: 100 } }],
      ['customer', { target: ITEMS }, { holder: 'customer', customerRule: 'matching' }],
      ['customer_group', { target: { itemIds: [], groupCodes: ['CAVE'] } }, { holder: 'group', customerRule: 'matching', limit: { scope: 'customer', max: 1 } }],
      ['bundle', { value: { kind: 'price', cents: 200 }, bundle: [{ ...ITEMS, qty: 2 }], maxBundles: 1 }, {}],
      ['threshold', { target: ITEMS, threshold: { minQty: 3, minCents: null } }, { customerRule: 'required', limit: { scope: 'store', max: 5 } }],
    ];
    for (const [type, d, t] of ok) expect([type, checkDefinition(def({ type, ...d }, t))]).toEqual([type, null]);
  });

  it('refuses what the table does not allow', () => {
    expect(checkDefinition(def({ type: 'customer', target: ITEMS }, { holder: 'group' }))).toBe('coupon.def.holder');
    expect(checkDefinition(def({ type: 'customer_group', target: ITEMS }, { holder: 'customer', customerRule: 'matching' }))).toBe('coupon.def.holder');
    expect(checkDefinition(def({ type: 'customer_group', target: ITEMS }, { holder: 'group', customerRule: 'required' }))).toBe('coupon.def.customerRule');
    expect(checkDefinition(def({}, { limit: { scope: 'customer', max: 1 } }))).toBe('coupon.def.limitCustomer');
    expect(checkDefinition(def({}, { customerRule: 'matching' }))).toBe('coupon.def.matchingNeedsHolder');
    // Bundles and thresholds: a per-customer limit only on codes held by a customer or a group (the table's last row).
    const bundle = { type: 'bundle' as const, value: { kind: 'price' as const, cents: 200 }, bundle: [{ ...ITEMS, qty: 2 }] };
    const threshold = { type: 'threshold' as const, target: ITEMS, threshold: { minQty: 3, minCents: null } };
    const perCustomer = { customerRule: 'required' as const, limit: { scope: 'customer' as const, max: 1 } };
    expect(checkDefinition(def(bundle, perCustomer))).toBe('coupon.def.limitCustomerHolder');
    expect(checkDefinition(def(threshold, perCustomer))).toBe('coupon.def.limitCustomerHolder');
    expect(checkDefinition(def(bundle, { ...perCustomer, holder: 'customer' }))).toBeNull();
    expect(checkDefinition(def(threshold, { ...perCustomer, holder: 'group', customerRule: 'matching' }))).toBeNull();
    // A ticket discount or a customer's item discount keeps it for codes held by nobody.
    expect(checkDefinition(def({}, perCustomer))).toBeNull();
    expect(checkDefinition(def({ type: 'customer', target: ITEMS }, perCustomer))).toBeNull();
  });

  it('refuses a discount that does not fit its type', () => {
    expect(checkDefinition(def({ value: { kind: 'percent', bp: 0 } }))).toBe('coupon.def.percent');
    expect(checkDefinition(def({ value: { kind: 'percent', bp: 10_001 } }))).toBe('coupon.def.percent');
    expect(checkDefinition(def({ value: { kind: 'amount', cents: 0 } }))).toBe('coupon.def.amount');
    expect(checkDefinition(def({ value: { kind: 'price', cents: 100 } }))).toBe('coupon.def.priceNotBundle');
    expect(checkDefinition(def({ target: ITEMS }))).toBe('coupon.def.targetNotAllowed');
    expect(checkDefinition(def({ type: 'customer' }))).toBe('coupon.def.targetNeeded');
    expect(checkDefinition(def({ type: 'threshold', target: ITEMS }))).toBe('coupon.def.thresholdNeeded');
    expect(checkDefinition(def({ threshold: { minQty: null, minCents: null } }))).toBe('coupon.def.threshold');
    expect(checkDefinition(def({ threshold: { minQty: 0, minCents: null } }))).toBe('coupon.def.threshold');
    expect(checkDefinition(def({ type: 'bundle' }))).toBe('coupon.def.bundleNeeded');
    expect(checkDefinition(def({ type: 'bundle', bundle: [{ ...NONE, qty: 1 }] }))).toBe('coupon.def.bundlePart');
    expect(checkDefinition(def({ type: 'bundle', bundle: [{ ...ITEMS, qty: 1 }], threshold: { minQty: 2, minCents: null } }))).toBe('coupon.def.thresholdNotAllowed');
    expect(checkDefinition(def({ bundle: [{ ...ITEMS, qty: 1 }] }))).toBe('coupon.def.bundleNotAllowed');
  });

  it('refuses a bad name, symbol, limit, dates or schedule', () => {
    expect(checkDefinition({ ...def(), name: '  ' })).toBe('coupon.def.name');
    expect(checkDefinition({ ...def(), symbol: 'remise' })).toBe('coupon.def.symbol');
    expect(checkDefinition({ ...def(), symbol: 'RE MISE' })).toBe('coupon.def.symbol');
    expect(checkDefinition(def({}, { limit: { scope: 'global', max: 0 } }))).toBe('coupon.def.limitMax');
    expect(checkDefinition(def({}, { validFrom: '2026-12-31', validUntil: '2026-12-01' }))).toBe('coupon.def.dates');
    expect(checkDefinition(def({}, { schedule: [{ days: [8], from: 0, to: 0 }] }))).toBe('coupon.def.schedule');
  });
});

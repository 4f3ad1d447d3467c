import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyActions } from '../testing/basket';
import { basketReducer, basketTotals, lineGross, lineTotal, openBasket, type Basket, type BasketAction, type LineDiscount } from './basket';
import { couponRule, type CouponRuleData } from './coupon/rule';
import { customerDiscountRule } from './customer/discount';
import type { CatalogItem } from './item';
import type { ItemPriceRule } from './itemPriceRule';
import { allocate, basisPointsOf, centsToDecimal, divRound, formatEuros, MAX_CENTS, parseEuros } from './money';
import { allocateAdjustments, lineRoom, type Adjustment, type PricedLine } from './pricingRule';
import { refundRoute } from './saleReturn';
import { addTender, changeCents, paidCents, remainingCents, settle, type Payment, type TenderKind } from './tender';
import { vatBreakdown, vatIncluded } from './vat';

// Properties of money, checked over random amounts rather than chosen examples: parts add up to
// the whole, nothing goes below zero, rounding happens once. Each property is checked against
// an exact reference (BigInt) where there is one.

const RUNS = { numRuns: 300 * Number(process.env.FC_SCALE ?? 1) };
const cents = fc.integer({ min: -MAX_CENTS, max: MAX_CENTS });
const positive = fc.integer({ min: 1, max: MAX_CENTS });
const RATES = [2000, 1000, 550, 210] as const;

/** Half away from zero, exactly. */
function refDivRound(n: bigint, d: bigint): bigint {
  const sign = (n < 0n ? -1n : 1n) * (d < 0n ? -1n : 1n);
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = a / b;
  return sign * (2n * (a - q * b) >= b ? q + 1n : q);
}

describe('divRound and basisPointsOf: one rounding, half away from zero', () => {
  it('equals the exact rounding for every safe integer, and a refund mirrors its sale', () => {
    const safe = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    const divisor = fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })).chain((d) => fc.constantFrom(d, -d));
    fc.assert(fc.property(fc.oneof(safe, cents), divisor, (n, d) => {
      expect(divRound(n, d)).toBe(Number(refDivRound(BigInt(n), BigInt(d))));
      expect(divRound(-n, d) + divRound(n, d)).toBe(0);
    }), { numRuns: 1000 * Number(process.env.FC_SCALE ?? 1) });
  });

  it('takes a percentage within half a cent of the exact amount', () => {
    fc.assert(fc.property(cents, fc.integer({ min: 0, max: 10_000 }), (c, bp) => {
      const r = basisPointsOf(c, bp);
      expect(Math.abs(r * 10_000 - c * bp)).toBeLessThanOrEqual(5_000);
      expect(Math.abs(r)).toBeLessThanOrEqual(Math.abs(c));
    }), RUNS);
  });
});

describe('allocate (largest remainder)', () => {
  const weights = fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: MAX_CENTS })), { minLength: 1, maxLength: 30 });
  it('parts add up to the total, carry its sign, and each is within a cent of its exact share', () => {
    fc.assert(fc.property(cents, weights, (total, w) => {
      const parts = allocate(total, w);
      expect(parts).toHaveLength(w.length);
      expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
      const sum = BigInt(w.reduce((a, x) => a + x, 0));
      parts.forEach((p, i) => {
        expect(Number.isInteger(p)).toBe(true);
        if (p !== 0) expect(Math.sign(p)).toBe(Math.sign(total));
        if (sum === 0n) return;
        // |p - total·w/sum| < 1, in exact arithmetic.
        const diff = BigInt(p) * sum - BigInt(total) * BigInt(w[i]!);
        expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
        if (w[i] === 0) expect(p).toBe(0);
      });
    }), { numRuns: 1000 * Number(process.env.FC_SCALE ?? 1) });
  });

  it('splitting again and summing gives back each part: a split of a split adds up to the same whole', () => {
    fc.assert(fc.property(cents, weights, weights, (total, w, inner) => {
      const parts = allocate(total, w);
      const again = parts.map((p) => allocate(p, inner).reduce((a, x) => a + x, 0));
      expect(again).toEqual(parts);
    }), RUNS);
  });
});

describe('amounts typed and printed', () => {
  it('reads back every amount it prints, in French, English and plain decimals', () => {
    fc.assert(fc.property(cents, (c) => {
      expect(parseEuros(centsToDecimal(c))).toBe(c);
      expect(parseEuros(formatEuros(c, 'fr'))).toBe(c);
      expect(parseEuros(formatEuros(c, 'en').replace('€', '').replace(/,/g, ''))).toBe(c);
    }), RUNS);
  });
});

describe('VAT split', () => {
  const line = fc.record({ totalCents: fc.integer({ min: -1_000_000, max: 1_000_000 }), vatRateBp: fc.constantFrom(...RATES) });
  it('rows add up to the lines; gross = net + VAT on every row; VAT rounded once per rate, on the rate’s total', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
      const parts = vatBreakdown(lines);
      expect(parts.reduce((a, p) => a + p.grossCents, 0)).toBe(lines.reduce((a, l) => a + l.totalCents, 0));
      for (const p of parts) {
        expect(p.netCents + p.vatCents).toBe(p.grossCents);
        // Within half a cent of the exact VAT of the rate's total: one rounding, not one per line.
        expect(Math.abs(p.vatCents * (10_000 + p.rateBp) - p.grossCents * p.rateBp)).toBeLessThanOrEqual((10_000 + p.rateBp) / 2);
        if (p.grossCents >= 0) expect(Math.min(p.vatCents, p.netCents)).toBeGreaterThanOrEqual(0);
        else expect(Math.max(p.vatCents, p.netCents)).toBeLessThanOrEqual(0);
      }
      // However the lines of a rate are cut up, the breakdown is the same.
      const merged = RATES.map((r) => ({ vatRateBp: r, totalCents: lines.filter((l) => l.vatRateBp === r).reduce((a, l) => a + l.totalCents, 0) }))
        .filter((m) => lines.some((l) => l.vatRateBp === m.vatRateBp));
      expect(vatBreakdown(merged)).toEqual(parts);
    }), RUNS);
  });

  it('the VAT of a refund is the mirror of the VAT of its sale', () => {
    fc.assert(fc.property(cents, fc.constantFrom(...RATES), (c, r) => {
      expect(vatIncluded(-c, r) + vatIncluded(c, r)).toBe(0);
    }), RUNS);
  });
});

describe('ticket discounts over lines', () => {
  const pricedLine = fc.record({ totalCents: fc.integer({ min: 1, max: 5_000_000 }), roomPercent: fc.option(fc.integer({ min: 0, max: 100 })), returned: fc.boolean() });
  it('each adjustment is shared out exactly, no line past its room nor below zero', () => {
    fc.assert(fc.property(fc.array(pricedLine, { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }), (specs, percents) => {
      const lines: PricedLine[] = specs.map((s, i) => {
        const sign = s.returned ? -1 : 1;
        return { lineId: i + 1, totalCents: sign * s.totalCents, itemId: i + 1, qty: sign, unitPriceCents: s.totalCents, ...(s.roomPercent !== null && { roomCents: sign * Math.floor((s.totalCents * s.roomPercent) / 100) }) };
      });
      // Adjustments as the rules give them: each at most what the lines of its side have left.
      const room = (side: number) => lines.filter((l) => Math.sign(l.totalCents) === side).reduce((a, l) => a + lineRoom(l), 0);
      const adjustments: Adjustment[] = [];
      const left = new Map([[1, room(1)], [-1, room(-1)]]);
      percents.forEach((p, i) => {
        const side = i % 2 === 0 ? 1 : -1;
        const c = Math.floor((left.get(side)! * p) / 100);
        if (c === 0) return;
        left.set(side, left.get(side)! - c);
        adjustments.push({ kind: 'test', ref: `R${i}`, label: 'r', cents: side * c, lineIds: null });
      });
      const shares = allocateAdjustments(lines, adjustments);
      for (const side of [1, -1]) {
        const given = adjustments.filter((a) => Math.sign(a.cents) === side).reduce((a, x) => a + x.cents, 0);
        const shared = lines.filter((l) => Math.sign(l.totalCents) === side).reduce((a, l) => a + (shares.get(l.lineId) ?? 0), 0);
        expect(shared).toBe(given);
      }
      for (const l of lines) {
        const share = shares.get(l.lineId) ?? 0;
        expect(share === 0 || Math.sign(share) === Math.sign(l.totalCents)).toBe(true);
        expect(Math.abs(share)).toBeLessThanOrEqual(lineRoom(l));
      }
    }), RUNS);
  });

  // A till's basket, as the cashier builds it: items of every price rule, line discounts, prices
  // lowered, a customer's standing discount and a coupon (percent or amount).
  const priceRule: fc.Arbitrary<ItemPriceRule> = fc.oneof(
    fc.constant({ kind: 'free' } as const),
    fc.constant({ kind: 'fixed' } as const),
    fc.integer({ min: 1, max: 9999 }).map((maxDiscountBp) => ({ kind: 'capped', maxDiscountBp }) as const),
  );
  const discount: fc.Arbitrary<LineDiscount | null> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 1, max: 10_000 }).map((bp) => ({ kind: 'percent', bp }) as const),
    fc.integer({ min: 1, max: 50_000 }).map((c) => ({ kind: 'amount', cents: c }) as const),
  );
  const basketLine = fc.record({
    item: fc.record({ priceCents: fc.integer({ min: 1, max: 200_000 }), vatRateBp: fc.constantFrom(...RATES), priceRule }),
    qty: fc.integer({ min: -5, max: 30 }).filter((q) => q !== 0),
    discount,
    lowered: fc.option(fc.integer({ min: 0, max: 99 })),
  });
  const coupon = fc.option(fc.oneof(
    fc.integer({ min: 1, max: 10_000 }).map((bp) => ({ kind: 'percent', bp }) as const),
    fc.integer({ min: 1, max: 500_000 }).map((c) => ({ kind: 'amount', cents: c }) as const),
  ));

  function build(lines: (typeof basketLine extends fc.Arbitrary<infer T> ? T : never)[], customerBp: number | null, value: CouponRuleData['discount']['value'] | null): Basket {
    const customer = { id: 3, code: 'FID-000003', name: 'Brasserie du Marché' };
    let b = openBasket('k');
    if (customerBp !== null) b = applyActions(b, { type: 'customer', customer: { ...customer, rules: [customerDiscountRule(customer, customerBp, 'Remise client')] } });
    const tryAction = (a: BasketAction) => {
      const r = basketReducer(b, a);
      if ('basket' in r) b = r.basket;
    };
    lines.forEach((l, i) => {
      const item: CatalogItem = { id: i + 1, sku: `SKU-${i + 1}`, barcode: null, name: `Article ${i + 1}`, ...l.item };
      b = applyActions(b, { type: 'add', item, qty: l.qty, merge: false });
      const lineId = b.lines.at(-1)!.lineId;
      if (l.lowered !== null) tryAction({ type: 'overridePrice', lineId, unitPriceCents: Math.floor((l.item.priceCents * (100 - l.lowered)) / 100), by: 2 });
      if (l.discount) tryAction({ type: 'discount', lineId, discount: l.discount, by: 2 });
    });
    if (value) {
      const data: CouponRuleData = {
        codeId: 1, definitionId: 1, name: 'Coupon', customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
        discount: { type: 'ticket', value, target: { itemIds: [], groupCodes: [] }, threshold: null, bundle: [], maxBundles: null },
      };
      tryAction({ type: 'addRule', rule: couponRule('COUPON', data) });
    }
    return b;
  }

  it('a basket’s total is its lines less every discount, each line and each side stays on its side of zero, VAT rows add up to the taxed total', () => {
    fc.assert(fc.property(fc.array(basketLine, { minLength: 1, maxLength: 10 }), fc.option(fc.integer({ min: 1, max: 10_000 })), coupon, (lines, customerBp, value) => {
      const b = build(lines, customerBp, value);
      const t = basketTotals(b);
      const gross = b.lines.reduce((a, l) => a + lineGross(l), 0);
      const adjusted = b.adjustments.reduce((a, x) => a + x.cents, 0);
      expect(t.totalCents).toBe(b.lines.reduce((a, l) => a + lineTotal(l), 0) - adjusted);
      expect(t.totalCents + t.discountCents).toBe(gross);
      const sharesSum = [...t.ticketShares.values()].reduce((a, s) => a + s, 0);
      expect(sharesSum).toBe(adjusted);
      for (const l of b.lines) {
        const paid = lineTotal(l) - (t.ticketShares.get(l.lineId) ?? 0);
        // A line sold never comes to less than nothing, a line returned never to more.
        expect(Math.sign(paid) === 0 || Math.sign(paid) === Math.sign(l.qty)).toBe(true);
        expect(Math.abs(paid)).toBeLessThanOrEqual(Math.abs(lineGross(l)));
      }
      expect(t.vat.reduce((a, v) => a + v.grossCents, 0) + t.outsideVatCents).toBe(t.totalCents);
    }), RUNS);
  });
});

describe('tenders: change and split payments', () => {
  const kind = fc.constantFrom<TenderKind>('cash', 'card', 'voucher', 'gift_card', 'account');
  const step = fc.record({ kind, typed: fc.option(fc.integer({ min: -1000, max: 2_000_000 }), { freq: 3 }), max: fc.option(fc.integer({ min: 0, max: 2_000_000 })) });

  it('whatever the cashier types: paid − change + left = total, change only in cash and only on a sale, nothing negative', () => {
    fc.assert(fc.property(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.array(step, { maxLength: 8 }), (total, steps) => {
      let p: Payment = { totalCents: total, tenders: [] };
      for (const s of steps) {
        const r = addTender(p, s.kind, s.typed, s.max === null ? {} : { maxCents: s.max });
        if ('error' in r) {
          continue;
        }
        const added = r.payment.tenders.at(-1)!;
        if (s.max !== null) expect(Math.abs(added.amountCents)).toBeLessThanOrEqual(s.max);
        expect(added.amountCents).not.toBe(0);
        expect(Math.sign(added.amountCents)).toBe(Math.sign(total));
        p = r.payment;
      }
      const change = changeCents(p);
      const left = remainingCents(p);
      expect(change).toBeGreaterThanOrEqual(0);
      expect(total >= 0 ? left >= 0 : left <= 0).toBe(true);
      expect(paidCents(p) - change + left).toBe(total);
      if (change > 0) {
        expect(total).toBeGreaterThan(0);
        // What is not cash never comes to more than the total: the change comes out of the cash.
        const cash = p.tenders.filter((t) => t.kind === 'cash').reduce((a, t) => a + t.amountCents, 0);
        expect(cash).toBeGreaterThanOrEqual(change);
        expect(paidCents(p) - cash).toBeLessThanOrEqual(total);
      }
    }), { numRuns: 1000 * Number(process.env.FC_SCALE ?? 1) });
  });

  it('a total split over any number of tenders settles exactly, with no change', () => {
    fc.assert(fc.property(fc.integer({ min: -MAX_CENTS, max: MAX_CENTS }).filter((t) => t !== 0), fc.array(fc.tuple(kind, fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 6 }), (total, split) => {
      const parts = allocate(Math.abs(total), split.map(([, w]) => w));
      const given = split.map(([k], i) => ({ kind: k, cents: parts[i]! })).filter((g) => g.cents > 0);
      const r = settle(total, given);
      if ('error' in r) throw new Error(r.error);
      expect(paidCents(r.payment)).toBe(total);
      expect(changeCents(r.payment)).toBe(0);
      expect(remainingCents(r.payment)).toBe(0);
    }), RUNS);
  });

  it('a refund is shared over the ways the tickets were paid, parts adding up, none negative', () => {
    const paid = fc.record({
      tenders: fc.array(fc.record({ kind: fc.constantFrom<TenderKind>('cash', 'card', 'voucher', 'gift_card', 'account', 'giftcert'), amountCents: fc.integer({ min: 1, max: 500_000 }) }), { maxLength: 5 }),
      changeCents: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(fc.property(fc.array(paid, { maxLength: 4 }), fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom('voucher', 'cash') , (tickets, refund, prepaid) => {
      const route = refundRoute(tickets, refund, prepaid);
      expect(route.reduce((a, p) => a + p.cents, 0)).toBe(refund);
      for (const p of route) expect(p.cents).toBeGreaterThan(0);
      expect(route.map((p) => p.kind)).not.toContain('gift_card');
      expect(route.map((p) => p.kind)).not.toContain('giftcert');
    }), RUNS);
  });
});

import { basisPointsOf, divRound, type Cents } from '../money';
import { lineRoom, percentOff, type PricedLine } from '../pricingRule';
import type { BundlePart, CouponDiscount, Target } from './definition';

// The discount engine: what a coupon's discount comes to on the lines of a basket. Each coupon
// is worked out on the lines' own totals (after their line discounts), so two coupons add up;
// the pricing engine then caps the whole so that no line goes below zero. One rounding, on the
// sum: 10 % of three lines is 10 % of their total, rounded once.

/** Why a basket gets nothing from a coupon (message keys, shown as the basket's note). */
export type CouponShortfall = 'coupon.noItems' | 'coupon.minQty' | 'coupon.minAmount' | 'coupon.noBundle' | 'coupon.noSaving' | 'pricing.noRoom';

export type EngineOutcome =
  | { cents: Cents; lineIds: number[] | null }
  | { refused: CouponShortfall; params?: Record<string, number> };

function matches(t: Target, l: PricedLine): boolean {
  return t.itemIds.includes(l.itemId) || (l.groupCode != null && t.groupCodes.includes(l.groupCode));
}

const sum = (lines: readonly PricedLine[], f: (l: PricedLine) => number) => lines.reduce((a, l) => a + f(l), 0);

/** Only what is sold takes part: a returned line gives no coupon discount. */
function soldLines(lines: readonly PricedLine[]): PricedLine[] {
  return lines.filter((l) => l.qty > 0 && l.totalCents > 0);
}

export function couponDiscount(d: CouponDiscount, lines: readonly PricedLine[]): EngineOutcome {
  const sold = soldLines(lines);
  if (d.type === 'bundle') return bundleDiscount(d, sold);
  const over = d.type === 'ticket' ? sold : sold.filter((l) => matches(d.target, l));
  if (over.length === 0) return { refused: 'coupon.noItems' };
  const qty = sum(over, (l) => l.qty);
  const base = sum(over, (l) => l.totalCents);
  const { minQty = null, minCents = null } = d.threshold ?? {};
  if (minQty !== null && qty < minQty) return { refused: 'coupon.minQty', params: { min: minQty, have: qty } };
  if (minCents !== null && base < minCents) return { refused: 'coupon.minAmount', params: { minCents, missingCents: minCents - base } };
  // A percentage is what each line's price rule allows (a line's room: see pricingRule.ts).
  const cents = d.value.kind === 'percent' ? percentOff(over.map((l) => ({ cents: l.totalCents, roomCents: lineRoom(l) })), d.value.bp) : Math.min(d.value.cents, base);
  if (cents <= 0) return { refused: over.every((l) => lineRoom(l) === 0) ? 'pricing.noRoom' : 'coupon.noSaving' };
  return { cents, lineIds: d.type === 'ticket' ? null : over.map((l) => l.lineId) };
}

/** Parts naming items before parts naming groups: a group must not take the units an item part needs. */
function specificFirst(parts: readonly BundlePart[]): BundlePart[] {
  return [...parts].sort((a, b) => Number(a.groupCodes.length > 0) - Number(b.groupCodes.length > 0));
}

/**
 * Bundles are made one after the other from what is left of the lines; each part takes the
 * dearest units it may (a custom bundle picks from groups: the customer gets the most from it).
 */
function bundleDiscount(d: CouponDiscount, sold: readonly PricedLine[]): EngineOutcome {
  const unitValue = (l: PricedLine) => l.totalCents / l.qty;
  const parts = specificFirst(d.bundle).map((p) => ({
    qty: p.qty,
    lines: sold.filter((l) => matches(p, l)).sort((a, b) => unitValue(b) - unitValue(a) || a.lineId - b.lineId),
  }));
  const taken = new Map<number, number>();
  const cap = d.maxBundles ?? Number.POSITIVE_INFINITY;
  let bundles = 0;
  while (bundles < cap) {
    // This bundle's units, kept apart until every part is filled.
    const round = new Map<number, number>();
    const complete = parts.every((part) => {
      let need = part.qty;
      for (const l of part.lines) {
        const k = Math.min(l.qty - (taken.get(l.lineId) ?? 0) - (round.get(l.lineId) ?? 0), need);
        if (k > 0) {
          round.set(l.lineId, (round.get(l.lineId) ?? 0) + k);
          need -= k;
        }
        if (need === 0) return true;
      }
      return false;
    });
    if (!complete) break;
    for (const [id, k] of round) taken.set(id, (taken.get(id) ?? 0) + k);
    bundles += 1;
  }
  if (bundles === 0) return { refused: 'coupon.noBundle' };
  // The value of the units taken, rounded once per line.
  const used = sold.filter((l) => taken.has(l.lineId));
  const value = sum(used, (l) => divRound(l.totalCents * taken.get(l.lineId)!, l.qty));
  const v = d.value;
  const cents = v.kind === 'percent' ? basisPointsOf(value, v.bp) : v.kind === 'amount' ? Math.min(v.cents * bundles, value) : value - v.cents * bundles;
  if (cents <= 0) return { refused: 'coupon.noSaving' };
  return { cents, lineIds: used.map((l) => l.lineId) };
}

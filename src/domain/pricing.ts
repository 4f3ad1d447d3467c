import { evaluateCoupon } from './coupon/rule';
import { customerDiscountEvaluator } from './customer/discount';
import { rewardEvaluator } from './loyalty/rewards';
import { allocateAdjustments, eligible, lineRoom, type Adjustment, type PricedLine, type Pricing, type PricingInput, type PricingRule, type RuleEvaluator } from './pricingRule';

// The pricing rules' types and shared arithmetic live in pricingRule.ts, which the features'
// evaluators import; this module only names the evaluators and runs them, so no feature ever
// imports it back (a circle here once left the bundle without the reward evaluator).

interface RuleKind {
  evaluate: RuleEvaluator;
  /**
   * Worked out on the returned items too, as if they were sold, and given back: a customer's
   * standing discount is theirs on what they return as on what they buy, so a sale and the
   * return of the same items come to nothing. A coupon or a reward is earned by a purchase: a
   * returned item alone earns none (a return against its ticket is another matter).
   */
  pricesReturns: boolean;
}

/** One entry per kind of rule: each feature (coupons, customer discounts, rewards) adds its own. */
const RULE_KINDS: Record<string, RuleKind> = {
  customerDiscount: { evaluate: customerDiscountEvaluator, pricesReturns: true },
  reward: { evaluate: rewardEvaluator, pricesReturns: false },
  coupon: { evaluate: evaluateCoupon, pricesReturns: false },
};

/** A returned line as the rules see it when they price it like a sale. */
function asSold(l: PricedLine): PricedLine {
  return { ...l, totalCents: -l.totalCents, qty: -l.qty, ...(l.roomCents !== undefined && { roomCents: -l.roomCents }) };
}

/**
 * The rules in their order, each on the items sold and, for those that price returns, on the
 * items returned (an adjustment of the opposite sign). Each side sees only its own lines and
 * the adjustments given on it before.
 */
export function priceRules(rules: readonly PricingRule[], input: Omit<PricingInput, 'earlier'>): Pricing {
  const out: Pricing = { adjustments: [], notes: [] };
  const sold: Adjustment[] = [];
  const given: Adjustment[] = [];
  const soldLines = input.lines.filter((l) => l.totalCents > 0);
  const returned = input.lines.filter((l) => l.totalCents < 0).map(asSold);
  for (const rule of rules) {
    const kind = RULE_KINDS[rule.kind];
    if (!kind) {
      out.notes.push({ ref: rule.ref, reason: 'pricing.unknownRule' });
      continue;
    }
    const r = kind.evaluate(rule, { lines: soldLines, customer: input.customer, earlier: sold });
    if ('adjustment' in r) {
      const a = capped(r.adjustment, soldLines, sold);
      // Nothing the lines can take: they are all at a fixed price, or at their cap already.
      if (a.cents === 0) out.notes.push({ ref: rule.ref, reason: 'pricing.noRoom' });
      else {
        sold.push(a);
        out.adjustments.push(a);
      }
    } else if ('refused' in r) out.notes.push({ ref: rule.ref, reason: r.refused, params: r.params });
    if (!kind.pricesReturns || returned.length === 0) continue;
    // Why a rule gives nothing is said once, from the items sold.
    const back = kind.evaluate(rule, { lines: returned, customer: input.customer, earlier: given });
    if (!('adjustment' in back)) continue;
    const a = capped(back.adjustment, returned, given);
    if (a.cents === 0) continue;
    given.push(a);
    out.adjustments.push({ ...a, cents: -a.cents });
  }
  return out;
}

/** A discount never takes a line below zero nor past its price rule: what its lines can still take is the most it gives. */
function capped(a: Adjustment, lines: readonly PricedLine[], before: readonly Adjustment[]): Adjustment {
  const shares = allocateAdjustments(lines, before);
  const room = eligible(lines, a).reduce((sum, l) => sum + Math.max(0, lineRoom(l) - (shares.get(l.lineId) ?? 0)), 0);
  return a.cents > room ? { ...a, cents: room } : a;
}

import { evaluateCoupon } from './coupon/rule';
import { customerDiscountEvaluator } from './customer/discount';
import { rewardEvaluator } from './loyalty/rewards';
import { allocateAdjustments, eligible, type Adjustment, type PricedLine, type Pricing, type PricingInput, type PricingRule, type RuleEvaluator } from './pricingRule';

// The pricing rules' types and shared arithmetic live in pricingRule.ts, which the features'
// evaluators import; this module only names the evaluators and runs them, so no feature ever
// imports it back (a circle here once left the bundle without the reward evaluator).

/** One entry per kind of rule: each feature (coupons, customer discounts, rewards) adds its own. */
const EVALUATORS: Record<string, RuleEvaluator> = {
  customerDiscount: customerDiscountEvaluator,
  reward: rewardEvaluator,
  coupon: evaluateCoupon,
};

export function priceRules(rules: readonly PricingRule[], input: Omit<PricingInput, 'earlier'>): Pricing {
  const out: Pricing = { adjustments: [], notes: [] };
  for (const rule of rules) {
    const evaluate = EVALUATORS[rule.kind];
    if (!evaluate) {
      out.notes.push({ ref: rule.ref, reason: 'pricing.unknownRule' });
      continue;
    }
    const r = evaluate(rule, { ...input, earlier: out.adjustments });
    if ('adjustment' in r) out.adjustments.push(capped(r.adjustment, input.lines, out.adjustments));
    else if ('refused' in r) out.notes.push({ ref: rule.ref, reason: r.refused, params: r.params });
  }
  return out;
}

/** A discount never takes a line below zero: what is left of its lines is the most it gives. */
function capped(a: Adjustment, lines: readonly PricedLine[], before: readonly Adjustment[]): Adjustment {
  const shares = allocateAdjustments(lines, before);
  const room = eligible(lines, a).reduce((sum, l) => sum + Math.max(0, l.totalCents - (shares.get(l.lineId) ?? 0)), 0);
  return a.cents > room ? { ...a, cents: room } : a;
}

import type { Lang } from '../money';
import { linesWithRoomLeft, type PricingCustomer, type PricingRule, type RuleEvaluator } from '../pricingRule';
import type { CouponDiscount, CustomerRule } from './definition';
import { couponDiscount } from './engine';

// A coupon on a basket is a pricing rule of kind 'coupon': the code as its ref, and as its data
// a snapshot of what the evaluator needs, so that the basket (and a spooled sale) is plain data
// and worked out again after every change without asking the database.

export const COUPON_KIND = 'coupon';

export interface CouponRuleData {
  codeId: number;
  definitionId: number;
  /** Shown on the basket and the receipt. */
  name: string;
  discount: CouponDiscount;
  customerRule: CustomerRule;
  /** The code's customer or group, for a coupon that must match them. */
  holder: { customerId: number | null; groupCode: string | null };
  exclusive: boolean;
  /**
   * The shop's time zone and the till's language at the scan: the sale's commit checks the
   * dates and schedule again on the same clock. Absent from baskets spooled before it was kept.
   */
  scannedAt?: { timeZone: string; lang: Lang };
}

export function couponRule(code: string, data: CouponRuleData): PricingRule {
  return { kind: COUPON_KIND, ref: code, data: data as unknown as Record<string, unknown> };
}

export function couponData(rule: PricingRule): CouponRuleData {
  return rule.data as unknown as CouponRuleData;
}

type Customer = Pick<PricingCustomer, 'id' | 'groupCode'> | null;

/** "Client sur le document": none when required; the code's own customer or group when it must match. */
export function customerProblem(rule: CustomerRule, holder: CouponRuleData['holder'], customer: Customer): 'coupon.customerRequired' | 'coupon.customerMismatch' | null {
  if (rule === 'optional') return null;
  if (!customer) return 'coupon.customerRequired';
  if (rule !== 'matching') return null;
  if (holder.customerId !== null) return holder.customerId === customer.id ? null : 'coupon.customerMismatch';
  if (holder.groupCode !== null) return holder.groupCode === (customer.groupCode ?? null) ? null : 'coupon.customerMismatch';
  return 'coupon.customerMismatch';
}

/** The coupon already on the basket that this one may not join ("ne pas utiliser d'autres bons"), if any. */
export function combinationConflict(exclusive: boolean, rules: readonly PricingRule[]): string | null {
  const others = rules.filter((r) => r.kind === COUPON_KIND);
  const blocking = exclusive ? others[0] : others.find((r) => couponData(r).exclusive);
  return blocking?.ref ?? null;
}

/** The pricing engine's evaluator for coupons (registered in domain/pricing.ts). */
export const evaluateCoupon: RuleEvaluator = (rule, input) => {
  const data = couponData(rule);
  const who = customerProblem(data.customerRule, data.holder, input.customer);
  if (who) return { refused: who };
  if (data.exclusive && input.earlier.some((a) => a.kind === COUPON_KIND)) return { refused: 'coupon.cannotCombine' };
  // Worked out on the lines' own totals; what each may still take after the rules before caps it.
  const r = couponDiscount(data.discount, linesWithRoomLeft(input));
  if ('refused' in r) return { refused: r.refused, params: r.params };
  return { adjustment: { kind: COUPON_KIND, ref: rule.ref, label: data.name, cents: r.cents, lineIds: r.lineIds } };
};

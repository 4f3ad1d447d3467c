import { percentOfLeft, type PricingRule, type RuleEvaluator } from '../pricingRule';

export const CUSTOMER_DISCOUNT_RULE = 'customerDiscount';

export interface CustomerDiscountData extends Record<string, unknown> {
  customerId: number;
  bp: number;
  /** "Remise client 5 %": made in the till's language when the customer is attached. */
  label: string;
}

/** The standing discount of a customer (or of their group), brought by the customer to the basket. */
export function customerDiscountRule(customer: { id: number; code: string }, bp: number, label: string): PricingRule {
  const data: CustomerDiscountData = { customerId: customer.id, bp, label };
  return { kind: CUSTOMER_DISCOUNT_RULE, ref: `CLIENT-${customer.code}`, data };
}

/**
 * A percentage off what the ticket's lines come to, spread over them for VAT; a line at a fixed
 * price takes none, a capped one at most its cap. Returned lines are priced the same way (see
 * pricing.ts): the customer is credited what the item cost them.
 */
export const customerDiscountEvaluator: RuleEvaluator = (rule, input) => {
  const { customerId, bp, label } = rule.data as CustomerDiscountData;
  if (input.customer?.id !== customerId) return { none: true };
  const cents = percentOfLeft(input, bp);
  if (cents <= 0) return { none: true };
  return { adjustment: { kind: CUSTOMER_DISCOUNT_RULE, ref: rule.ref, label, cents, lineIds: null } };
};

import { allocate, type Cents } from './money';

/**
 * Ticket-level pricing: discounts that come from something other than a line — a coupon code,
 * the customer's standing discount, a loyalty reward. A basket holds the rules that apply
 * (plain data, so a spooled sale can be sent again) and the adjustments they give, worked out
 * again after every change of the basket.
 */
export interface PricingRule {
  /** Which evaluator reads it (see EVALUATORS in pricing.ts). */
  kind: string;
  /** What the cashier or the customer gave: the coupon code, the customer code… */
  ref: string;
  /** The rule's own data (a coupon's definition, a percentage…). */
  data: Record<string, unknown>;
}

export interface Adjustment {
  kind: string;
  ref: string;
  /** Shown on the basket and the receipt: the coupon's name, "Remise client 5 %"… */
  label: string;
  /** The discount, in cents, positive. */
  cents: Cents;
  /** The lines it is spread over; null for the whole ticket. */
  lineIds: number[] | null;
}

/** What a rule gives for a basket: an adjustment, nothing, or why it does not apply. */
export type RuleOutcome = { adjustment: Adjustment } | { none: true } | { refused: string; params?: Record<string, string | number> };

export interface PricedLine {
  lineId: number;
  /** The line's total after its own discount. */
  totalCents: Cents;
  itemId: number;
  groupCode?: string | null;
  qty: number;
  unitPriceCents: Cents;
}

/** The customer on the ticket, as the rules see them. */
export interface PricingCustomer {
  id: number;
  code: string;
  groupCode?: string | null;
}

export interface PricingInput {
  lines: readonly PricedLine[];
  customer: PricingCustomer | null;
  /** Adjustments given by the rules before this one (for "not combinable" rules). */
  earlier: readonly Adjustment[];
}

export type RuleEvaluator = (rule: PricingRule, input: PricingInput) => RuleOutcome;

export interface Pricing {
  adjustments: Adjustment[];
  /** Rules kept on the basket that give nothing now, and why (shown to the cashier). */
  notes: { ref: string; reason: string; params?: Record<string, string | number> }[];
}

export function eligible(lines: readonly PricedLine[], a: Adjustment): PricedLine[] {
  // A returned line (negative) takes no part in a ticket discount.
  return lines.filter((l) => l.totalCents > 0 && (a.lineIds === null || a.lineIds.includes(l.lineId)));
}

/**
 * Each adjustment spread over its lines in proportion to what the adjustments before it left on
 * them, so that no line goes below zero, the VAT of every rate is computed on what was really
 * paid, and the parts add up to the discount exactly (each is capped to what is left).
 */
export function allocateAdjustments(lines: readonly PricedLine[], adjustments: readonly Adjustment[]): Map<number, Cents> {
  const shares = new Map<number, Cents>();
  for (const a of adjustments) {
    const over = eligible(lines, a);
    const parts = allocate(a.cents, over.map((l) => Math.max(0, l.totalCents - (shares.get(l.lineId) ?? 0))));
    over.forEach((l, i) => shares.set(l.lineId, (shares.get(l.lineId) ?? 0) + parts[i]!));
  }
  return shares;
}

/** What a line still comes to after the adjustments given before (for rules aimed at one line). */
export function leftOnLine(input: PricingInput, line: PricedLine): Cents {
  return line.totalCents - (allocateAdjustments(input.lines, input.earlier).get(line.lineId) ?? 0);
}

/** What the sold lines still come to after the rules before this one: the base of a percentage. */
export function leftAfterEarlier(input: PricingInput): Cents {
  const sold = input.lines.reduce((sum, l) => sum + Math.max(0, l.totalCents), 0);
  return Math.max(0, sold - input.earlier.reduce((sum, a) => sum + a.cents, 0));
}

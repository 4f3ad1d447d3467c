import { allocate, basisPointsOf, type Cents } from './money';

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
  /** The line's total after its own discount (negative for a returned item). */
  totalCents: Cents;
  itemId: number;
  groupCode?: string | null;
  qty: number;
  unitPriceCents: Cents;
  /**
   * The most ticket discounts may take off the line altogether, with the line's sign: nothing for
   * a fixed-price item, what its cap leaves for a capped one (see itemPriceRule.ts). Absent: the
   * whole line.
   */
  roomCents?: Cents;
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

/** What ticket discounts may take off a line at most (a size). */
export function lineRoom(l: PricedLine): Cents {
  return Math.min(Math.abs(l.roomCents ?? l.totalCents), Math.abs(l.totalCents));
}

/**
 * The lines an adjustment is spread over: those it names (all when none are named) on its own
 * side — a discount (positive) over the items sold, a discount given back (negative, the
 * customer's discount on a returned item) over the items returned.
 */
export function eligible(lines: readonly PricedLine[], a: Adjustment): PricedLine[] {
  const side = Math.sign(a.cents);
  return lines.filter((l) => side !== 0 && Math.sign(l.totalCents) === side && (a.lineIds === null || a.lineIds.includes(l.lineId)));
}

/**
 * Splits `total` in proportion to `weights`, no part above its `caps` (the largest remainder,
 * then what a capped part could not take goes to the others, in proportion again). The caps
 * must hold the total: the pricing engine cuts an adjustment to them first.
 */
function allocateWithin(total: Cents, weights: readonly number[], caps: readonly Cents[]): Cents[] {
  const parts = weights.map(() => 0);
  let open = weights.map((_, i) => i).filter((i) => caps[i]! > 0);
  let left = total;
  while (left > 0 && open.length > 0) {
    const split = allocate(left, open.map((i) => weights[i]!));
    const over = open.filter((i, k) => split[k]! > caps[i]! - parts[i]!);
    if (over.length === 0) {
      open.forEach((i, k) => (parts[i]! += split[k]!));
      break;
    }
    for (const i of over) {
      left -= caps[i]! - parts[i]!;
      parts[i] = caps[i]!;
    }
    open = open.filter((i) => !over.includes(i));
  }
  return parts;
}

/**
 * Each adjustment spread over its lines in proportion to what the adjustments before it left on
 * them, so that no line goes below zero nor past what its price rule lets it take, the VAT of
 * every rate is computed on what was really paid, and the parts add up to the discount exactly.
 * A returned line's share has its sign: the discount it had, given back.
 */
export function allocateAdjustments(lines: readonly PricedLine[], adjustments: readonly Adjustment[]): Map<number, Cents> {
  const shares = new Map<number, Cents>();
  for (const a of adjustments) {
    const side = Math.sign(a.cents);
    const over = eligible(lines, a);
    const taken = over.map((l) => Math.abs(shares.get(l.lineId) ?? 0));
    const weights = over.map((l, i) => Math.max(0, Math.abs(l.totalCents) - taken[i]!));
    const caps = over.map((l, i) => Math.max(0, lineRoom(l) - taken[i]!));
    const parts = allocateWithin(Math.abs(a.cents), weights, caps);
    over.forEach((l, i) => shares.set(l.lineId, side * (taken[i]! + parts[i]!)));
  }
  return shares;
}

/** What a line still comes to after the adjustments given before (for rules aimed at one line). */
export function leftOnLine(input: PricingInput, line: PricedLine): Cents {
  return line.totalCents - (allocateAdjustments(input.lines, input.earlier).get(line.lineId) ?? 0);
}

/** What ticket discounts may still take off a line after the adjustments given before. */
export function roomLeftOnLine(input: PricingInput, line: PricedLine): Cents {
  return Math.max(0, lineRoom(line) - Math.abs(allocateAdjustments(input.lines, input.earlier).get(line.lineId) ?? 0));
}

/** The lines, each with what ticket discounts may still take off it after the rules before (for rules worked out on the lines' own totals). */
export function linesWithRoomLeft(input: PricingInput): PricedLine[] {
  const shares = allocateAdjustments(input.lines, input.earlier);
  return input.lines.map((l) => ({ ...l, roomCents: Math.sign(l.totalCents) * Math.max(0, lineRoom(l) - Math.abs(shares.get(l.lineId) ?? 0)) }));
}

/** What the lines could still give altogether: the most any discount may come to. */
export function roomLeft(input: PricingInput, lines: readonly PricedLine[] = input.lines): Cents {
  const shares = allocateAdjustments(input.lines, input.earlier);
  return lines.reduce((sum, l) => sum + (l.totalCents > 0 ? Math.max(0, lineRoom(l) - Math.abs(shares.get(l.lineId) ?? 0)) : 0), 0);
}

/**
 * A percentage off some lines, each as its price rule allows: the lines that can take it whole
 * are rounded once on their sum; a capped line gives what its cap leaves, a fixed one nothing.
 * Each part: what the line is discounted from (its total, or what earlier rules left on it), and
 * what it may still take.
 */
export function percentOff(parts: readonly { cents: Cents; roomCents: Cents }[], bp: number): Cents {
  let whole = 0;
  let capped = 0;
  for (const p of parts) {
    if (p.cents <= 0) continue;
    if (p.cents * bp <= p.roomCents * 10_000) whole += p.cents;
    else capped += Math.max(0, p.roomCents);
  }
  return basisPointsOf(whole, bp) + capped;
}

/** The percentage of what the sold lines still come to after the rules before this one, as each line allows. */
export function percentOfLeft(input: PricingInput, bp: number): Cents {
  const shares = allocateAdjustments(input.lines, input.earlier);
  return percentOff(
    input.lines.filter((l) => l.totalCents > 0).map((l) => {
      const taken = shares.get(l.lineId) ?? 0;
      return { cents: l.totalCents - taken, roomCents: lineRoom(l) - taken };
    }),
    bp,
  );
}

/** What the sold lines still come to after the rules before this one. */
export function leftAfterEarlier(input: PricingInput): Cents {
  const sold = input.lines.reduce((sum, l) => sum + Math.max(0, l.totalCents), 0);
  return Math.max(0, sold - input.earlier.reduce((sum, a) => sum + Math.max(0, a.cents), 0));
}

import type { CustomerFacts } from './customer/facts';
import type { CatalogItem } from './item';
import { basisPointsOf, MAX_CENTS, type Cents } from './money';
import { checkQty, type QtyError } from './quantity';
import { allocateAdjustments, priceRules, type Adjustment, type PricedLine, type Pricing, type PricingRule } from './pricing';
import { vatBreakdown, type VatPart } from './vat';

export type LineDiscount = { kind: 'percent'; bp: number } | { kind: 'amount'; cents: Cents };

export interface BasketLine {
  /** Stable within the basket, for selection on screen; not a database id. */
  lineId: number;
  item: CatalogItem;
  /** Negative for a returned item. */
  qty: number;
  /** The price charged per unit: the catalog price unless a manager overrode it. */
  unitPriceCents: Cents;
  overriddenBy: number | null;
  discount: LineDiscount | null;
  discountBy: number | null;
}

/** The customer a sale is for, as the basket needs them (the loyalty card scanned, or chosen). */
export interface BasketCustomer {
  id: number;
  code: string;
  name: string;
  groupCode?: string | null;
  /**
   * Rules that come with the customer (their standing discount, an automatic reward): added to
   * the basket when they are attached. Any rule naming a customer (`data.customerId`) leaves
   * the basket with that customer.
   */
  rules?: PricingRule[];
  /** What the till shows about them while they are on the ticket, as found when attached. */
  facts?: CustomerFacts;
}

export interface Basket {
  /** Idempotency key of the sale, made when the basket opens. */
  key: string;
  lines: BasketLine[];
  nextLineId: number;
  customer: BasketCustomer | null;
  /** Ticket-level rules (coupons, customer discount…) and what they give for these lines. */
  rules: PricingRule[];
  adjustments: Adjustment[];
  notes: Pricing['notes'];
}

export type BasketAction =
  /** `merge: false`: a line of its own even after the same item (the till's `sale.mergeScans` off). */
  | { type: 'add'; item: CatalogItem; qty: number; merge?: boolean }
  | { type: 'setQty'; lineId: number; qty: number }
  | { type: 'void'; lineId: number }
  | { type: 'overridePrice'; lineId: number; unitPriceCents: Cents; by: number }
  | { type: 'discount'; lineId: number; discount: LineDiscount; by: number }
  | { type: 'customer'; customer: BasketCustomer | null }
  | { type: 'addRule'; rule: PricingRule }
  | { type: 'removeRule'; ref: string };

export type BasketError =
  | QtyError
  | 'basket.tooLarge'
  | 'rule.already'
  | 'line.unknown'
  | 'price.invalid'
  | 'discount.invalid'
  | 'discount.tooLarge';

export type BasketResult = { basket: Basket } | { error: BasketError };

export function openBasket(key: string): Basket {
  return { key, lines: [], nextLineId: 1, customer: null, rules: [], adjustments: [], notes: [] };
}

export function lineGross(line: BasketLine): Cents {
  return line.unitPriceCents * line.qty;
}

/** The discount of a line, with the sign of the line (a returned item gives its discount back). */
export function lineDiscountCents(line: BasketLine): Cents {
  const gross = lineGross(line);
  const d = line.discount;
  if (!d) return 0;
  if (d.kind === 'percent') return basisPointsOf(gross, d.bp);
  return Math.sign(gross) * Math.min(d.cents, Math.abs(gross));
}

export function lineTotal(line: BasketLine): Cents {
  return lineGross(line) - lineDiscountCents(line);
}

export interface BasketTotals {
  totalCents: Cents;
  /** Line discounts and ticket adjustments together. */
  discountCents: Cents;
  itemCount: number;
  vat: VatPart[];
  /** Each line's share of the ticket adjustments, by lineId. */
  ticketShares: Map<number, Cents>;
}

function pricedLines(lines: readonly BasketLine[]): PricedLine[] {
  return lines.map((l) => ({ lineId: l.lineId, totalCents: lineTotal(l), itemId: l.item.id, groupCode: l.item.groupCode ?? null, qty: l.qty, unitPriceCents: l.unitPriceCents }));
}

export function basketTotals(basket: Basket): BasketTotals {
  const ticketShares = allocateAdjustments(pricedLines(basket.lines), basket.adjustments);
  let totalCents = 0;
  let discountCents = 0;
  let itemCount = 0;
  const vatLines: { totalCents: Cents; vatRateBp: number }[] = [];
  for (const line of basket.lines) {
    const share = ticketShares.get(line.lineId) ?? 0;
    const total = lineTotal(line) - share;
    totalCents += total;
    discountCents += lineDiscountCents(line) + share;
    itemCount += line.qty;
    vatLines.push({ totalCents: total, vatRateBp: line.item.vatRateBp });
  }
  return { totalCents, discountCents, itemCount, vat: vatBreakdown(vatLines), ticketShares };
}

/** The rules worked out again for the basket as it is now. */
function repriced(basket: Basket): Basket {
  if (basket.rules.length === 0) return basket.adjustments.length + basket.notes.length === 0 ? basket : { ...basket, adjustments: [], notes: [] };
  const pricing = priceRules(basket.rules, { lines: pricedLines(basket.lines), customer: basket.customer });
  return { ...basket, adjustments: pricing.adjustments, notes: pricing.notes };
}

function checkDiscount(line: BasketLine, d: LineDiscount): BasketError | null {
  if (d.kind === 'percent') {
    if (!Number.isInteger(d.bp) || d.bp <= 0) return 'discount.invalid';
    if (d.bp > 10_000) return 'discount.tooLarge';
    return null;
  }
  if (!Number.isInteger(d.cents) || d.cents <= 0) return 'discount.invalid';
  if (d.cents > Math.abs(lineGross(line))) return 'discount.tooLarge';
  return null;
}

function updateLine(basket: Basket, lineId: number, change: (l: BasketLine) => BasketLine | BasketError): BasketResult {
  const index = basket.lines.findIndex((l) => l.lineId === lineId);
  if (index < 0) return { error: 'line.unknown' };
  const next = change(basket.lines[index]!);
  if (typeof next === 'string') return { error: next };
  const lines = basket.lines.slice();
  lines[index] = next;
  return { basket: { ...basket, lines } };
}

/** A line may grow by another scan of the same item only if nothing was changed on it by hand. */
function mergeable(line: BasketLine, item: CatalogItem, qty: number): boolean {
  return (
    line.item.id === item.id &&
    // A scale's label is one package, weighed and priced on its own, even at the same price.
    !line.item.weighed &&
    !item.weighed &&
    line.item.priceCents === item.priceCents &&
    line.overriddenBy === null &&
    line.discount === null &&
    Math.sign(line.qty) === Math.sign(qty)
  );
}

export function basketReducer(basket: Basket, action: BasketAction): BasketResult {
  const r = applyAction(basket, action);
  if ('error' in r) return r;
  // A ticket of a hundred million euros is a typo (a price typed in cents, a quantity too many), and
  // past it the till's integer arithmetic would no longer be exact.
  if (r.basket.lines.reduce((sum, l) => sum + Math.abs(lineGross(l)), 0) > MAX_CENTS) return { error: 'basket.tooLarge' };
  return { basket: repriced(r.basket) };
}

function applyAction(basket: Basket, action: BasketAction): BasketResult {
  switch (action.type) {
    case 'add': {
      const qtyError = checkQty(action.qty);
      if (qtyError) return { error: qtyError };
      const last = basket.lines[basket.lines.length - 1];
      if (last && action.merge !== false && mergeable(last, action.item, action.qty)) {
        return updateLine(basket, last.lineId, (l) => checkQty(l.qty + action.qty) ?? { ...l, qty: l.qty + action.qty });
      }
      const line: BasketLine = {
        lineId: basket.nextLineId,
        item: action.item,
        qty: action.qty,
        unitPriceCents: action.item.priceCents,
        overriddenBy: null,
        discount: null,
        discountBy: null,
      };
      return { basket: { ...basket, lines: [...basket.lines, line], nextLineId: basket.nextLineId + 1 } };
    }
    case 'setQty': {
      const qtyError = checkQty(action.qty);
      if (qtyError) return { error: qtyError };
      return updateLine(basket, action.lineId, (l) => {
        const next = { ...l, qty: action.qty };
        return next.discount ? (checkDiscount(next, next.discount) ?? next) : next;
      });
    }
    case 'void': {
      if (!basket.lines.some((l) => l.lineId === action.lineId)) return { error: 'line.unknown' };
      return { basket: { ...basket, lines: basket.lines.filter((l) => l.lineId !== action.lineId) } };
    }
    case 'overridePrice': {
      const p = action.unitPriceCents;
      if (!Number.isInteger(p) || p < 0 || p > MAX_CENTS) return { error: 'price.invalid' };
      return updateLine(basket, action.lineId, (l) => {
        const next = { ...l, unitPriceCents: p, overriddenBy: action.by };
        return next.discount ? (checkDiscount(next, next.discount) ?? next) : next;
      });
    }
    case 'discount':
      return updateLine(basket, action.lineId, (l) => checkDiscount(l, action.discount) ?? { ...l, discount: action.discount, discountBy: action.by });
    case 'customer': {
      const before = basket.customer;
      const next = action.customer;
      const incoming = next?.rules ?? [];
      // The customer's own rules go with them; those they bring again are taken fresh.
      const kept = basket.rules.filter((r) => !(before && r.data.customerId === before.id && (before.id !== next?.id || incoming.some((n) => n.ref === r.ref))));
      const added = incoming.filter((r) => !kept.some((k) => k.ref === r.ref));
      return { basket: { ...basket, customer: next, rules: [...kept, ...added] } };
    }
    case 'addRule':
      if (basket.rules.some((r) => r.ref === action.rule.ref)) return { error: 'rule.already' };
      return { basket: { ...basket, rules: [...basket.rules, action.rule] } };
    case 'removeRule':
      return { basket: { ...basket, rules: basket.rules.filter((r) => r.ref !== action.ref) } };
  }
}

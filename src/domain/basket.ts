import type { CustomerFacts } from './customer/facts';
import type { CatalogItem } from './item';
import { maxDiscountCents, overrideRefusal, priceRuleOf } from './itemPriceRule';
import { aboveLimit, NO_LIMITS, type LimitError, type MoneyLimits } from './limits';
import { basisPointsOf, type Cents } from './money';
import { checkQty, type QtyError } from './quantity';
import { creditFor, returnRefusal, type PaidTicket, type ReturnError, type ReturnOrigin } from './saleReturn';
import { priceRules } from './pricing';
import { allocateAdjustments, type Adjustment, type PricedLine, type Pricing, type PricingRule } from './pricingRule';
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
  /**
   * The sold line this returned line gives back, when the return names its ticket: it is then
   * credited what was really paid for it (its `discount` is what the sale took off), no rule
   * prices it again and it is not changed, only voided.
   */
  returnOf?: ReturnOrigin;
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
  /** The shop's ceilings on amounts, as configured when the basket opened. */
  limits: MoneyLimits;
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
  | { type: 'removeRule'; ref: string }
  /** `qty` units (positive) of a line of a ticket coming back, credited what they were paid; `by`: the operator taking them back. */
  | { type: 'return'; origin: ReturnOrigin; item: CatalogItem; qty: number; by: number };

export type BasketError =
  | QtyError
  | LimitError
  | 'rule.already'
  | 'line.unknown'
  | 'price.invalid'
  | 'price.fixedItem'
  | 'price.cappedItem'
  | 'discount.invalid'
  | 'discount.tooLarge'
  | 'discount.fixedItem'
  | 'discount.capReached'
  | 'giftCard.qtyOne'
  | 'giftCard.twice'
  | ReturnError
  | 'return.twice'
  | 'return.lineFixed';

/** Amounts a message names, in cents: formatted in the reader's language when said. */
type Money = Record<string, Cents>;

/** What the cashier is told of a change made otherwise than asked (a discount cut to the book's cap). */
export interface BasketNotice {
  key: 'discount.capped';
  money: Money;
}

export type BasketResult = { basket: Basket; notice?: BasketNotice } | { error: BasketError; money?: Money };

/** A basket bound by the shop's ceilings (`limits` in the configuration); without them, by the till's own. */
export function openBasket(key: string, limits: MoneyLimits = NO_LIMITS): Basket {
  return { key, lines: [], nextLineId: 1, customer: null, rules: [], adjustments: [], notes: [], limits };
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
  /** Gift cards sold: in the total, outside the scope of VAT (not in `vat`). */
  outsideVatCents: Cents;
  /** Line discounts and ticket adjustments together. */
  discountCents: Cents;
  itemCount: number;
  vat: VatPart[];
  /** Each line's share of the ticket adjustments, by lineId. */
  ticketShares: Map<number, Cents>;
}

/**
 * What all discounts of a line together may take off it under its item's price rule, less what a
 * lower price typed by a manager already took; null when the line's own amount is the only bound.
 */
function discountRoom(line: BasketLine): Cents | null {
  const max = maxDiscountCents(priceRuleOf(line.item), line.item.priceCents, line.qty);
  if (max === null) return null;
  return Math.max(0, max - (line.item.priceCents - line.unitPriceCents) * Math.abs(line.qty));
}

/** What ticket discounts may take off a line, with its sign: what its own discount leaves of its room. */
function ticketRoom(line: BasketLine): Cents {
  const total = lineTotal(line);
  const room = discountRoom(line);
  if (room === null) return total;
  return Math.sign(total) * Math.min(Math.abs(total), Math.max(0, room - Math.abs(lineDiscountCents(line))));
}

/** The lines the pricing rules see: the goods, not the gift cards sold (no discount, no threshold). */
function pricedLines(lines: readonly BasketLine[]): PricedLine[] {
  return lines.filter((l) => !l.item.giftCard && !l.returnOf).map((l) => ({ lineId: l.lineId, totalCents: lineTotal(l), itemId: l.item.id, groupCode: l.item.groupCode ?? null, qty: l.qty, unitPriceCents: l.unitPriceCents, roomCents: ticketRoom(l) }));
}

export function basketTotals(basket: Basket): BasketTotals {
  const ticketShares = allocateAdjustments(pricedLines(basket.lines), basket.adjustments);
  let totalCents = 0;
  let outsideVatCents = 0;
  let discountCents = 0;
  let itemCount = 0;
  const vatLines: { totalCents: Cents; vatRateBp: number }[] = [];
  for (const line of basket.lines) {
    const share = ticketShares.get(line.lineId) ?? 0;
    const total = lineTotal(line) - share;
    totalCents += total;
    discountCents += lineDiscountCents(line) + share;
    itemCount += line.qty;
    if (line.item.giftCard) outsideVatCents += total;
    else vatLines.push({ totalCents: total, vatRateBp: line.item.vatRateBp });
  }
  return { totalCents, outsideVatCents, discountCents, itemCount, vat: vatBreakdown(vatLines), ticketShares };
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

type Changed = { line: BasketLine; notice?: BasketNotice } | { error: BasketError; money?: Money };

/**
 * The line with its discount `d`, as its item's price rule allows: none at a fixed price; at a
 * capped one, cut to the cap (a percentage of the public price stays a percentage, so that a
 * change of quantity keeps it right) and the cashier is told.
 */
function withDiscount(line: BasketLine, d: LineDiscount, by: number | null): Changed {
  const bad = checkDiscount(line, d);
  if (bad) return { error: bad };
  const rule = priceRuleOf(line.item);
  if (rule.kind === 'fixed') return { error: 'discount.fixedItem' };
  const next = { ...line, discount: d, discountBy: by };
  const room = discountRoom(line);
  if (room === null || rule.kind !== 'capped' || Math.abs(lineDiscountCents(next)) <= room) return { line: next };
  if (room === 0) return { error: 'discount.capReached' };
  const cut: LineDiscount = d.kind === 'percent' && line.unitPriceCents === line.item.priceCents ? { kind: 'percent', bp: rule.maxDiscountBp } : { kind: 'amount', cents: room };
  const capped = { ...next, discount: cut };
  return { line: capped, notice: { key: 'discount.capped', money: { amount: Math.abs(lineDiscountCents(capped)) } } };
}

/** A line changed otherwise (quantity, price): its discount checked again against the line as it now is. */
function rediscounted(line: BasketLine): Changed {
  return line.discount ? withDiscount(line, line.discount, line.discountBy) : { line };
}

function updateLine(basket: Basket, lineId: number, change: (l: BasketLine) => BasketLine | BasketError | Changed): BasketResult {
  const index = basket.lines.findIndex((l) => l.lineId === lineId);
  if (index < 0) return { error: 'line.unknown' };
  const r = change(basket.lines[index]!);
  if (typeof r === 'string') return { error: r };
  if ('error' in r) return r;
  const changed = 'line' in r ? r : { line: r };
  const lines = basket.lines.slice();
  lines[index] = changed.line;
  return { basket: { ...basket, lines }, ...(changed.notice && { notice: changed.notice }) };
}

/** The first of the shop's ceilings the basket goes past: a unit price, a line, the whole ticket. */
function aboveLimits(basket: Basket): { error: LimitError; money: Money } | null {
  let ticket = 0;
  for (const l of basket.lines) {
    const above = aboveLimit('unitPriceCents', l.unitPriceCents, basket.limits) ?? aboveLimit('lineTotalCents', lineGross(l), basket.limits);
    if (above) return above;
    ticket += Math.abs(lineGross(l));
  }
  // A return counts as much as a sale: a refund of a hundred thousand euros is as much a typo.
  return aboveLimit('ticketCents', ticket, basket.limits);
}

/** A line may grow by another scan of the same item only if nothing was changed on it by hand. */
function mergeable(line: BasketLine, item: CatalogItem, qty: number): boolean {
  return (
    line.item.id === item.id &&
    // A gift card is a card of its own, with its code.
    !line.item.giftCard &&
    !item.giftCard &&
    // A scale's label is one package, weighed and priced on its own, even at the same price.
    !line.item.weighed &&
    !item.weighed &&
    !line.returnOf &&
    line.item.priceCents === item.priceCents &&
    line.overriddenBy === null &&
    line.discount === null &&
    Math.sign(line.qty) === Math.sign(qty)
  );
}

export function basketReducer(basket: Basket, action: BasketAction): BasketResult {
  const r = applyAction(basket, action);
  if ('error' in r) return r;
  // Past the shop's ceilings an amount is a typo (a price typed in cents, a quantity too many);
  // past the till's own, its integer arithmetic would no longer be exact.
  const above = aboveLimits(r.basket);
  if (above) return above;
  return { ...r, basket: repriced(r.basket) };
}

function applyAction(basket: Basket, action: BasketAction): BasketResult {
  switch (action.type) {
    case 'add': {
      const qtyError = checkQty(action.qty);
      if (qtyError) return { error: qtyError };
      const card = action.item.giftCard;
      if (card && action.qty !== 1) return { error: 'giftCard.qtyOne' };
      if (card && basket.lines.some((l) => l.item.giftCard?.code === card.code)) return { error: 'giftCard.twice' };
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
      return updateLine(basket, action.lineId, (l) => (l.returnOf ? 'return.lineFixed' : l.item.giftCard && action.qty !== 1 ? 'giftCard.qtyOne' : rediscounted({ ...l, qty: action.qty })));
    }
    case 'return':
      return addReturn(basket, action);
    case 'void': {
      if (!basket.lines.some((l) => l.lineId === action.lineId)) return { error: 'line.unknown' };
      return { basket: { ...basket, lines: basket.lines.filter((l) => l.lineId !== action.lineId) } };
    }
    case 'overridePrice': {
      const p = action.unitPriceCents;
      if (!Number.isSafeInteger(p) || p < 0) return { error: 'price.invalid' };
      return updateLine(basket, action.lineId, (l) => {
        if (l.returnOf) return 'return.lineFixed';
        const refused = overrideRefusal(priceRuleOf(l.item), l.item.priceCents, p);
        return refused ?? rediscounted({ ...l, unitPriceCents: p, overriddenBy: action.by });
      });
    }
    case 'discount':
      return updateLine(basket, action.lineId, (l) => (l.returnOf ? 'return.lineFixed' : withDiscount(l, action.discount, action.by)));
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

/**
 * A line of a ticket coming back: at the price it was sold, less what the sale took off these
 * units (their share of its discounts, coupons and rewards, see creditFor), so that it is
 * credited what was paid for it.
 */
function addReturn(basket: Basket, a: Extract<BasketAction, { type: 'return' }>): BasketResult {
  const o = a.origin;
  const inBasket = basket.lines.some((l) => l.returnOf?.saleId === o.saleId && l.returnOf.lineNo === o.lineNo);
  if (inBasket) return { error: 'return.twice' };
  const refused = returnRefusal(o.soldQty, o.returnedBefore, a.qty);
  if (refused) return { error: refused };
  const credit = creditFor(o.soldQty, o.soldCents, o.returnedBefore, a.qty);
  const gross = a.item.priceCents * a.qty;
  const off = gross - credit;
  const line: BasketLine = {
    lineId: basket.nextLineId,
    item: a.item,
    qty: -a.qty,
    unitPriceCents: a.item.priceCents,
    overriddenBy: null,
    discount: off > 0 ? { kind: 'amount', cents: off } : null,
    discountBy: off > 0 ? a.by : null,
    returnOf: o,
  };
  return { basket: { ...basket, lines: [...basket.lines, line], nextLineId: basket.nextLineId + 1 } };
}

/**
 * How the tickets this basket gives back were paid, when every returned line names its ticket;
 * undefined when one does not (nothing is known of how it was paid) or nothing comes back.
 */
export function returnedTickets(basket: Basket): PaidTicket[] | undefined {
  const back = basket.lines.filter((l) => l.qty < 0);
  if (back.length === 0 || back.some((l) => !l.returnOf)) return undefined;
  const bySale = new Map<number, PaidTicket>();
  for (const l of back) bySale.set(l.returnOf!.saleId, l.returnOf!.paid);
  return [...bySale.values()];
}

// The chain's tickets, dealt in turn to every till over the last year, so that each till's
// numbers run 1, 2, 3… in the order of their times. Ticket i (from 0) is remade from i alone by
// every pass (its sale, lines, VAT, tenders, coupon, seal, points, receipt), each pass one COPY.
// A basket holds 1 to 8 lines of the chain's catalogue; VAT per rate as the till works it out
// (domain/vat); paid by card, in cash (handed over rounded up, change given back) or both. One
// ticket in three names a loyalty customer; one in ten used a single-use 2 € coupon code.
import type { TicketFacts, TicketLineFacts } from '../../app/fiscal/records';
import { vatBreakdown } from '../../domain/vat';
import { COUPON_CENTS, COUPON_MIN_CENTS, couponOfTicket, type ChainCoupons } from './coupons';
import { pick } from './hash';
import { chainItem } from './items';
import type { ChainLayout, ChainTill } from './layout';

const DAY = 86_400_000;
const LINE_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 8];
const QTYS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 6];

export interface ChainTicket {
  /** From 0, in the order the tickets were made. */
  i: number;
  saleId: number;
  till: ChainTill;
  /** The till's index in the layout. */
  k: number;
  facts: TicketFacts;
  /** The loyalty customer (from 0), if any. */
  customer: number | null;
  /** The single-use coupon code (from 0) the ticket used, if any. */
  coupon: number | null;
  at: number;
}

/** Tickets of till k when `tickets` are dealt in turn to `tills`. */
export function ticketsOfTill(tickets: number, tills: number, k: number): number {
  return k < tickets ? Math.floor((tickets - k - 1) / tills) + 1 : 0;
}

/** The span the tickets are spread over: the year ending an hour ago. */
function timeOf(layout: ChainLayout, i: number): { at: number; utc: string } {
  const start = layout.now - 365 * DAY - 3_600_000;
  const at = start + Math.floor((i * 365 * DAY) / Math.max(1, layout.sizes.tickets));
  return { at, utc: `${new Date(at).toISOString().slice(0, 23)}${String(pick(1000, i, 41)).padStart(3, '0')}Z` };
}

function linesOf(layout: ChainLayout, i: number): TicketLineFacts[] {
  const count = LINE_COUNTS[pick(LINE_COUNTS.length, i, 42)]!;
  const lines: TicketLineFacts[] = [];
  for (let l = 0; l < count; l++) {
    const it = chainItem(layout.base.items, pick(layout.sizes.items, i * 8 + l, 43));
    const qty = QTYS[pick(QTYS.length, i * 8 + l, 44)]!;
    lines.push({
      lineNo: l + 1, itemId: it.id, sku: it.sku, name: it.name, qty, listPriceCents: it.priceCents, unitPriceCents: it.priceCents,
      discountCents: 0, ticketDiscountCents: 0, totalCents: it.priceCents * qty, vatRateBp: it.vatRateBp, giftCardCode: null, corrects: null,
    });
  }
  return lines;
}

function tendersOf(i: number, total: number): { tenders: TicketFacts['tenders']; change: number } {
  const how = pick(100, i, 45);
  if (how < 55) return { tenders: [{ kind: 'card', amountCents: total, ref: null }], change: 0 };
  if (how < 90) {
    const handed = pick(4, i, 46) === 0 ? total : Math.ceil(total / 500) * 500;
    return { tenders: [{ kind: 'cash', amountCents: handed, ref: null }], change: handed - total };
  }
  const cash = Math.min(total - 1, 500 * (1 + pick(4, i, 47)));
  if (cash < 1) return { tenders: [{ kind: 'card', amountCents: total, ref: null }], change: 0 };
  return { tenders: [{ kind: 'cash', amountCents: cash, ref: null }, { kind: 'card', amountCents: total - cash, ref: null }], change: 0 };
}

export function chainTicket(layout: ChainLayout, coupons: ChainCoupons, i: number): ChainTicket {
  const k = i % layout.tills.length;
  const till = layout.tills[k]!;
  const ticketNo = Math.floor(i / layout.tills.length) + 1;
  const { at, utc } = timeOf(layout, i);
  const customer = layout.sizes.customers > 0 && pick(3, i, 48) === 0 ? pick(layout.sizes.customers, i, 49) : null;
  const lines = linesOf(layout, i);
  const gross = lines.reduce((s, l) => s + l.totalCents, 0);
  // The coupon's 2 € come off the largest line (its share of the ticket discount).
  let coupon = couponOfTicket(coupons, i);
  if (coupon !== null && gross < COUPON_MIN_CENTS) coupon = null;
  const adjustments: TicketFacts['adjustments'] = [];
  if (coupon !== null) {
    const largest = lines.reduce((a, b) => (b.totalCents > a.totalCents ? b : a));
    largest.ticketDiscountCents = COUPON_CENTS;
    largest.totalCents -= COUPON_CENTS;
    adjustments.push({ kind: 'coupon', ref: coupons.code(coupon), label: coupons.singleName, amountCents: COUPON_CENTS });
  }
  const total = gross - (coupon === null ? 0 : COUPON_CENTS);
  const { tenders, change } = tendersOf(i, total);
  const facts: TicketFacts = {
    storeId: till.storeId, terminalId: till.id, ticketNo, timeUtc: utc,
    operatorId: layout.operatorIds[pick(layout.operatorIds.length, i, 50)]!,
    customerId: customer === null ? null : layout.base.customers + customer + 1,
    lines, adjustments, vat: vatBreakdown(lines), totalCents: total, tenders, changeCents: change,
  };
  return { i, saleId: layout.base.sales + i + 1, till, k, facts, customer, coupon, at };
}

/** Every ticket in order. */
export function* chainTickets(layout: ChainLayout, coupons: ChainCoupons): Generator<ChainTicket> {
  for (let i = 0; i < layout.sizes.tickets; i++) yield chainTicket(layout, coupons, i);
}

/** The tickets that used a coupon, in order: only those that may hold one are remade (one in ten). */
export function* couponTickets(layout: ChainLayout, coupons: ChainCoupons): Generator<ChainTicket & { coupon: number }> {
  for (let i = 7; i < layout.sizes.tickets && couponOfTicket(coupons, i) !== null; i += 10) {
    const t = chainTicket(layout, coupons, i);
    if (t.coupon !== null) yield { ...t, coupon: t.coupon };
  }
}

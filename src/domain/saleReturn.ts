import { allocate, divRound, type Cents } from './money';
import type { Tender, TenderKind } from './tender';

/**
 * The sold line a returned line gives back, as read when the cashier picked it: enough to price
 * the return, to check it again at the commit and to propose the refund by the way it was paid.
 */
export interface ReturnOrigin {
  saleId: number;
  lineNo: number;
  /** "T01-000123", as printed on the receipt. */
  ticket: string;
  storeId: number;
  soldQty: number;
  /** What the line really came to: its own discount and its share of the ticket's taken off. */
  soldCents: Cents;
  /** How many had come back before this return, as read when picked; the commit checks it again. */
  returnedBefore: number;
  /** How the ticket was paid, and the change given: the refund goes back the same way. */
  paid: PaidTicket;
}

export interface PaidTicket {
  tenders: readonly Pick<Tender, 'kind' | 'amountCents'>[];
  changeCents: Cents;
}

/**
 * What `n` of the `soldQty` units of a line came to: the line's total in proportion, rounded by
 * the till's one rule. Each return is credited the difference between what the units returned
 * after it and before it come to, so however the line comes back, in one go or unit by unit,
 * the credits add up exactly to what was paid for it.
 */
export function paidForUnits(soldQty: number, soldCents: Cents, n: number): Cents {
  return divRound(soldCents * n, soldQty);
}

/** What `qty` units returned after `before` others of the line are credited (positive). */
export function creditFor(soldQty: number, soldCents: Cents, before: number, qty: number): Cents {
  return paidForUnits(soldQty, soldCents, before + qty) - paidForUnits(soldQty, soldCents, before);
}

export type ReturnError = 'return.qtyInvalid' | 'return.tooMany' | 'return.nothingLeft';

/** Why `qty` units of a line sold `soldQty` times, `returned` of them already back, cannot come back; null when they can. */
export function returnRefusal(soldQty: number, returned: number, qty: number): ReturnError | null {
  if (soldQty - returned <= 0) return 'return.nothingLeft';
  if (!Number.isInteger(qty) || qty <= 0) return 'return.qtyInvalid';
  if (qty > soldQty - returned) return 'return.tooMany';
  return null;
}

/** How prepaid money (a gift card's, an e-shop certificate's) is paid back: the shop's policy (`returns.prepaidRefund`). */
export type PrepaidRefund = 'voucher' | 'cash';

/** Tenders whose money never goes back onto a gift card (the seed's rule). */
const PREPAID: ReadonlySet<string> = new Set(['gift_card', 'giftcert']);

/** The way a kind of tender is paid back: the same way, except prepaid money. */
function refundKind(kind: TenderKind, prepaid: PrepaidRefund): TenderKind {
  return PREPAID.has(kind) ? prepaid : kind;
}

export interface RefundPart {
  kind: TenderKind;
  cents: Cents;
}

/**
 * The refund proposed for `refundCents` (positive) given back from these tickets: shared out
 * over what each way of paying brought in (cash less the change given), in proportion with the
 * parts adding up exactly (largest remainder), each paid back the way it came except prepaid
 * money, which goes to a store-credit voucher or to cash as the shop says.
 */
export function refundRoute(tickets: readonly PaidTicket[], refundCents: Cents, prepaid: PrepaidRefund): RefundPart[] {
  if (refundCents <= 0) return [];
  const brought = new Map<TenderKind, Cents>();
  for (const t of tickets) {
    let change = t.changeCents;
    for (const x of t.tenders) {
      let cents = x.amountCents;
      if (x.kind === 'cash' && change > 0) {
        const off = Math.min(change, cents);
        cents -= off;
        change -= off;
      }
      if (cents > 0) brought.set(x.kind, (brought.get(x.kind) ?? 0) + cents);
    }
  }
  if (brought.size === 0) return [{ kind: 'cash', cents: refundCents }];
  const kinds = [...brought.keys()];
  const parts = allocate(refundCents, kinds.map((k) => brought.get(k)!));
  const out: RefundPart[] = [];
  kinds.forEach((k, i) => {
    const kind = refundKind(k, prepaid);
    const cents = parts[i]!;
    if (cents === 0) return;
    const same = out.find((p) => p.kind === kind);
    if (same) same.cents += cents;
    else out.push({ kind, cents });
  });
  return out;
}

/**
 * Whether a refund pays out otherwise than the route proposed: more in some way than the route
 * gives it (a way it does not name gets nothing). That needs a manager's approval.
 */
export function offRoute(route: readonly RefundPart[], tenders: readonly Pick<Tender, 'kind' | 'amountCents'>[]): boolean {
  const out = new Map<TenderKind, Cents>();
  for (const t of tenders) if (t.amountCents < 0) out.set(t.kind, (out.get(t.kind) ?? 0) - t.amountCents);
  return [...out].some(([kind, cents]) => cents > (route.find((p) => p.kind === kind)?.cents ?? 0));
}

/** A ticket as printed ("T01-000123", its barcode) or its number alone (123, on this till): null when it is neither. */
export function parseTicketLabel(text: string): { terminal: string | null; ticketNo: number } | null {
  const m = /^\s*(?:([A-Za-z0-9_]+)-)?(\d{1,9})\s*$/.exec(text);
  const ticketNo = Number(m?.[2]);
  if (!m || !(ticketNo >= 1)) return null;
  return { terminal: m[1]?.toUpperCase() ?? null, ticketNo };
}

/** Whether a basket takes back items without naming their ticket where the shop asks a manager for that. */
export function needsReturnApproval(basket: { lines: readonly { qty: number; returnOf?: unknown }[] }, withoutTicket: 'free' | 'manager'): boolean {
  return withoutTicket === 'manager' && basket.lines.some((l) => l.qty < 0 && !l.returnOf);
}

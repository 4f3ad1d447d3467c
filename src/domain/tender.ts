import type { Cents } from './money';

/**
 * Means of payment. Cash and card need nothing more; the others name what they draw on (`ref`):
 * a store-credit voucher's code, a gift card's code, the customer whose account is used.
 * `giftcert` is an e-shop gift certificate (BigCommerce's), debited at its provider when the
 * cashier confirms it: never credited by a refund (a refund of what it paid goes to a
 * store-credit voucher or cash), its ref is the code's last four characters.
 */
export const TENDER_KINDS = ['cash', 'card', 'voucher', 'gift_card', 'account', 'giftcert'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

/** Money taken (positive) or paid out (negative, on a refund) by one means of payment. */
export interface Tender {
  kind: TenderKind;
  amountCents: Cents;
  ref?: string | null;
  /** What the provider found that the commit needs besides the ref (a new voucher's expiry…); kept in the spool, not on the ticket. */
  data?: TenderData;
}

export type TenderData = Record<string, string | number | boolean | null>;

export interface Payment {
  totalCents: Cents;
  tenders: Tender[];
}

export type TenderError = 'tender.nothingDue' | 'tender.amountInvalid' | 'tender.amountZero' | 'tender.amountNegative' | 'tender.exceedsDue' | 'tender.exceedsBalance';

export function paidCents(p: Payment): Cents {
  return p.tenders.reduce((sum, t) => sum + t.amountCents, 0);
}

/** What is still to take (positive) or to pay out (negative); zero once settled or overpaid in cash. */
export function remainingCents(p: Payment): Cents {
  const rest = p.totalCents - paidCents(p);
  return Math.sign(rest) === Math.sign(p.totalCents) ? rest : 0;
}

/** Cash handed back: only cash can exceed what is due, and only on a sale. */
export function changeCents(p: Payment): Cents {
  return p.totalCents >= 0 ? Math.max(0, paidCents(p) - p.totalCents) : 0;
}

export function isSettled(p: Payment): boolean {
  return remainingCents(p) === 0;
}

export interface TenderSource {
  /** What the tender draws on (voucher code, customer…). */
  ref?: string;
  /** The most it can give (a voucher's balance, an account's credit): refused above. */
  maxCents?: Cents;
  data?: TenderData;
}

/**
 * Adds a tender. `typedCents` is the amount the cashier typed, always positive (the direction
 * comes from the ticket); null means "exactly what is left", or all a source holds if less.
 */
export function addTender(p: Payment, kind: TenderKind, typedCents: Cents | null, source: TenderSource = {}): { payment: Payment } | { error: TenderError } {
  const rest = remainingCents(p);
  if (rest === 0) return { error: 'tender.nothingDue' };
  const amount = typedCents ?? Math.min(Math.abs(rest), source.maxCents ?? Number.MAX_SAFE_INTEGER);
  if (amount === 0) return { error: 'tender.amountZero' };
  if (amount < 0) return { error: 'tender.amountNegative' };
  if (!Number.isInteger(amount)) return { error: 'tender.amountInvalid' };
  if (source.maxCents !== undefined && amount > source.maxCents) return { error: 'tender.exceedsBalance' };
  const overpays = amount > Math.abs(rest);
  if (overpays && !(kind === 'cash' && rest > 0)) return { error: 'tender.exceedsDue' };
  const tender: Tender = { kind, amountCents: Math.sign(rest) * amount, ...(source.ref !== undefined && { ref: source.ref }), ...(source.data && { data: source.data }) };
  return { payment: { ...p, tenders: [...p.tenders, tender] } };
}

export function removeLastTender(p: Payment): Payment {
  return { ...p, tenders: p.tenders.slice(0, -1) };
}

/** A tender list given whole (CLI, API): every step must be accepted, and the end settled. */
export function settle(
  totalCents: Cents,
  given: readonly { kind: TenderKind; cents: Cents; ref?: string; maxCents?: Cents; data?: TenderData }[],
): { payment: Payment } | { error: TenderError | 'tender.short' } {
  let payment: Payment = { totalCents, tenders: [] };
  for (const g of given) {
    const r = addTender(payment, g.kind, g.cents, { ref: g.ref, maxCents: g.maxCents, data: g.data });
    if ('error' in r) return r;
    payment = r.payment;
  }
  return isSettled(payment) ? { payment } : { error: 'tender.short' };
}

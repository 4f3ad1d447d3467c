import { MAX_CENTS, type Cents } from './money';

/**
 * The shop's ceilings on amounts (`limits` in the configuration): above them an amount is a
 * typo (a price typed in cents, a zero too many) and is refused wherever it enters — the
 * screen, the CLI, a catalog file. The database keeps its own, wider bounds as the last guard.
 */
export interface MoneyLimits {
  /** A unit price: a catalog price, a price typed by a manager. */
  unitPriceCents: Cents;
  /** A line: unit price × quantity. */
  lineTotalCents: Cents;
  /** A ticket: its lines added up, returns counted as much as sales. */
  ticketCents: Cents;
  /** A store-credit voucher issued (trade-in, by hand, a refund). */
  voucherCents: Cents;
  /** A gift card sold. */
  giftCardCents: Cents;
  /** How far a payment onto a customer account may go beyond what is owed before it is confirmed. */
  accountOverpaymentCents: Cents;
}

/** Only the till's own bound: what a basket opened without the shop's limits keeps to. */
export const NO_LIMITS: MoneyLimits = {
  unitPriceCents: MAX_CENTS,
  lineTotalCents: MAX_CENTS,
  ticketCents: MAX_CENTS,
  voucherCents: MAX_CENTS,
  giftCardCents: MAX_CENTS,
  accountOverpaymentCents: MAX_CENTS,
};

export type LimitKey = Exclude<keyof MoneyLimits, 'accountOverpaymentCents'>;

/** The message of each ceiling; the limit goes into it as `max`. */
export const ABOVE_LIMIT = {
  unitPriceCents: 'limit.unitPrice',
  lineTotalCents: 'limit.lineTotal',
  ticketCents: 'limit.ticket',
  voucherCents: 'limit.voucher',
  giftCardCents: 'limit.giftCard',
} as const satisfies Record<LimitKey, string>;

export type LimitError = (typeof ABOVE_LIMIT)[LimitKey];

export interface AboveLimit {
  error: LimitError;
  /** The ceiling, in cents, formatted in the reader's language when said. */
  money: { max: Cents };
}

/** Why an amount is refused by the shop's ceiling `key` (its size, whatever its sign), or null. */
export function aboveLimit(key: LimitKey, cents: Cents, limits: MoneyLimits): AboveLimit | null {
  const max = Math.min(limits[key], MAX_CENTS);
  return Math.abs(cents) > max ? { error: ABOVE_LIMIT[key], money: { max } } : null;
}

/**
 * A payment onto a customer account that goes beyond what is owed (`balanceCents` below zero)
 * by more than the margin: asked to be confirmed, since it is most likely a typo (2500 for 25,00).
 * Paying ahead within the margin is the ordinary prepayment and needs nothing.
 */
export function overpayment(cents: Cents, balanceCents: Cents, limits: MoneyLimits): { owedCents: Cents; beyondCents: Cents } | null {
  const owedCents = Math.max(0, -balanceCents);
  const beyondCents = cents - owedCents;
  return beyondCents > limits.accountOverpaymentCents ? { owedCents, beyondCents } : null;
}

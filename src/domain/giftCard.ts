import type { GiftCardCodeKind } from './giftCardCode';
import { aboveLimit, type MoneyLimits } from './limits';
import type { Cents } from './money';
import { effectiveStatus, VOUCHER_STATUSES, type VoucherChannel, type VoucherStatus } from './voucher';

// The shop's gift cards (cartes cadeaux): a prepaid balance sold to anyone and spent as a
// tender, in store or online. In French VAT a multi-purpose voucher (bon à usage multiple):
// its sale is outside the scope of VAT (money received, owed until spent) and the goods it
// pays for bear their VAT as if paid in cash. The database holds the same rules (CHECKs, the
// conditional debit); these say why a card is refused, in the user's words.

/** The catalogue item every gift card line refers to; never sold from the catalogue itself. */
export const GIFT_CARD_SKU = 'CADEAU';

/** As a voucher's: active until used up, expired or cancelled. */
export const GIFT_CARD_STATUSES = VOUCHER_STATUSES;
export type GiftCardStatus = VoucherStatus;
export type GiftCardChannel = VoucherChannel;

/** Every change of a card's balance, as its ledger names it. */
export const GIFT_CARD_MOVES = ['sold', 'spent', 'refunded', 'expired', 'cancelled'] as const;
export type GiftCardMove = (typeof GIFT_CARD_MOVES)[number];

export interface GiftCard {
  id: number;
  code: string;
  kind: GiftCardCodeKind;
  initialCents: Cents;
  balanceCents: Cents;
  /** As stored: an active card past its last day stays "active" until `pos giftcard expire` runs. */
  status: GiftCardStatus;
  storeCode: string;
  terminalCode: string | null;
  /** The ticket that sold it. */
  ticket: string;
  createdAt: Date;
  /** The last day it can be spent ("2027-12-06"), in the shop's time zone. */
  expiresOn: string;
  /** The midnight after expiresOn, in the shop's time zone. */
  expiresAt: Date;
  closedAt: Date | null;
}

export interface GiftCardMovement {
  kind: GiftCardMove;
  /** Positive when sold or refunded onto, negative otherwise. */
  amountCents: Cents;
  balanceAfterCents: Cents;
  channel: GiftCardChannel | null;
  storeCode: string | null;
  terminalCode: string | null;
  operatorName: string | null;
  ticket: string | null;
  orderRef: string | null;
  note: string;
  at: Date;
}

/**
 * What a gift card line of a basket carries: the card's code and its last day, set when the
 * card is put on the ticket. The card exists only once the ticket is committed.
 */
export interface GiftCardSale {
  code: string;
  expiresOn: string;
  /** ISO instant: the midnight after expiresOn in the shop's time zone. */
  expiresAt: string;
}

export function giftCardStatus(card: Pick<GiftCard, 'status' | 'expiresAt'>, now: Date): GiftCardStatus {
  return effectiveStatus(card, now);
}

export type GiftCardRefusal = 'giftCard.used' | 'giftCard.expired' | 'giftCard.cancelled';

/** Why a card cannot be spent (nor credited) now, or null when it can. */
export function spendRefusal(card: Pick<GiftCard, 'status' | 'expiresAt'>, now: Date): GiftCardRefusal | null {
  const status = giftCardStatus(card, now);
  return status === 'active' ? null : (`giftCard.${status}` as GiftCardRefusal);
}

export type ValueRefusal =
  | { error: 'giftCard.valueInvalid'; money?: undefined }
  | { error: 'giftCard.belowMin'; money: { min: Cents } }
  | { error: 'limit.giftCard'; money: { max: Cents } };

/** The value a card is sold for: at least the shop's minimum, at most its ceiling (limits.giftCardCents). */
export function valueRefusal(cents: Cents, minCents: Cents, limits: MoneyLimits): ValueRefusal | null {
  if (!Number.isSafeInteger(cents) || cents <= 0) return { error: 'giftCard.valueInvalid' };
  if (cents < minCents) return { error: 'giftCard.belowMin', money: { min: minCents } };
  const above = aboveLimit('giftCardCents', cents, limits);
  return above ? { error: 'limit.giftCard', money: above.money } : null;
}

/** Tenders whose money never goes back onto a gift card: a gift card's, an e-shop gift certificate's. */
const PREPAID = new Set(['gift_card', 'giftcert']);

/**
 * Whether a return may be refunded onto a gift card, from how its sale was paid: not when any
 * of it was paid with a gift card or an e-shop gift certificate (the rule of the shops whose
 * certificates are spent here); it then goes to a store-credit voucher, or cash by policy.
 */
export function mayRefundOnto(tendersOfOriginalSale: readonly { kind: string }[]): boolean {
  return !tendersOfOriginalSale.some((t) => PREPAID.has(t.kind));
}

import { MAX_CENTS, type Cents } from './money';

// What a store-credit voucher is and when it can be spent. The database holds the same rules
// (CHECKs, the conditional debit); these say why a voucher is refused, in the user's words.

export const VOUCHER_STATUSES = ['active', 'used', 'expired', 'cancelled'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

/** How a voucher came to be: the refund of a return, a trade-in (reprise), or by hand. */
export const VOUCHER_ORIGINS = ['refund', 'trade_in', 'manual'] as const;
export type VoucherOrigin = (typeof VOUCHER_ORIGINS)[number];

/** Where a voucher is spent. */
export const VOUCHER_CHANNELS = ['store', 'web', 'pickup'] as const;
export type VoucherChannel = (typeof VOUCHER_CHANNELS)[number];

export type MovementKind = 'issue' | 'use' | 'cancel' | 'expire';

export interface Voucher {
  id: number;
  code: string;
  origin: VoucherOrigin;
  initialCents: Cents;
  balanceCents: Cents;
  /** As stored: an active voucher past its expiry stays "active" until `pos voucher expire` runs. */
  status: VoucherStatus;
  customer: { id: number; code: string; name: string } | null;
  storeCode: string;
  terminalCode: string | null;
  /** The ticket that created it (a refund). */
  ticket: string | null;
  createdAt: Date;
  /** The last day it can be used ("2027-11-22"), in the shop's time zone. */
  expiresOn: string;
  /** The instant it stops being valid: the midnight after expiresOn, in the shop's time zone. */
  expiresAt: Date;
  /** When it was used up, cancelled or marked expired. */
  closedAt: Date | null;
  note: string;
}

export interface VoucherMovement {
  kind: MovementKind;
  /** Positive for the issue, negative for everything else. */
  amountCents: Cents;
  balanceAfterCents: Cents;
  channel: VoucherChannel | null;
  storeCode: string | null;
  terminalCode: string | null;
  operatorName: string | null;
  ticket: string | null;
  orderRef: string | null;
  at: Date;
}

/** What the voucher is at `now`: one past its expiry is expired even before the job marks it. */
export function effectiveStatus(v: Pick<Voucher, 'status' | 'expiresAt'>, now: Date): VoucherStatus {
  return v.status === 'active' && v.expiresAt.getTime() <= now.getTime() ? 'expired' : v.status;
}

export type VoucherRefusal = 'voucher.used' | 'voucher.expired' | 'voucher.cancelled';

/** Why a voucher cannot be spent now, or null when it can. */
export function spendRefusal(v: Pick<Voucher, 'status' | 'expiresAt'>, now: Date): VoucherRefusal | null {
  switch (effectiveStatus(v, now)) {
    case 'active':
      return null;
    case 'used':
      return 'voucher.used';
    case 'expired':
      return 'voucher.expired';
    case 'cancelled':
      return 'voucher.cancelled';
  }
}

export type AmountRefusal = 'voucher.amountZero' | 'voucher.amountNegative' | 'voucher.amountTooLarge' | 'voucher.amountAboveBalance';

/** An amount to take from a voucher (or to issue one for, without a balance). */
export function amountRefusal(cents: Cents, balanceCents?: Cents): AmountRefusal | null {
  if (cents === 0) return 'voucher.amountZero';
  if (cents < 0) return 'voucher.amountNegative';
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return 'voucher.amountTooLarge';
  if (balanceCents !== undefined && cents > balanceCents) return 'voucher.amountAboveBalance';
  return null;
}

/** An order reference or an idempotency key from the e-shop: visible characters, 1 to 100. */
export function isReference(text: string): boolean {
  return /^[\x21-\x7e]{1,100}$/.test(text);
}

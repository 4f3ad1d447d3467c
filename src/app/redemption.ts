import type { Db } from '../data/db';
import type { Cents } from '../domain/money';
import { amountRefusal, isReference, VOUCHER_CHANNELS, type VoucherChannel } from '../domain/voucher';
import type { MessageKey } from '../i18n/messages';
import { refuse } from './errors';

// A balance spent away from a till's sale: the e-shop (web), an order picked up in store
// (pickup), the command line. Vouchers and gift cards are spent so, each through its ledger;
// the checks, the idempotency key and the answer to a retry are the same for both.

export interface Redemption {
  code: string;
  amountCents: Cents;
  channel: VoucherChannel;
  /** The e-shop's order, or what the use paid for. */
  orderRef: string;
  /** The same key again, from the same caller (apiKeyId), answers as the first time and takes nothing more. */
  idempotencyKey: string | null;
  storeId: number | null;
  terminalId?: number | null;
  operatorId?: number | null;
  apiKeyId?: number | null;
}

export interface Redeemed {
  code: string;
  amountCents: Cents;
  balanceAfterCents: Cents;
  channel: VoucherChannel;
  orderRef: string | null;
  at: Date;
  /** True when the key had been used for this very redemption before: nothing was taken now. */
  replayed: boolean;
}

/** A use made under an idempotency key, as its ledger keeps it. */
export interface KeyedUse {
  code: string;
  amountCents: Cents;
  channel: VoucherChannel;
  orderRef: string | null;
  balanceAfterCents: Cents;
  at: Date;
}

/** How a kind of balance is read and debited (see vouchers/redeem.ts, giftcards/redeem.ts). */
export interface Spendable {
  /** The canonical code of what was typed; a typo refused. */
  readCode(text: string): string;
  /** The conditional debit and its ledger row, in one statement; null when nothing could be taken. */
  debit(db: Db, d: {
    code: string; amountCents: Cents; channel: VoucherChannel; storeId: number | null; terminalId: number | null; operatorId: number | null;
    saleId: null; orderRef: string; apiKeyId: number | null; idempotencyKey: string | null;
  }): Promise<{ balanceAfterCents: Cents; at: Date } | null>;
  findByKey(db: Db, apiKeyId: number | null, key: string): Promise<KeyedUse | null>;
  /** The unique index on (caller, key) refused a second row. */
  isKeyTaken(error: unknown): boolean;
  /** Says why nothing could be taken: unknown, used, expired, cancelled, or the balance left. */
  refuseFailedDebit(db: Db, code: string): Promise<never>;
  /** The refusal of a key used before for another redemption. */
  keyReused: MessageKey;
}

function same(r: Redemption, code: string, u: KeyedUse): boolean {
  return u.code === code && u.amountCents === r.amountCents && u.channel === r.channel && u.orderRef === r.orderRef;
}

function replay(s: Spendable, r: Redemption, code: string, u: KeyedUse): Redeemed {
  if (!same(r, code, u)) refuse(s.keyReused, { key: r.idempotencyKey ?? '' });
  return { code: u.code, amountCents: u.amountCents, balanceAfterCents: u.balanceAfterCents, channel: u.channel, orderRef: u.orderRef, at: u.at, replayed: true };
}

/** Checks a redemption before the database is asked: each mistake with its own message. */
export function checkRedemption(s: Spendable, r: Redemption): string {
  if (!(VOUCHER_CHANNELS as readonly string[]).includes(r.channel)) refuse('voucher.channelInvalid', { channel: String(r.channel) });
  const bad = amountRefusal(r.amountCents);
  if (bad) refuse(bad);
  if (!isReference(r.orderRef)) refuse('voucher.orderRefInvalid');
  if (r.idempotencyKey !== null && !isReference(r.idempotencyKey)) refuse('voucher.keyInvalid');
  return s.readCode(r.code);
}

/**
 * Takes an amount outside a till's sale, in one statement (debit and ledger row). Refused with
 * the reason when it cannot: unknown, used, expired, cancelled, or holding less than asked.
 */
export async function redeem(db: Db, s: Spendable, r: Redemption): Promise<Redeemed> {
  const code = checkRedemption(s, r);
  // One statement in the usual case. A retry finds its key taken (the statement then takes
  // nothing) or, if the first use emptied the balance, nothing to take: either way the use
  // already made under the key is the answer.
  let done;
  try {
    done = await s.debit(db, {
      code, amountCents: r.amountCents, channel: r.channel, storeId: r.storeId, terminalId: r.terminalId ?? null,
      operatorId: r.operatorId ?? null, saleId: null, orderRef: r.orderRef, apiKeyId: r.apiKeyId ?? null, idempotencyKey: r.idempotencyKey,
    });
  } catch (error) {
    // The same key sent twice at once: the other one took it; answer as it did.
    if (!s.isKeyTaken(error) || r.idempotencyKey === null) throw error;
    return replay(s, r, code, (await s.findByKey(db, r.apiKeyId ?? null, r.idempotencyKey))!);
  }
  if (!done) {
    const before = r.idempotencyKey === null ? null : await s.findByKey(db, r.apiKeyId ?? null, r.idempotencyKey);
    if (before) return replay(s, r, code, before);
    return s.refuseFailedDebit(db, code);
  }
  return { code, amountCents: r.amountCents, balanceAfterCents: done.balanceAfterCents, channel: r.channel, orderRef: r.orderRef, at: done.at, replayed: false };
}

import type { Knex } from 'knex';
import { debitVoucher, findUseByKey, isKeyTaken, type KeyedUse } from '../../data/vouchers';
import type { Cents } from '../../domain/money';
import { amountRefusal, isReference, VOUCHER_CHANNELS, type VoucherChannel } from '../../domain/voucher';
import { refuse } from '../errors';
import { readVoucherCode, refuseFailedDebit } from './codes';

/** A use away from a till's sale: the e-shop (web), an order picked up in store (pickup), the CLI. */
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

function same(r: Redemption, code: string, u: KeyedUse): boolean {
  return u.code === code && u.amountCents === r.amountCents && u.channel === r.channel && u.orderRef === r.orderRef;
}

function replay(r: Redemption, code: string, u: KeyedUse): Redeemed {
  if (!same(r, code, u)) refuse('voucher.keyReused', { key: r.idempotencyKey ?? '' });
  return { code: u.code, amountCents: u.amountCents, balanceAfterCents: u.balanceAfterCents, channel: u.channel, orderRef: u.orderRef, at: u.at, replayed: true };
}

/** Checks a redemption before the database is asked: each mistake with its own message. */
export function checkRedemption(r: Redemption): string {
  if (!(VOUCHER_CHANNELS as readonly string[]).includes(r.channel)) refuse('voucher.channelInvalid', { channel: String(r.channel) });
  const bad = amountRefusal(r.amountCents);
  if (bad) refuse(bad);
  if (!isReference(r.orderRef)) refuse('voucher.orderRefInvalid');
  if (r.idempotencyKey !== null && !isReference(r.idempotencyKey)) refuse('voucher.keyInvalid');
  return readVoucherCode(r.code);
}

/**
 * Takes an amount from a voucher outside a till's sale, in one statement (debit and ledger
 * row). Refused with the reason when it cannot: unknown, used, expired, cancelled, or holding
 * less than asked (the balance as it is now is told).
 */
export async function redeemVoucher(db: Knex, r: Redemption): Promise<Redeemed> {
  const code = checkRedemption(r);
  // One statement in the usual case. A retry finds its key taken (the statement then takes
  // nothing) or, if the first use emptied the voucher, nothing to take: either way the use
  // already made under the key is the answer.
  let done;
  try {
    done = await debitVoucher(db, {
      code, amountCents: r.amountCents, channel: r.channel, storeId: r.storeId, terminalId: r.terminalId ?? null,
      operatorId: r.operatorId ?? null, saleId: null, orderRef: r.orderRef, apiKeyId: r.apiKeyId ?? null, idempotencyKey: r.idempotencyKey,
    });
  } catch (error) {
    // The same key sent twice at once: the other one took it; answer as it did.
    if (!isKeyTaken(error) || r.idempotencyKey === null) throw error;
    return replay(r, code, (await findUseByKey(db, r.apiKeyId ?? null, r.idempotencyKey))!);
  }
  if (!done) {
    const before = r.idempotencyKey === null ? null : await findUseByKey(db, r.apiKeyId ?? null, r.idempotencyKey);
    if (before) return replay(r, code, before);
    return refuseFailedDebit(db, code);
  }
  return { code, amountCents: r.amountCents, balanceAfterCents: done.balanceAfterCents, channel: r.channel, orderRef: r.orderRef, at: done.at, replayed: false };
}

import { randomBytes } from 'node:crypto';
import { findVoucher } from '../../data/vouchers';
import type { Db } from '../../data/db';
import { formatDay } from '../../domain/day';
import { spendRefusal, type Voucher } from '../../domain/voucher';
import { formatVoucherCode, generateVoucherCode, parseVoucherCode } from '../../domain/voucherCode';
import { refuse } from '../errors';

/** A new code from the system's cryptographic random source. */
export function newVoucherCode(): string {
  return generateVoucherCode(randomBytes);
}

/** The canonical code of what was typed or scanned; a typo is refused here, before any lookup. */
export function readVoucherCode(text: string): string {
  const parsed = parseVoucherCode(text);
  if ('error' in parsed) refuse(parsed.error, { code: text.trim() });
  return parsed.code;
}

/** A voucher by what was typed or scanned, refused when mistyped or unknown. */
export async function voucherByCode(db: Db, text: string): Promise<Voucher> {
  const code = readVoucherCode(text);
  const v = await findVoucher(db, code);
  if (!v) refuse('voucher.unknown', { code: formatVoucherCode(code) });
  return v;
}

/** Refuses a voucher that cannot be spent now, saying why (used up, expired, cancelled). */
export function refuseUnspendable(v: Voucher, now = new Date()): void {
  const why = spendRefusal(v, now);
  if (!why) return;
  refuse(why, { code: formatVoucherCode(v.code), date: formatDay(v.expiresOn) });
}

/**
 * Why a debit found nothing to take: the voucher is unknown, cannot be spent, or holds less than
 * asked (its balance, as it is now, is told: another till or the e-shop may have just used it).
 */
export async function refuseFailedDebit(db: Db, code: string): Promise<never> {
  const v = await findVoucher(db, code);
  if (!v) refuse('voucher.unknown', { code: formatVoucherCode(code) });
  refuseUnspendable(v);
  refuse('voucher.amountAboveBalance', { code: formatVoucherCode(code) }, { balance: v.balanceCents });
}

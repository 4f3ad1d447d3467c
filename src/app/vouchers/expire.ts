import type { Knex } from 'knex';
import { expireDue } from '../../data/vouchers';
import type { Cents } from '../../domain/money';

/**
 * Marks the vouchers past their last day as expired and writes their balance off in the
 * ledger. Safe to run from cron, as often as wanted: a voucher is expired once.
 */
export async function expireVouchers(db: Knex): Promise<{ vouchers: { code: string; amountCents: Cents }[]; totalCents: Cents }> {
  const vouchers = await expireDue(db);
  return { vouchers, totalCents: vouchers.reduce((s, v) => s + v.amountCents, 0) };
}

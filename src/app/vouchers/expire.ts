import type { Knex } from 'knex';
import { dueVoucherIds, expireVouchersById, voucherCodesById } from '../../data/vouchers';
import type { Cents } from '../../domain/money';
import { batches, type OnProgress } from '../progress';

/** Vouchers per batch: each is a ledger row and a balance written by a trigger. */
const VOUCHER_BATCH = 5000;

/**
 * Marks the vouchers past their last day as expired and writes their balance off in the
 * ledger. Safe to run from cron, as often as wanted: a voucher is expired once. One
 * transaction, written in batches told to onProgress.
 */
export async function expireVouchers(db: Knex, onProgress?: OnProgress): Promise<{ vouchers: { code: string; amountCents: Cents }[]; totalCents: Cents }> {
  return db.transaction(async (trx) => {
    const due = await dueVoucherIds(trx);
    const written = new Map<number, Cents>();
    for (const { start, end } of batches(due.length, VOUCHER_BATCH)) {
      for (const [id, cents] of await expireVouchersById(trx, due.slice(start, end))) written.set(id, cents);
      onProgress?.(end, due.length);
    }
    const vouchers = (await voucherCodesById(trx, [...written.keys()])).map((v) => ({ code: v.code, amountCents: written.get(v.id)! }));
    return { vouchers, totalCents: vouchers.reduce((s, v) => s + v.amountCents, 0) };
  });
}

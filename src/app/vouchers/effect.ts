import type { Knex } from 'knex';
import { debitVoucher, insertVoucher, lockVouchers } from '../../data/vouchers';
import { formatDay } from '../../domain/day';
import type { Tender } from '../../domain/tender';
import { formatVoucherCode, parseVoucherCode } from '../../domain/voucherCode';
import type { SaleEffect, SaleNote } from '../saleEffects';
import { refuseFailedDebit } from './codes';

function canonical(t: Tender): string {
  const parsed = parseVoucherCode(t.ref ?? '');
  // The payment screen and `sale create` only put codes they checked on a tender.
  if ('error' in parsed) throw new Error(`voucher tender without a valid code: ${t.ref}`);
  return parsed.code;
}

/**
 * What a ticket paid with vouchers does to them, in the sale's transaction: each voucher used
 * is debited once (the amounts this ticket takes from it added up), by the conditional
 * statement; one that no longer holds the amount refuses the sale, which rolls back whole. A
 * refund paid out as a voucher creates it, linked to the ticket and its store.
 */
export const voucherEffect: SaleEffect = {
  name: 'vouchers',
  applies: (req) => req.payment.tenders.some((t) => t.kind === 'voucher'),
  async apply(trx: Knex.Transaction, sale): Promise<SaleNote[]> {
    const { request: req } = sale;
    const tenders = req.payment.tenders.filter((t) => t.kind === 'voucher');
    const notes: SaleNote[] = [];
    const debits = new Map<string, number>();
    for (const t of tenders) {
      if (t.amountCents <= 0) continue;
      const code = canonical(t);
      debits.set(code, (debits.get(code) ?? 0) + t.amountCents);
    }
    if (debits.size > 1) await lockVouchers(trx, [...debits.keys()]);
    for (const [code, amountCents] of debits) {
      const done = await debitVoucher(trx, {
        code, amountCents, channel: 'store', storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId,
        saleId: sale.id, orderRef: null, apiKeyId: null, idempotencyKey: null,
      });
      if (!done) await refuseFailedDebit(trx, code);
      notes.push(done!.balanceAfterCents > 0
        ? { key: 'voucher.note.balance', params: { code: formatVoucherCode(code) }, money: { balance: done!.balanceAfterCents } }
        : { key: 'voucher.note.usedUp', params: { code: formatVoucherCode(code) } });
    }
    for (const t of tenders) {
      if (t.amountCents >= 0) continue;
      const expiresOn = String(t.data?.expiresOn ?? '');
      const expiresAt = String(t.data?.expiresAt ?? '');
      if (!expiresOn || !expiresAt) throw new Error(`refund voucher ${t.ref} without its expiry`);
      const code = canonical(t);
      await insertVoucher(trx, {
        code, origin: 'refund', amountCents: -t.amountCents, customerId: req.basket.customer?.id ?? null,
        storeId: req.storeId, terminalId: req.terminalId, saleId: sale.id, issuedBy: req.operatorId, approvedBy: null,
        expiresOn, expiresAt: new Date(expiresAt), note: '',
      });
      notes.push({ key: 'voucher.note.issued', params: { code: formatVoucherCode(code), date: formatDay(expiresOn) }, money: { amount: -t.amountCents } });
    }
    return notes;
  },
};

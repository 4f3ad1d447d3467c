import { defaultExpiry } from '../../data/vouchers';
import { nowOf } from '../../domain/clock';
import { formatDay } from '../../domain/day';
import { remainingCents } from '../../domain/tender';
import { formatVoucherCode, parseVoucherCode } from '../../domain/voucherCode';
import { refuse } from '../errors';
import type { TenderProvider, TenderSourceFound } from '../tenderProviders';
import { newVoucherCode, refuseUnspendable, voucherByCode } from './codes';

/**
 * The voucher key of the payment screen. On a sale: the code typed or scanned, the customer,
 * initial amount, balance and last day shown, at most the balance (less what this ticket
 * already takes from it). On a refund: a new voucher instead of cash, for what is paid out;
 * the sale's effect creates it with the ticket (effect.ts).
 */
export const voucherTender: TenderProvider = {
  kind: 'voucher',
  command: 'voucher',
  needsCode: (ctx) => !ctx.refund,
  // A voucher's length and alphabet: one with a wrong check symbol is still a voucher, said mistyped.
  ownsCode(code) {
    const parsed = parseVoucherCode(code);
    return !('error' in parsed) || parsed.error !== 'voucher.codeMalformed';
  },
  async find(db, code, ctx): Promise<TenderSourceFound> {
    if (ctx.refund) {
      const expiry = await defaultExpiry(db, ctx.config.timeZone, ctx.config.vouchers.validityMonths, nowOf(ctx.config));
      return {
        ref: formatVoucherCode(newVoucherCode()),
        // A voucher is never above the shop's ceiling: a larger refund is paid out otherwise for the rest.
        maxCents: Math.min(Math.abs(remainingCents(ctx.payment)), ctx.config.limits.voucherCents),
        info: [{ key: 'voucher.info.newForRefund' }, { key: 'voucher.info.expiry', params: { date: formatDay(expiry.expiresOn) } }],
        data: { expiresOn: expiry.expiresOn, expiresAt: expiry.expiresAt.toISOString() },
      };
    }
    const v = await voucherByCode(db, code ?? '');
    refuseUnspendable(v);
    const ref = formatVoucherCode(v.code);
    const taken = ctx.payment.tenders.filter((t) => t.kind === 'voucher' && t.ref === ref).reduce((s, t) => s + t.amountCents, 0);
    if (taken >= v.balanceCents) refuse('voucher.alreadyTaken', { code: ref });
    return {
      ref,
      maxCents: v.balanceCents - taken,
      info: [
        v.customer ? { key: 'voucher.info.customer', params: { name: v.customer.name } } : { key: 'voucher.info.noCustomer' },
        { key: 'voucher.info.amounts', money: { initial: v.initialCents, balance: v.balanceCents - taken } },
        { key: 'voucher.info.expiry', params: { date: formatDay(v.expiresOn) } },
      ],
    };
  },
};

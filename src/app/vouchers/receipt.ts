import { voucherMovementsOfSale } from '../../data/vouchers';
import { formatEuros } from '../../domain/money';
import type { Block } from '../../domain/receipt';
import { formatVoucherCode } from '../../domain/voucherCode';
import { voucherSlipBlocks } from '../../domain/voucherSlip';
import type { ReceiptSection } from '../receiptSection';

/**
 * On a ticket paid with vouchers: what is left on each, as this ticket left it (read from the
 * ledger, so a reprint says the same). On a refund paid out as a voucher: its slip.
 */
export const voucherReceipt: ReceiptSection = async (db, sale, config) => {
  if (!sale.tenders.some((t) => t.kind === 'voucher')) return [];
  const lang = config.lang;
  const out: Block[] = [];
  for (const m of await voucherMovementsOfSale(db, sale.id)) {
    const code = formatVoucherCode(m.voucher.code);
    if (m.kind === 'use') {
      out.push({ t: 'pair', left: lang === 'fr' ? `Solde bon ${code}` : `Voucher ${code} left`, right: formatEuros(m.balanceAfterCents, lang) });
    } else if (m.kind === 'issue') {
      out.push(...voucherSlipBlocks({ ...m.voucher, balanceCents: m.voucher.initialCents, customerName: m.voucher.customer?.name ?? null }, { lang, timeZone: config.timeZone }));
    }
  }
  return out;
};

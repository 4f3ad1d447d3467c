import type { Config } from '../../config/schema';
import type { Block } from '../../domain/receipt';
import type { Voucher } from '../../domain/voucher';
import { formatVoucherCode } from '../../domain/voucherCode';
import { voucherSlipBlocks } from '../../domain/voucherSlip';

/** The slip of a voucher issued alone (trade-in, by hand), as a document for the print queue. */
export function voucherSlipDoc(config: Config, v: Voucher, opts: { storeName?: string; duplicate?: boolean } = {}): { kind: 'slip'; saleId: null; title: string; blocks: Block[] } {
  return {
    kind: 'slip',
    saleId: null,
    title: formatVoucherCode(v.code),
    blocks: voucherSlipBlocks({ ...v, customerName: v.customer?.name ?? null }, { lang: config.lang, timeZone: config.timeZone, ...opts }),
  };
}

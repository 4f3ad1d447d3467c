import { couponsOfSale, type GivenCode } from '../../data/couponUses';
import { formatDay } from '../../domain/day';
import type { Block } from '../../domain/receipt';
import { couponSlipBlocks, type CouponSlip } from '../../domain/slips';
import type { ReceiptSection } from '../receiptSection';

/** Words to lines of at most `width` columns (a word longer than a line is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word.slice(0, width);
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** A code given with a ticket, as the coupon slip shows it (a bundle's price shows as its amount). */
function slipOf(g: GivenCode, columns: number): CouponSlip {
  const v = g.discount.value;
  return {
    name: g.name,
    code: g.code,
    discount: v.kind === 'percent' ? { percentBp: v.bp } : { cents: v.cents },
    minimumCents: g.discount.threshold?.minCents ?? null,
    validFrom: g.validFrom && formatDay(g.validFrom),
    validUntil: g.validUntil && formatDay(g.validUntil),
    conditions: wrapWords(g.conditions, columns),
  };
}

/**
 * On a ticket: the promotion conditions of each coupon it used (the seed's "conditions de
 * promotion", printed on slips), and the slip of each code given with this ticket, to bring
 * back. Read back from the database, so a reprint says the same.
 */
export const couponReceipt: ReceiptSection = async (db, sale, config) => {
  const { used, given } = await couponsOfSale(db, sale.id);
  const { lang, receipt } = config;
  const out: Block[] = [];
  for (const u of used.filter((x) => x.conditions.trim() !== '')) {
    out.push({ t: 'text', text: `${u.name} (${u.code})`, bold: true });
    for (const line of wrapWords(u.conditions, receipt.columns)) out.push({ t: 'text', text: line });
  }
  for (const g of given) out.push(...couponSlipBlocks(slipOf(g, receipt.columns), { lang, storeName: sale.storeName }));
  return out;
};

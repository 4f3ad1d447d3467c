import { giftCardMovementsOfSale } from '../../data/giftCards';
import { formatDay } from '../../domain/day';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { giftCardSlipBlocks } from '../../domain/giftCardSlip';
import { formatEuros } from '../../domain/money';
import type { Block } from '../../domain/receipt';
import type { ReceiptSection } from '../receiptSection';

const words = {
  fr: { left: (code: string) => `Solde carte ${code}`, until: (date: string) => `  valable jusqu’au ${date}`, credited: (code: string) => `Carte ${code} créditée` },
  en: { left: (code: string) => `Gift card ${code} left`, until: (date: string) => `  valid until ${date}`, credited: (code: string) => `Gift card ${code} credited` },
} as const;

/**
 * On a ticket that sold gift cards: each card's slip (value, code as text, CODE128 and QR,
 * last day). On a ticket paid with cards: what is left on each, as this ticket left it; on a
 * refund onto a card: its balance after. Read from the ledger, so a reprint says the same.
 */
export const giftCardReceipt: ReceiptSection = async (db, sale, config) => {
  if (!sale.tenders.some((t) => t.kind === 'gift_card') && !sale.lines.some((l) => l.giftCardCode)) return [];
  const lang = config.lang;
  const w = words[lang];
  const out: Block[] = [];
  for (const m of await giftCardMovementsOfSale(db, sale.id)) {
    const code = formatGiftCardCode(m.card.code);
    if (m.kind === 'sold') {
      out.push(...giftCardSlipBlocks({ ...m.card, balanceCents: m.card.initialCents }, { lang, timeZone: config.timeZone }));
    } else if (m.kind === 'spent') {
      out.push({ t: 'pair', left: w.left(code), right: formatEuros(m.balanceAfterCents, lang) });
      if (m.balanceAfterCents > 0) out.push({ t: 'text', text: w.until(formatDay(m.card.expiresOn)) });
    } else if (m.kind === 'refunded') {
      out.push({ t: 'pair', left: w.credited(code), right: formatEuros(m.balanceAfterCents, lang) });
    }
  }
  return out;
};

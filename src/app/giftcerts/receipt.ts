import { usesOfSale } from '../../data/giftcerts';
import { maskCode } from '../../domain/giftcert';
import { formatEuros } from '../../domain/money';
import type { Block } from '../../domain/receipt';
import type { ReceiptSection } from '../receiptSection';

/** On a ticket paid with e-shop gift certificates: what each had left once debited, as read back (from our ledger, so a reprint says the same). */
export const giftcertReceipt: ReceiptSection = async (db, sale, config) => {
  if (!sale.tenders.some((t) => t.kind === 'giftcert')) return [];
  const lang = config.lang;
  const out: Block[] = [];
  for (const u of await usesOfSale(db, sale.id)) {
    if (u.balanceAfterCents === null) continue;
    out.push({ t: 'pair', left: lang === 'fr' ? `Solde chèque-cadeau ${maskCode(u.codeLast4)}` : `Gift certificate ${maskCode(u.codeLast4)} left`, right: formatEuros(u.balanceAfterCents, lang) });
  }
  return out;
};

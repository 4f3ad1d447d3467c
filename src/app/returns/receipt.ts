import { returnedFrom } from '../../data/returns';
import type { Block } from '../../domain/receipt';
import { ticketLabel } from '../../domain/sale';
import { t } from '../../i18n/messages';
import type { ReceiptSection } from '../receiptSection';

/** A return against its ticket names the ticket and the lines it gives back (read from the links, so a reprint says the same). */
export const returnReceipt: ReceiptSection = async (db, sale, config) => {
  if (!sale.lines.some((l) => l.qty < 0)) return [];
  const from = await returnedFrom(db, sale.id);
  return from.map((f): Block => ({ t: 'text', text: t(config.lang, 'return.receipt', { ticket: ticketLabel(f.terminalCode, f.ticketNo), lines: f.lines.join(', ') }) }));
};

import type { Db } from '../../data/db';
import { itemsById } from '../../data/items';
import { salesOfCustomer } from '../../data/sales';
import type { BasketAction } from '../../domain/basket';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import type { MessageKey, Params } from '../../i18n/messages';

/** A customer's latest tickets with their lines, newest first: what the history panel shows. */
export function purchaseHistory(db: Db, customerId: number, limit = 20): Promise<SaleRecord[]> {
  return salesOfCustomer(db, customerId, limit);
}

/**
 * The items of an earlier ticket, to sell again: the lines sold (not those taken back), in the
 * same quantities at today's prices, without the discounts given then. Items no longer sold
 * are left out and counted.
 */
export async function saleAgain(db: Db, sale: SaleRecord): Promise<{ actions: BasketAction[]; message: { key: MessageKey; params: Params } }> {
  const sold = sale.lines.filter((l) => l.qty > 0);
  const items = await itemsById(db, [...new Set(sold.map((l) => l.itemId))]);
  const actions: BasketAction[] = [];
  for (const l of sold) {
    const item = items.get(l.itemId);
    if (item) actions.push({ type: 'add', item, qty: l.qty });
  }
  const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
  const missing = sold.length - actions.length;
  return {
    actions,
    message: missing > 0
      ? { key: 'history.copiedSome', params: { n: actions.length, ticket, missing } }
      : { key: 'history.copied', params: { n: actions.length, ticket } },
  };
}

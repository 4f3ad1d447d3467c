import type { Db } from '../../data/db';
import { itemsById } from '../../data/items';
import type { Terminal } from '../../data/places';
import { returnedOfSale, storeOfSale } from '../../data/returns';
import { findSaleByTicket } from '../../data/sales';
import type { BasketAction } from '../../domain/basket';
import type { CatalogItem } from '../../domain/item';
import type { Cents } from '../../domain/money';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { parseTicketLabel } from '../../domain/saleReturn';
import { refuse } from '../errors';

export interface ReturnableLine {
  lineNo: number;
  sku: string;
  name: string;
  soldQty: number;
  returnedQty: number;
  /** What the line really came to (its discounts and share of the ticket's taken off). */
  soldCents: Cents;
  /** A gift card sold: not returned. */
  giftCard: boolean;
  /** The item as it is put back in a basket: the catalogue's, at the price it was sold. */
  item: CatalogItem;
}

export interface ReturnableTicket {
  sale: SaleRecord;
  label: string;
  storeId: number;
  lines: ReturnableLine[];
}

/**
 * The ticket a return names (its printed label or barcode, or its number on this till), with
 * each line sold and how many of it came back already. Refused: a ticket unknown, one of another
 * store, a refund.
 */
export async function findReturnableTicket(db: Db, text: string, terminal: Terminal): Promise<ReturnableTicket> {
  const wanted = parseTicketLabel(text);
  if (!wanted) refuse('return.ticketInvalid', { text: text.trim() });
  const label = ticketLabel(wanted.terminal ?? terminal.code, wanted.ticketNo);
  const sale = await findSaleByTicket(db, wanted.terminal ?? terminal.code, wanted.ticketNo);
  if (!sale) refuse('return.ticketUnknown', { ticket: label });
  // A training ticket took no real money: nothing of it can be given back.
  if (sale.training) refuse('training.returnOfTraining', { ticket: label });
  const store = (await storeOfSale(db, sale.id))!;
  if (store.id !== terminal.storeId) refuse('return.otherStore', { ticket: label, store: store.code });
  const sold = sale.lines.filter((l) => l.qty > 0);
  if (sold.length === 0) refuse('return.refundTicket', { ticket: label });
  const [returned, items] = await Promise.all([returnedOfSale(db, sale.id), itemsById(db, sold.map((l) => l.itemId))]);
  return {
    sale,
    label,
    storeId: store.id,
    lines: sold.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      name: l.name,
      soldQty: l.qty,
      returnedQty: returned.get(l.lineNo) ?? 0,
      soldCents: l.totalCents,
      giftCard: !!l.giftCardCode,
      item: { ...(items.get(l.itemId) ?? { id: l.itemId, sku: l.sku, barcode: l.barcode, name: l.name, vatRateBp: l.vatRateBp }), priceCents: l.unitPriceCents, vatRateBp: l.vatRateBp, name: l.name },
    })),
  };
}

/** `qty` units of line `lineNo` of the ticket coming back, as a basket action; refused past what is left. */
export function returnAction(ticket: ReturnableTicket, lineNo: number, qty: number, by: number): BasketAction {
  const line = ticket.lines.find((l) => l.lineNo === lineNo);
  if (!line) refuse('return.lineUnknown', { ticket: ticket.label, line: lineNo });
  if (line.giftCard) refuse('return.giftCardLine', { line: lineNo });
  if (!Number.isInteger(qty) || qty <= 0) refuse('return.qtyInvalid');
  const left = line.soldQty - line.returnedQty;
  if (qty > left) refuse(left === 0 ? 'return.nothingLeft' : 'return.tooManyLeft', { ticket: ticket.label, line: lineNo, left });
  return {
    type: 'return',
    item: line.item,
    qty,
    by,
    origin: {
      saleId: ticket.sale.id,
      lineNo,
      ticket: ticket.label,
      storeId: ticket.storeId,
      soldQty: line.soldQty,
      soldCents: line.soldCents,
      returnedBefore: line.returnedQty,
      paid: { tenders: ticket.sale.tenders.map((t) => ({ kind: t.kind, amountCents: t.amountCents })), changeCents: ticket.sale.changeCents },
    },
  };
}

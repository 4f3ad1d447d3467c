import { basketTotals, lineDiscountCents, lineTotal } from '../../domain/basket';
import type { NoteDocument } from '../../domain/noteDoc';
import { fillBasket, orderOperator, type SaleOrder } from '../createSale';
import { refuse } from '../errors';
import type { Till } from '../till';

export type NoteOrder = Pick<SaleOrder, 'operatorCode' | 'operatorPin' | 'lines'>;

/**
 * A note (pro forma) of a basket, not paid: recorded and sealed in this till's chain of notes
 * (pos_record_note) before it is printed, so what the customer was shown stays as it was. The
 * basket is built as a sale's is (the same prices and rules); nothing is sold, paid or moved.
 */
export async function createNote(till: Till, order: NoteOrder): Promise<NoteDocument> {
  if (order.lines.length === 0) refuse('sale.empty');
  const operator = await orderOperator(till, { ...order, tenders: [], key: 'note' });
  const basket = await fillBasket(till, 'note', order.lines);
  const totals = basketTotals(basket);
  const lines = basket.lines.map((l) => ({
    sku: l.item.sku, name: l.item.name, qty: l.qty, unit_price_cents: l.unitPriceCents,
    discount_cents: lineDiscountCents(l), total_cents: lineTotal(l) - (totals.ticketShares.get(l.lineId) ?? 0), vat_rate_bp: l.item.vatRateBp,
  }));
  const vat = totals.vat.map((v) => ({ rate_bp: v.rateBp, gross_cents: v.grossCents, vat_cents: v.vatCents, net_cents: v.netCents }));
  const { rows } = await till.db.raw<{ rows: { r: { id: number; seal: string; created_at: string; note_no: number } }[] }>(
    'SELECT pos_record_note(?, ?, NULL, ?::jsonb, ?::jsonb, ?) AS r',
    [till.terminal.id, operator.id, JSON.stringify(lines), JSON.stringify(vat), totals.totalCents],
  );
  const r = rows[0]!.r;
  return {
    id: Number(r.id),
    noteNo: Number(r.note_no),
    seal: r.seal,
    createdAt: new Date(r.created_at),
    terminalCode: till.terminal.code,
    storeName: till.terminal.storeName,
    operatorName: operator.name,
    lines: lines.map((l) => ({ name: l.name, qty: l.qty, unitPriceCents: l.unit_price_cents, discountCents: l.discount_cents, totalCents: l.total_cents })),
    vat: totals.vat,
    totalCents: totals.totalCents,
  };
}

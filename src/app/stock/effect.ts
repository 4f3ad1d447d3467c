import type { Knex } from 'knex';
import { insertMovements, stockOfItems } from '../../data/stock';
import type { Basket } from '../../domain/basket';
import { stockDeltas } from '../../domain/stock';
import { refuse } from '../errors';
import type { SaleEffect, SaleNote, SalePolicy } from '../saleEffects';

/** Refusing a sale for stock is the configuration's choice; by default the figure goes below zero. */
const refusesShortStock = (policy: SalePolicy) => policy.stock?.allowNegative === false;

/**
 * What a ticket takes from the shelves, in its own transaction: one movement per stocked item
 * (what its lines sold, less what they took back), each moving the item's figure under its row
 * lock, in item order. A figure taken below zero is said to the cashier, or refuses the sale
 * when the configuration says so; either way two tills selling the last unit never both take
 * it from the same figure.
 */
export const stockEffect: SaleEffect = {
  name: 'stock',
  applies: (req) => req.basket.lines.some((l) => l.item.stocked !== false),
  async apply(trx: Knex.Transaction, sale): Promise<SaleNote[]> {
    const { request: req, insert } = sale;
    const moved = await insertMovements(trx, stockDeltas(insert.lines).map((d) => ({
      storeId: req.storeId, itemId: d.itemId, kind: d.qty < 0 ? 'sale' : 'return', qty: d.qty, saleId: sale.id, terminalId: req.terminalId, operatorId: req.operatorId,
      // Sold offline, sent later: the goods left the shelf when it was sold.
      at: req.offline?.soldAt ?? null,
    })));
    const name = (itemId: number) => insert.lines.find((l) => l.itemId === itemId)?.name ?? String(itemId);
    const short = moved.filter((m) => m.kind === 'sale' && m.qtyAfter < 0);
    if (short[0] && refusesShortStock(sale.policy)) refuse('stock.short', { name: name(short[0].itemId), left: short[0].qtyAfter - short[0].qty });
    return short.map((m) => ({ key: 'stock.note.negative', params: { name: name(m.itemId), qty: m.qtyAfter } }));
  },
  async beforePayment(db: Knex, basket: Basket, place, policy) {
    if (!refusesShortStock(policy)) return;
    const deltas = stockDeltas(basket.lines.filter((l) => l.item.stocked !== false).map((l) => ({ itemId: l.item.id, qty: l.qty })));
    const levels = await stockOfItems(db, place.storeId, deltas.map((d) => d.itemId));
    for (const d of deltas) {
      const level = levels.get(d.itemId);
      if (d.qty < 0 && level?.stocked && level.qty + d.qty < 0) refuse('stock.short', { name: level.name, left: level.qty });
    }
  },
};

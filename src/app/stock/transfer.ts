import type { Knex } from 'knex';
import { insertMovements } from '../../data/stock';
import { parseStockQty } from '../../domain/stock';
import { refuse } from '../errors';
import { checkReference, type StockPlace } from './book';
import { itemByCode, storeByCode } from './item';

/**
 * Goods sent to another store: out of this store's figure, into the other's, in one
 * transaction (two movements naming each other's store; the figures locked in store order).
 */
export async function transferStock(db: Knex, place: StockPlace, o: { code: string; qty: string; toStore: string; reference?: string }): Promise<{ sku: string; name: string; qty: number; fromAfter: number; toAfter: number; toStore: string }> {
  const read = parseStockQty(o.qty, 'receive');
  if ('error' in read) refuse(read.error, { text: o.qty.trim() });
  return db.transaction(async (trx) => {
    const item = await itemByCode(trx, o.code, { stocked: true });
    const to = await storeByCode(trx, o.toStore, place.storeId);
    if (to.id === place.storeId) refuse('stock.transferSameStore');
    const common = { itemId: item.id, kind: 'transfer' as const, terminalId: place.terminalId, operatorId: place.operatorId, reference: checkReference(o.reference) };
    const written = await insertMovements(trx, [
      { ...common, storeId: place.storeId, qty: -read.qty, otherStoreId: to.id },
      { ...common, storeId: to.id, qty: read.qty, otherStoreId: place.storeId },
    ]);
    const after = (storeId: number) => written.find((w) => w.storeId === storeId)!.qtyAfter;
    return { sku: item.sku, name: item.name, qty: read.qty, fromAfter: after(place.storeId), toAfter: after(to.id), toStore: to.code! };
  });
}

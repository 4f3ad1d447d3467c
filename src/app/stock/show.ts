import type { Db } from '../../data/db';
import { itemMovements, lowStock, stockList, stockOfItems, type MovementRecord, type StockRow } from '../../data/stock';
import { itemByCode } from './item';

/** An item's figure in a store, its thresholds, its last sale, and its latest movements (who, where, when). */
export async function showStock(db: Db, storeId: number, code: string, movements = 10): Promise<{ level: StockRow; movements: MovementRecord[] }> {
  const item = await itemByCode(db, code, { stocked: false });
  const level = (await stockOfItems(db, storeId, [item.id])).get(item.id)!;
  return { level, movements: await itemMovements(db, storeId, item.id, movements) };
}

/** Every stocked item's figure in a store, by SKU, a page at a time. */
export function allStock(db: Db, storeId: number, page: { limit: number; offset: number }): Promise<{ rows: StockRow[]; total: number }> {
  return stockList(db, storeId, page);
}

/** The items to reorder: at or under the threshold that applies in the store. */
export function lowStockOf(db: Db, storeId: number): Promise<StockRow[]> {
  return lowStock(db, storeId);
}

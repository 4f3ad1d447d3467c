import type { Db } from '../../data/db';
import { findStoreByCode } from '../../data/places';
import { stockItemsByCode, type StockItem } from '../../data/stock';
import { refuse } from '../errors';

/** An active item by SKU or barcode; one that is not stocked too, unless `stocked` is asked. */
export async function itemByCode(db: Db, code: string, opts: { stocked: boolean }): Promise<StockItem> {
  const text = code.trim();
  const item = text === '' ? undefined : (await stockItemsByCode(db, [text])).get(text);
  if (!item) refuse('item.unknownCode', { code: text });
  if (opts.stocked && !item.stocked) refuse('stock.notStocked', { sku: item.sku, name: item.name });
  return item;
}

/** A store by its code, or the one given when none is typed. */
export async function storeByCode(db: Db, code: string | undefined, otherwise: number): Promise<{ id: number; code: string | null }> {
  if (code === undefined) return { id: otherwise, code: null };
  const store = await findStoreByCode(db, code.trim().toUpperCase());
  if (!store) refuse('stock.storeUnknown', { code: code.trim() });
  return { id: store.id, code: store.code };
}

import type { Knex } from 'knex';
import { publishEvents } from '../../data/events';
import { setItemStocked, setItemThreshold, setStoreThreshold, stockOfItems } from '../../data/stock';
import { parseThreshold } from '../../domain/stock';
import { refuse } from '../errors';
import { itemByCode, storeByCode } from './item';

export interface ThresholdSet {
  sku: string;
  name: string;
  /** What was set: the item's threshold, or the store's (`store`). */
  threshold: number | null;
  store: string | null;
  /** What applies now in the till's store. */
  applies: number | null;
}

/**
 * An item's minimum threshold (every store), or a store's own over it; "-" takes it off (the
 * store's: the item's applies again). The tills are told at once: their keys and lines follow.
 */
export async function setThreshold(db: Knex, o: { code: string; threshold: string; storeCode?: string; tillStoreId: number }): Promise<ThresholdSet> {
  const read = parseThreshold(o.threshold);
  if ('error' in read) refuse(read.error, { text: o.threshold.trim() });
  return db.transaction(async (trx) => {
    const item = await itemByCode(trx, o.code, { stocked: true });
    const store = await storeByCode(trx, o.storeCode, o.tillStoreId);
    if (store.code === null) await setItemThreshold(trx, item.id, read.threshold);
    else await setStoreThreshold(trx, store.id, item.id, read.threshold);
    await publishEvents(trx, [{ kind: 'item', storeId: store.code === null ? null : store.id, subject: String(item.id), data: { threshold: read.threshold } }]);
    const level = (await stockOfItems(trx, o.tillStoreId, [item.id])).get(item.id)!;
    return { sku: item.sku, name: item.name, threshold: read.threshold, store: store.code, applies: level.threshold };
  });
}

/** Whether selling an item moves stock (no for a coffee served, a service, a gift card). */
export async function setStocked(db: Knex, code: string, stocked: boolean): Promise<{ sku: string; name: string; stocked: boolean }> {
  return db.transaction(async (trx) => {
    const item = await itemByCode(trx, code, { stocked: false });
    await setItemStocked(trx, item.id, stocked);
    await publishEvents(trx, [{ kind: 'item', subject: String(item.id), data: { stocked } }]);
    return { sku: item.sku, name: item.name, stocked };
  });
}

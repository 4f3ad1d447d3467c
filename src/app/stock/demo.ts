import type { Knex } from 'knex';
import { insertMovements } from '../../data/stock';

// The demo shop's stock: what is served on the spot (the snacking corner) is not stocked; every
// other item has a threshold of 5 and a first stock-take, a few of them already low so that the
// till shows "plus que 3" at once. Made once: loading the demo again leaves figures as they are.

/** Made to order, sold by the cup or the plate: no stock. */
const NOT_STOCKED_GROUPS = ['SNAK'];
const THRESHOLD = 5;
/**
 * Low from the start: the kouign-amann and the macarons, the AA batteries, the scented candles,
 * the cold coffee (the kouign-amann, the macarons and the cold coffee are on the demo's item keys).
 */
const LOW: Record<string, number> = { 'BOUL-025': 3, 'BOUL-019': 4, 'HYGI-021': 1, 'HYGI-024': 2, 'SOFT-014': 2 };

export async function seedDemoStock(trx: Knex.Transaction, storeCode: string, operatorCode: string): Promise<void> {
  const notStocked = trx('item_groups').whereIn('code', NOT_STOCKED_GROUPS).select('id');
  await trx('items').whereIn('group_id', notStocked).update({ stocked: false });
  const store = (await trx('stores').where('code', storeCode).first('id')) as { id: number };
  const operator = (await trx('operators').where('code', operatorCode).first('id')) as { id: number };
  // Items that never had a figure in the store: their threshold and their first count.
  const fresh = (await trx('items as i')
    .leftJoin('stock_levels as s', (j) => j.on('s.item_id', 'i.id').andOn('s.store_id', trx.raw('?', [store.id])))
    .whereNull('s.item_id').andWhere('i.stocked', true).andWhere('i.sku', '~', '^[A-Z]{4}-[0-9]{3}$')
    .orderBy('i.id').select('i.id', 'i.sku')) as { id: number; sku: string }[];
  if (fresh.length === 0) return;
  await trx('items').whereIn('id', fresh.map((i) => i.id)).whereNull('stock_threshold').update({ stock_threshold: THRESHOLD });
  await insertMovements(trx, fresh.map((item, n) => ({
    storeId: store.id, itemId: item.id, kind: 'count', counted: LOW[item.sku] ?? 12 + ((n * 37) % 48),
    terminalId: null, operatorId: operator.id, reference: 'démo',
  })));
}

// Stock at every store for the first items of the catalogue (a delivery received each, the
// level equal to it, the item's alert level as the store's): a start for stock screens and
// the alerts, not a history. The generated tickets move no stock (see generate.ts).
import type { Cell } from './copy';
import { pick } from './hash';
import { chainItem } from './items';
import type { ChainLayout } from './layout';

/** Items stocked per store: enough for the stock screens, little against the tickets. */
const STOCKED = 1000;

function* stocked(layout: ChainLayout): Generator<{ id: number; storeId: number; itemId: number; qty: number; threshold: number | null }> {
  const items = Math.min(STOCKED, layout.sizes.items);
  let id = layout.base.stock_movements;
  for (const storeId of layout.storeIds) {
    for (let n = 0; n < items; n++) {
      const it = chainItem(layout.base.items, n);
      yield { id: ++id, storeId, itemId: it.id, qty: 6 + pick(120, storeId * 4096 + n, 61), threshold: it.threshold };
    }
  }
}

export const STOCK_MOVE_COLUMNS = ['id', 'store_id', 'item_id', 'kind', 'qty', 'qty_after', 'operator_id', 'reference', 'at'];

export function* stockMoveRows(layout: ChainLayout): Generator<Cell[]> {
  const at = new Date(layout.now - 366 * 86_400_000).toISOString();
  for (const s of stocked(layout)) yield [s.id, s.storeId, s.itemId, 'receive', s.qty, s.qty, layout.operatorIds[0]!, 'BL-OUVERTURE', at];
}

export const STOCK_LEVEL_COLUMNS = ['store_id', 'item_id', 'qty', 'threshold', 'last_movement_id'];

export function* stockLevelRows(layout: ChainLayout): Generator<Cell[]> {
  for (const s of stocked(layout)) yield [s.storeId, s.itemId, s.qty, s.threshold, s.id];
}

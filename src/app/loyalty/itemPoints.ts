import type { Knex } from 'knex';
import { findItemByCode, searchItems } from '../../data/items';
import { itemLoyaltyPoints, itemsEarningPoints, setItemLoyaltyPoints, type ItemPoints } from '../../data/loyalty';
import { isValidGtin } from '../../domain/ean';
import type { CatalogItem } from '../../domain/item';
import { refuse } from '../errors';

export type { ItemPoints } from '../../data/loyalty';

/** What an item may earn per unit sold (the database's CHECK says the same). */
export const MAX_ITEM_POINTS = 100_000;

/** The items that earn points of their own, as many as a screen lists, and how many there are. */
export async function itemsWithPoints(db: Knex, limit = 500): Promise<{ rows: ItemPoints[]; total: number }> {
  return itemsEarningPoints(db, limit);
}

async function withPoints(db: Knex, items: readonly CatalogItem[]): Promise<ItemPoints[]> {
  const points = await itemLoyaltyPoints(db, items.map((i) => i.id));
  return items.map((i) => ({ id: i.id, sku: i.sku, barcode: i.barcode, name: i.name, points: points.get(i.id) ?? 0 }));
}

/**
 * The items on sale a barcode, a SKU or words of a name find, with the points each earns. As
 * at the till, digits that are no item's code are refused at once (a misread scan, a typo),
 * and a search needs two letters.
 */
export async function findItemsForPoints(db: Knex, text: string): Promise<ItemPoints[]> {
  const t = text.trim();
  if (!/\s/.test(t) && t !== '') {
    const item = await findItemByCode(db, t);
    if (item) return withPoints(db, [item]);
  }
  if (/^\d+$/.test(t)) {
    if (/^(\d{8}|\d{12,14})$/.test(t) && !isValidGtin(t)) refuse('item.badCheckDigit', { code: t });
    refuse('item.unknownCode', { code: t });
  }
  if (t.replace(/\s/g, '').length < 2) refuse('item.searchTooShort');
  const items = await searchItems(db, t, 50);
  if (items.length === 0) refuse('item.noMatch', { text: t });
  return withPoints(db, items);
}

/** The points an item earns per unit sold (0: none of its own), from the next sale on. */
export async function setItemPoints(db: Knex, sku: string, points: number): Promise<void> {
  if (!(Number.isInteger(points) && points >= 0 && points <= MAX_ITEM_POINTS)) refuse('loyalty.itemPointsInvalid');
  if (!(await setItemLoyaltyPoints(db, sku, points))) refuse('item.unknownCode', { code: sku });
}

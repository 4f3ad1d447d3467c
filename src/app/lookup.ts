import type { Db } from '../data/db';
import { findItemByCode, searchItems } from '../data/items';
import { isValidGtin } from '../domain/ean';
import { looksLikeCode } from '../domain/entry';
import type { CatalogItem } from '../domain/item';
import { refuse } from './errors';

export type Lookup = { kind: 'item'; item: CatalogItem } | { kind: 'choices'; items: CatalogItem[] };

/**
 * What the cashier typed or scanned: a barcode or SKU finds one item; words search names.
 * A digits-only code that is not found is refused at once (a bad scan must not start a search).
 */
export async function lookupEntry(db: Db, text: string): Promise<Lookup> {
  const t = text.trim();
  if (looksLikeCode(t)) {
    const item = await findItemByCode(db, t);
    if (item) return { kind: 'item', item };
    if (/^\d+$/.test(t)) {
      if (/^(\d{8}|\d{12,14})$/.test(t) && !isValidGtin(t)) refuse('item.badCheckDigit', { code: t });
      refuse('item.unknownCode', { code: t });
    }
  }
  if (t.replace(/\s/g, '').length < 2) refuse('item.searchTooShort');
  const items = await searchItems(db, t, 50);
  if (items.length === 0) refuse('item.noMatch', { text: t });
  if (items.length === 1) return { kind: 'item', item: items[0]! };
  return { kind: 'choices', items };
}

import type { Db } from '../data/db';
import type { Terminal } from '../data/places';
import { findItemByCode, searchItems } from '../data/items';
import type { Basket, BasketAction } from '../domain/basket';
import { CODE_SHAPE, normalizeCode } from '../domain/coupon/codes';
import { isValidGtin } from '../domain/ean';
import { looksLikeCode } from '../domain/entry';
import type { Lang } from '../domain/money';
import type { CatalogItem } from '../domain/item';
import type { MessageKey, Params } from '../i18n/messages';
import { refuse } from './errors';
import type { EntryContext, Lookup } from './entryResolver';
import { ENTRY_RESOLVERS } from './features';

export type { EntryContext, Lookup } from './entryResolver';

/**
 * What the cashier typed or scanned: a barcode or SKU finds one item, another known code does
 * what it is for, words search names. A digits-only code found nowhere is refused at once (a
 * bad scan must not start a search).
 */
export async function lookupEntry(db: Db, text: string, ctx: EntryContext): Promise<Lookup> {
  const t = text.trim();
  // A control character (NUL, ESC, a line break inside) is noise from a scanner or a paste, not
  // a code or a name; PostgreSQL would refuse a NUL outright, as a fault.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(t)) refuse('scan.unreadable');
  if (looksLikeCode(t)) {
    const item = await findItemByCode(db, t);
    if (item) return { kind: 'item', item };
  }
  if (!/\s/.test(t)) {
    for (const resolve of ENTRY_RESOLVERS) {
      const found = await resolve(db, t, ctx);
      if (found) return found;
    }
  }
  if (/^\d+$/.test(t)) {
    if (/^(\d{8}|\d{12,14})$/.test(t) && !isValidGtin(t)) refuse('item.badCheckDigit', { code: t });
    refuse('item.unknownCode', { code: t });
  }
  if (t.replace(/\s/g, '').length < 2) refuse('item.searchTooShort');
  const items = await searchItems(db, t, 50);
  // A word shaped like a code (an imported coupon code mistyped, CAVE-Z) is not just a name no item has.
  if (items.length === 0) refuse(CODE_SHAPE.test(normalizeCode(t)) ? 'entry.unknownCode' : 'item.noMatch', { text: t });
  if (items.length === 1) return { kind: 'item', item: items[0]! };
  return { kind: 'choices', items };
}

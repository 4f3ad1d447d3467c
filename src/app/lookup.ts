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
import { couponEntry } from './coupons/resolver';
import { customerCardResolver } from './customers/card';
import { scaleEntry } from './scaleEntry';
import { voucherEntry } from './vouchers/entry';

export type Lookup =
  | { kind: 'item'; item: CatalogItem }
  | { kind: 'choices'; items: CatalogItem[] }
  /** Something else the entry line recognised (a loyalty card, a coupon code…): what it does to the basket. */
  | { kind: 'action'; action: BasketAction; message: { key: MessageKey; params?: Params } };

export interface EntryContext {
  basket: Basket;
  terminal: Terminal;
  operatorId: number;
  /** The till's language, for labels a code puts on the ticket ("Remise client 5 %"); French if not said. */
  lang?: Lang;
  /** The shop's time zone, for codes valid on some days and hours only (coupons); the machine's if not said. */
  timeZone?: string;
}

/**
 * A kind of code the entry line knows besides items (customer cards, coupon codes, in-store
 * weight barcodes…): null when the code is not one of its own, a Lookup when it is, a Refusal
 * when it is but cannot be used now. Features add theirs to ENTRY_RESOLVERS; they are tried in
 * turn, after the catalog and before a name search.
 */
export type EntryResolver = (db: Db, code: string, ctx: EntryContext) => Promise<Lookup | null>;

export const ENTRY_RESOLVERS: EntryResolver[] = [scaleEntry, customerCardResolver, couponEntry, voucherEntry];

/**
 * What the cashier typed or scanned: a barcode or SKU finds one item, another known code does
 * what it is for, words search names. A digits-only code found nowhere is refused at once (a
 * bad scan must not start a search).
 */
export async function lookupEntry(db: Db, text: string, ctx: EntryContext): Promise<Lookup> {
  const t = text.trim();
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

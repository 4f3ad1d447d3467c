import type { Config } from '../config/schema';
import type { Db } from '../data/db';
import type { Terminal } from '../data/places';
import type { Basket, BasketAction } from '../domain/basket';
import type { Lang } from '../domain/money';
import type { CatalogItem } from '../domain/item';
import type { MessageKey, Params } from '../i18n/messages';

export type Lookup =
  | { kind: 'item'; item: CatalogItem }
  | { kind: 'choices'; items: CatalogItem[] }
  /** Something else the entry line recognised (a loyalty card, a coupon code…): what it does to the basket. */
  | { kind: 'action'; action: BasketAction; message: { key: MessageKey; params?: Params } }
  /** A gift card to sell: its value is asked, then its code unless a pre-printed card was scanned. */
  | { kind: 'giftCard'; code: string | null };

export interface EntryContext {
  basket: Basket;
  terminal: Terminal;
  operatorId: number;
  /** The till's language, for labels a code puts on the ticket ("Remise client 5 %"); French if not said. */
  lang?: Lang;
  /** The shop's time zone, for codes valid on some days and hours only (coupons); the machine's if not said. */
  timeZone?: string;
  /** This till's settings, for codes a feature configures (the shop's pre-printed gift cards). */
  config?: Config;
}

/**
 * A kind of code the entry line knows besides items (customer cards, coupon codes, in-store
 * weight barcodes…): null when the code is not one of its own, a Lookup when it is, a Refusal
 * when it is but cannot be used now. Features add theirs to ENTRY_RESOLVERS (features.ts); they are tried in
 * turn, after the catalog and before a name search.
 */
export type EntryResolver = (db: Db, code: string, ctx: EntryContext) => Promise<Lookup | null>;

import type { Config } from '../../config/schema';
import { nowOf } from '../../domain/clock';
import type { Db } from '../../data/db';
import { findGiftCardItem, soldCodes } from '../../data/giftCards';
import { defaultExpiry } from '../../data/vouchers';
import type { Basket } from '../../domain/basket';
import { GIFT_CARD_SKU, valueRefusal } from '../../domain/giftCard';
import { formatGiftCardCode, isPreprinted } from '../../domain/giftCardCode';
import type { CatalogItem } from '../../domain/item';
import type { Cents } from '../../domain/money';
import { refuse } from '../errors';
import { newGiftCardCode, readGiftCardCode } from './codes';

export interface CardToSell {
  valueCents: Cents;
  /** A pre-printed card's number as scanned or typed; null: the till makes a code. */
  code: string | null;
}

/** The value typed for a card, refused below the shop's minimum or above its ceiling. */
export function checkValue(config: Config, cents: Cents): void {
  const bad = valueRefusal(cents, config.giftCards.minCents, config.limits);
  if (bad) refuse(bad.error, {}, bad.money);
}

/**
 * A card that may be put on the ticket: one of the shop's pre-printed cards not sold yet, or a
 * new code. A pre-printed number is told apart from a typo by its check digit.
 */
export async function cardCode(db: Db, config: Config, text: string | null, basket: Basket): Promise<{ code: string; kind: 'generated' | 'preprinted' }> {
  if (text === null || text.trim() === '') return { code: newGiftCardCode(), kind: 'generated' };
  const read = readGiftCardCode(text);
  if (read.kind !== 'preprinted' || !isPreprinted(read.code, config.giftCards.preprinted)) refuse('giftCard.notPreprinted', { code: text.trim() });
  const shown = formatGiftCardCode(read.code);
  if (basket.lines.some((l) => l.item.giftCard?.code === read.code)) refuse('giftCard.twice', { code: shown });
  if ((await soldCodes(db, [read.code])).length > 0) refuse('giftCard.alreadySold', { code: shown });
  return read;
}

/**
 * The line of a card being sold, as a basket item: the card's value at a fixed price, outside
 * VAT, with its code and its last day (`giftCards.validityMonths` from today). Nothing is
 * written: the card is made by the sale's commit (effect.ts), or never.
 */
export async function giftCardItem(db: Db, config: Config, card: CardToSell, basket: Basket): Promise<CatalogItem> {
  checkValue(config, card.valueCents);
  const { code } = await cardCode(db, config, card.code, basket);
  const item = await findGiftCardItem(db, GIFT_CARD_SKU);
  if (!item) refuse('giftCard.noItem', { sku: GIFT_CARD_SKU });
  const expiry = await defaultExpiry(db, config.timeZone, config.giftCards.validityMonths, nowOf(config));
  return {
    id: item.id,
    sku: item.sku,
    barcode: null,
    name: `${item.name} ${formatGiftCardCode(code)}`,
    priceCents: card.valueCents,
    vatRateBp: 0,
    priceRule: { kind: 'fixed' },
    giftCard: { code, expiresOn: expiry.expiresOn, expiresAt: expiry.expiresAt.toISOString() },
  };
}

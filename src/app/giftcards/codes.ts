import { randomBytes } from 'node:crypto';
import type { Db } from '../../data/db';
import { findGiftCard } from '../../data/giftCards';
import { formatDay } from '../../domain/day';
import { spendRefusal, type GiftCard } from '../../domain/giftCard';
import { formatGiftCardCode, generateGiftCardCode, isPreprinted, parseGiftCardCode, type GiftCardCodeKind, type PreprintedCards } from '../../domain/giftCardCode';
import { refuse } from '../errors';

/** A new code from the system's cryptographic random source. */
export function newGiftCardCode(): string {
  return generateGiftCardCode(randomBytes);
}

/** The canonical code of what was typed or scanned; a typo is refused here, before any lookup. */
export function readGiftCardCode(text: string): { code: string; kind: GiftCardCodeKind } {
  const parsed = parseGiftCardCode(text);
  if ('error' in parsed) refuse(parsed.error, { code: text.trim() });
  return parsed;
}

/**
 * A card by what was typed or scanned, refused when mistyped or not found: a number of the
 * shop's pre-printed cards that no sale activated is said to be unsold, anything else unknown.
 */
export async function giftCardByCode(db: Db, text: string, cards: PreprintedCards): Promise<GiftCard> {
  const { code } = readGiftCardCode(text);
  const card = await findGiftCard(db, code);
  if (!card) refuse(isPreprinted(code, cards) ? 'giftCard.notSold' : 'giftCard.unknown', { code: formatGiftCardCode(code) });
  return card;
}

/** Refuses a card that cannot be spent now, saying why (used up, expired, cancelled). */
export function refuseUnspendable(card: GiftCard, now = new Date()): void {
  const why = spendRefusal(card, now);
  if (why) refuse(why, { code: formatGiftCardCode(card.code), date: formatDay(card.expiresOn) });
}

/**
 * Why a debit found nothing to take: the card is unknown, cannot be spent, or holds less than
 * asked (its balance as it is now is told: another till or the e-shop may have just used it).
 */
export async function refuseFailedDebit(db: Db, code: string): Promise<never> {
  const card = await findGiftCard(db, code);
  if (!card) refuse('giftCard.unknown', { code: formatGiftCardCode(code) });
  refuseUnspendable(card);
  refuse('giftCard.amountAboveBalance', { code: formatGiftCardCode(code) }, { balance: card.balanceCents });
}

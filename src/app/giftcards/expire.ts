import type { Knex } from 'knex';
import { expireDueCards } from '../../data/giftCards';
import type { Cents } from '../../domain/money';

/**
 * Marks the cards past their last day as expired and writes their balance off in the ledger
 * (breakage). Safe to run from cron, as often as wanted: a card is expired once.
 */
export async function expireGiftCards(db: Knex): Promise<{ cards: { code: string; amountCents: Cents }[]; totalCents: Cents }> {
  const cards = await expireDueCards(db);
  return { cards, totalCents: cards.reduce((s, c) => s + c.amountCents, 0) };
}

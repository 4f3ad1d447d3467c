import type { Knex } from 'knex';
import { dueGiftCardIds, expireGiftCardsById, giftCardCodesById } from '../../data/giftCards';
import type { Cents } from '../../domain/money';
import { batches, type OnProgress } from '../progress';

/** Cards per batch: each is a ledger row and a balance written by a trigger. */
const CARD_BATCH = 5000;

/**
 * Marks the cards past their last day as expired and writes their balance off in the ledger
 * (breakage). Safe to run from cron, as often as wanted: a card is expired once. One
 * transaction, written in batches told to onProgress.
 */
export async function expireGiftCards(db: Knex, onProgress?: OnProgress): Promise<{ cards: { code: string; amountCents: Cents }[]; totalCents: Cents }> {
  return db.transaction(async (trx) => {
    const due = await dueGiftCardIds(trx);
    const written = new Map<number, Cents>();
    for (const { start, end } of batches(due.length, CARD_BATCH)) {
      for (const [id, cents] of await expireGiftCardsById(trx, due.slice(start, end))) written.set(id, cents);
      onProgress?.(end, due.length);
    }
    const cards = (await giftCardCodesById(trx, [...written.keys()])).map((c) => ({ code: c.code, amountCents: written.get(c.id)! }));
    return { cards, totalCents: cards.reduce((s, c) => s + c.amountCents, 0) };
  });
}

import type { Db } from '../../data/db';
import { giftCardMovements } from '../../data/giftCards';
import type { GiftCard, GiftCardMovement } from '../../domain/giftCard';
import type { PreprintedCards } from '../../domain/giftCardCode';
import { giftCardByCode } from './codes';

/** A card and every movement of it, by what was typed or scanned (a balance enquiry, `pos giftcard show`). */
export async function showGiftCard(db: Db, text: string, cards: PreprintedCards): Promise<{ card: GiftCard; movements: GiftCardMovement[] }> {
  const card = await giftCardByCode(db, text, cards);
  return { card, movements: await giftCardMovements(db, card.id) };
}

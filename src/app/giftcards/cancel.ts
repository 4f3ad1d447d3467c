import { isManager } from '../session';
import type { Knex } from 'knex';
import { insertAudit } from '../../data/audit';
import { cancelGiftCardRow } from '../../data/giftCards';
import type { Terminal } from '../../data/places';
import type { GiftCard } from '../../domain/giftCard';
import type { PreprintedCards } from '../../domain/giftCardCode';
import { refuse } from '../errors';
import type { Operator } from '../session';
import { giftCardByCode, readGiftCardCode, refuseUnspendable } from './codes';

/**
 * Cancels what is left on a card (a card reported stolen, sold by mistake), by a manager; the
 * ledger keeps the amount written off and the audit log the manager. A used, expired or
 * cancelled card is refused with its reason.
 */
export async function cancelGiftCard(db: Knex, cards: PreprintedCards, o: { code: string; manager: Operator; terminal: Terminal | null; reason?: string }): Promise<{ card: GiftCard; cancelledCents: number }> {
  if (!isManager(o.manager)) refuse('approval.notManager', { name: o.manager.name });
  const { code } = readGiftCardCode(o.code);
  const note = (o.reason ?? '').trim().slice(0, 200);
  const done = await db.transaction(async (trx) => {
    const row = await cancelGiftCardRow(trx, code, { operatorId: o.manager.id, storeId: o.terminal?.storeId ?? null, terminalId: o.terminal?.id ?? null, note });
    if (row) {
      await insertAudit(trx, [{
        action: 'gift_card_cancel', terminalId: o.terminal?.id ?? null, operatorId: o.manager.id, approverId: o.manager.id,
        details: { code, cancelled_cents: row.cancelledCents, reason: note },
      }]);
    }
    return row;
  });
  const card = await giftCardByCode(db, code, cards);
  if (!done) refuseUnspendable(card);
  return { card, cancelledCents: done!.cancelledCents };
}

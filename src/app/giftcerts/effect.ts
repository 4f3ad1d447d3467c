import type { Knex } from 'knex';
import { insertUseRow, lockUse } from '../../data/giftcerts';
import { canAttach, maskCode } from '../../domain/giftcert';
import { refuse } from '../errors';
import type { SaleEffect, SaleNote } from '../saleEffects';
import { stateOf, useOrRefuse } from './uses';

/** The use a tender carries (the debit made when the cashier confirmed it, or one attached by its number). */
export function useIdOf(data: Record<string, unknown> | undefined): number | null {
  const id = Number(data?.useId);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * A ticket paid with e-shop gift certificates, in the sale's transaction: the money was taken
 * from each certificate before (when the cashier confirmed it, debit.ts); here each debit is
 * linked to the ticket (`sale` row), under the use's lock, whole, once. A debit given back
 * meanwhile (`pos giftcert pending`), already on a ticket, or of another amount refuses the
 * sale, which rolls back whole. A certificate is never credited by a refund: a refund's
 * tender of this kind is refused here as on the payment screen.
 */
export const giftcertEffect: SaleEffect = {
  name: 'giftcerts',
  applies: (req) => req.payment.tenders.some((t) => t.kind === 'giftcert'),
  async apply(trx: Knex.Transaction, sale): Promise<SaleNote[]> {
    const { request: req } = sale;
    const notes: SaleNote[] = [];
    for (const t of req.payment.tenders) {
      if (t.kind !== 'giftcert') continue;
      if (t.amountCents < 0) refuse('giftcert.noRefundOnto');
      const useId = useIdOf(t.data);
      if (useId === null) refuse('giftcert.notDebited');
      await lockUse(trx, useId);
      const rows = await useOrRefuse(trx, useId);
      const state = stateOf(rows);
      if (!canAttach(state)) refuse(`giftcert.use.${state}`, { use: useId });
      const head = rows[0]!;
      if (head.amountCents !== t.amountCents) refuse('giftcert.attachWhole', { use: useId }, { amount: head.amountCents! });
      if (head.storeId !== req.storeId) refuse('giftcert.otherStore', { use: useId });
      await insertUseRow(trx, { useId, kind: 'sale', saleId: sale.id, storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId });
      const after = rows.find((r) => r.kind === 'debited')?.balanceAfterCents ?? null;
      if (after !== null) notes.push({ key: 'giftcert.note.balance', params: { code: maskCode(head.codeLast4!) }, money: { balance: after } });
    }
    return notes;
  },
};

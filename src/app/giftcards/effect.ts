import type { Knex } from 'knex';
import { creditGiftCard, debitGiftCard, findGiftCard, insertSoldCards, isCodeTaken, lockGiftCards, soldCodes, type SoldCard } from '../../data/giftCards';
import type { Basket } from '../../domain/basket';
import { formatDay } from '../../domain/day';
import { formatGiftCardCode, parseGiftCardCode } from '../../domain/giftCardCode';
import type { Tender } from '../../domain/tender';
import { canonicalCode } from '../../domain/voucherCode';
import { refuse } from '../errors';
import type { CommittedSale, SaleEffect, SaleNote } from '../saleEffects';
import { refuseFailedDebit, refuseUnspendable } from './codes';

/** The cards a basket sells. */
function cardsSold(basket: Basket): string[] {
  return basket.lines.flatMap((l) => (l.item.giftCard ? [l.item.giftCard.code] : []));
}

/** The payment screen and `sale create` only put codes they found on a tender. */
function canonical(t: Tender): string {
  return canonicalCode(t.ref ?? '');
}

/** "Key (code)=(9250…) already exists.": the card another till sold meanwhile. */
function takenCode(error: unknown, codes: readonly string[]): string {
  const m = /\(code\)=\(([^)]+)\)/.exec(String((error as { detail?: string }).detail ?? ''));
  return m?.[1] ?? codes[0] ?? '';
}

/** Each card sold by the ticket, made active with its `sold` row; one sold meanwhile by another till refuses the sale. */
async function sell(trx: Knex.Transaction, sale: CommittedSale): Promise<SaleNote[]> {
  const req = sale.request;
  const cards: SoldCard[] = [];
  req.basket.lines.forEach((l, i) => {
    const card = l.item.giftCard;
    if (!card) return;
    const parsed = parseGiftCardCode(card.code);
    if ('error' in parsed) throw new Error(`gift card line with a bad code: ${card.code}`);
    cards.push({
      code: parsed.code, kind: parsed.kind, amountCents: sale.insert.lines[i]!.totalCents, saleId: sale.id, lineNo: i + 1,
      storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId, expiresOn: card.expiresOn, expiresAt: new Date(card.expiresAt),
    });
  });
  if (cards.length === 0) return [];
  const codes = cards.map((c) => c.code);
  const taken = await soldCodes(trx, codes);
  if (taken.length > 0) refuse('giftCard.alreadySold', { code: formatGiftCardCode(taken[0]!) });
  try {
    await insertSoldCards(trx, cards);
  } catch (error) {
    // Sold by another till between the check and this statement.
    if (isCodeTaken(error)) refuse('giftCard.alreadySold', { code: formatGiftCardCode(takenCode(error, codes)) });
    throw error;
  }
  return cards.map((c) => ({ key: 'giftCard.note.sold', params: { code: formatGiftCardCode(c.code), date: formatDay(c.expiresOn) }, money: { amount: c.amountCents } }));
}

/**
 * Each card the ticket is paid with, debited once by what this ticket takes from it (its
 * tenders added up), by the conditional statement, the cards locked in id order first when
 * there are several. One that no longer holds the amount refuses the sale, which rolls back whole.
 */
async function spend(trx: Knex.Transaction, sale: CommittedSale): Promise<SaleNote[]> {
  const req = sale.request;
  const debits = new Map<string, number>();
  for (const t of req.payment.tenders) {
    if (t.kind === 'gift_card' && t.amountCents > 0) debits.set(canonical(t), (debits.get(canonical(t)) ?? 0) + t.amountCents);
  }
  if (debits.size > 1) await lockGiftCards(trx, [...debits.keys()]);
  const notes: SaleNote[] = [];
  for (const [code, amountCents] of debits) {
    const done = await debitGiftCard(trx, {
      code, amountCents, channel: 'store', storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId,
      saleId: sale.id, orderRef: null, apiKeyId: null, idempotencyKey: null,
    });
    if (!done) await refuseFailedDebit(trx, code);
    const shown = formatGiftCardCode(code);
    notes.push(done!.balanceAfterCents > 0 ? { key: 'giftCard.note.balance', params: { code: shown }, money: { balance: done!.balanceAfterCents } } : { key: 'giftCard.note.usedUp', params: { code: shown } });
  }
  return notes;
}

/** What a refund pays out onto cards: each credited (`refunded`), refused if it expired or was cancelled meanwhile. */
async function refund(trx: Knex.Transaction, sale: CommittedSale): Promise<SaleNote[]> {
  const req = sale.request;
  const notes: SaleNote[] = [];
  for (const t of req.payment.tenders) {
    if (t.kind !== 'gift_card' || t.amountCents >= 0) continue;
    const code = canonical(t);
    const done = await creditGiftCard(trx, { code, amountCents: -t.amountCents, channel: 'store', storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId, saleId: sale.id, orderRef: null, apiKeyId: null, idempotencyKey: null });
    if (!done) {
      const card = await findGiftCard(trx, code);
      if (!card) refuse('giftCard.unknown', { code: formatGiftCardCode(code) });
      refuseUnspendable(card);
      throw new Error(`gift card ${code} not credited`);
    }
    notes.push({ key: 'giftCard.note.refunded', params: { code: formatGiftCardCode(code) }, money: { amount: -t.amountCents, balance: done.balanceAfterCents } });
  }
  return notes;
}

/**
 * What a ticket does to gift cards, in its transaction: the cards it sells become active (a
 * ticket never committed sells none), the cards it is paid with are debited, a refund paid onto
 * a card credits it. Each change is a ledger row naming the ticket, store, till and operator.
 */
export const giftCardEffect: SaleEffect = {
  name: 'giftCards',
  applies: (req) => cardsSold(req.basket).length > 0 || req.payment.tenders.some((t) => t.kind === 'gift_card'),
  async apply(trx, sale) {
    return [...(await sell(trx, sale)), ...(await spend(trx, sale)), ...(await refund(trx, sale))];
  },
  // A pre-printed card sold by another till since it was scanned here is said before the customer pays.
  async beforePayment(db, basket) {
    const taken = await soldCodes(db, cardsSold(basket));
    if (taken.length > 0) refuse('giftCard.alreadySold', { code: formatGiftCardCode(taken[0]!) });
  },
};

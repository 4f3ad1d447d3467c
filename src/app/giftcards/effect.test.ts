import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import { findItemByCode } from '../../data/items';
import { basketReducer, basketTotals, openBasket, type Basket } from '../../domain/basket';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { checkSymbol } from '../../domain/voucherCode';
import { outcomes, race } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { crossedDebits } from '../../testing/crossedDebits';
import { useTestTill } from '../../testing/till';
import { preprintedNumber, sellGiftCard } from '../../testing/giftCards';
import { ledgerMismatches } from '../../testing/ledgers';
import { checkBeforePayment } from '../beforePayment';
import { commitSale, type SaleRequest } from '../commitSale';
import { Refusal } from '../errors';
import type { Operator } from '../session';
import { type Till } from '../till';
import { cancelGiftCard } from './cancel';
import { giftCardItem, type CardToSell } from './sell';

const BORDEAUX = 'CAVE-001'; // 8,99 €, VAT 20 %
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

// The gift card effect of commitSale (giftcards/effect.ts), on what giftCards.test.ts leaves
// unsaid: which card a refusal names when a ticket sells several, two tickets paying with the
// same two cards in opposite orders, what each note says, a refund onto a card cancelled or
// expired since the payment screen found it, and the check before payment.
describe('gift card effect at commit against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  async function basketWith(bottles: number, cards: CardToSell[]): Promise<Basket> {
    let basket = openBasket(randomUUID(), till.config.limits);
    const add = (a: Parameters<typeof basketReducer>[1]) => {
      const r = basketReducer(basket, a);
      if ('error' in r) throw new Refusal(r.error);
      basket = r.basket;
    };
    if (bottles !== 0) add({ type: 'add', item: (await findItemByCode(till.db, BORDEAUX))!, qty: bottles });
    for (const c of cards) add({ type: 'add', item: await giftCardItem(till.db, till.config, c, basket), qty: 1, merge: false });
    return basket;
  }

  /** A request as the payment screen hands it over: tenders as given, no change. */
  function request(basket: Basket, tenders: SaleRequest['payment']['tenders'], terminal = till.terminal): SaleRequest {
    return { terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket, payment: { totalCents: basketTotals(basket).totalCents, tenders } };
  }

  /** The card's balance and its ledger rows, oldest first. */
  async function card(code: string) {
    const row = await till.db('gift_cards').where('code', code).first('id', 'balance_cents', 'status');
    const moves = await till.db('gift_card_movements').where('gift_card_id', row.id).orderBy('id').select('kind', 'amount_cents', 'sale_id');
    return { balance: Number(row.balance_cents), status: row.status as string, moves: moves.map((m) => [m.kind, Number(m.amount_cents), m.sale_id === null ? null : Number(m.sale_id)]) };
  }

  const salesCount = async () => Number((await till.db('sales').count({ n: '*' }))[0]!.n);

  it('names the card another till sold first, not the ticket’s first card, when both sell it at once', async () => {
    const shared = preprintedNumber();
    const t02 = (await till.db('terminals').where('code', 'T02').first('id', 'store_id', 'code')) as { id: number; store_id: number; code: string };
    const other = openDb({ url: testDb().url, poolMax: 2 });
    // Each ticket sells a card of its own first, then the same pre-printed card.
    const first = await basketWith(0, [{ valueCents: 10_00, code: null }, { valueCents: 20_00, code: shared }]);
    const second = await basketWith(0, [{ valueCents: 15_00, code: null }, { valueCents: 40_00, code: shared }]);
    try {
      const { won, lost } = outcomes(await race(testDb(), { before: 'INSERT', table: 'gift_cards' }, [
        () => commitSale(till.db, request(first, [{ kind: 'card', amountCents: 30_00 }])),
        () => commitSale(other, request(second, [{ kind: 'card', amountCents: 55_00 }], { ...till.terminal, id: t02.id, code: t02.code })),
      ]));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(Refusal);
      expect(lost[0]).toMatchObject({ key: 'giftCard.alreadySold', params: { code: formatGiftCardCode(shared) } });
    } finally {
      await other.destroy();
    }
    expect(await till.db('gift_cards').where('code', shared)).toHaveLength(1);
    // The loser's own new card was never sold.
    const own = [first, second].map((b) => b.lines[0]!.item.giftCard!.code);
    expect(await till.db('gift_cards').whereIn('code', own)).toHaveLength(1);
  });

  it('lets two tickets paid with the same two cards, named in opposite orders, both go through', async () => {
    const a = await sellGiftCard(till, 50_00);
    const b = await sellGiftCard(till, 50_00);
    await crossedDebits(testDb(), till, { kind: 'gift_card', ledger: 'gift_card_movements', codes: [a, b], basket: () => basketWith(2, []), sku: BORDEAUX });
    expect((await card(a)).balance).toBe(50_00 - 10_00 - 7_98);
    expect((await card(b)).balance).toBe(50_00 - 7_98 - 10_00);
  });

  it('debits a card named on two tenders once, by their sum, and says what is left or that it is used up, naming the card', async () => {
    const code = await sellGiftCard(till, 30_00);
    const shown = formatGiftCardCode(code);
    const { sale, notes } = await commitSale(till.db, request(await basketWith(2, []), [
      { kind: 'gift_card', amountCents: 5_00, ref: shown }, { kind: 'cash', amountCents: 2_98 }, { kind: 'gift_card', amountCents: 10_00, ref: code },
    ]));
    expect(notes).toEqual([{ key: 'giftCard.note.balance', params: { code: shown }, money: { balance: 15_00 } }]);
    expect(await card(code)).toEqual({ balance: 15_00, status: 'active', moves: [['sold', 30_00, expect.any(Number)], ['spent', -15_00, sale.id]] });
    const last = await commitSale(till.db, request(await basketWith(2, []), [{ kind: 'gift_card', amountCents: 15_00, ref: code }, { kind: 'card', amountCents: 2_98 }]));
    expect(last.notes).toEqual([{ key: 'giftCard.note.usedUp', params: { code: shown } }]);
    expect(await card(code)).toMatchObject({ balance: 0, status: 'used' });
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('credits a refund onto a card with a note naming it, and refuses one onto a card cancelled, expired or unknown since it was found, writing nothing', async () => {
    const good = await sellGiftCard(till, 20_00);
    const refund = async (code: string) => request(await basketWith(-1, []), [{ kind: 'gift_card', amountCents: -8_99, ref: formatGiftCardCode(code) }]);
    const back = await commitSale(till.db, await refund(good));
    expect(back.notes).toEqual([{ key: 'giftCard.note.refunded', params: { code: formatGiftCardCode(good) }, money: { amount: 8_99, balance: 28_99 } }]);
    expect(await card(good)).toMatchObject({ balance: 28_99, moves: [['sold', 20_00, expect.any(Number)], ['refunded', 8_99, back.sale.id]] });
    // Part onto the card, the rest in cash: only the card's part is credited.
    const split = await commitSale(till.db, request(await basketWith(-1, []), [{ kind: 'gift_card', amountCents: -5_00, ref: good }, { kind: 'cash', amountCents: -3_99 }]));
    expect(split.notes).toEqual([{ key: 'giftCard.note.refunded', params: { code: formatGiftCardCode(good) }, money: { amount: 5_00, balance: 33_99 } }]);
    expect((await card(good)).moves.at(-1)).toEqual(['refunded', 5_00, split.sale.id]);

    // Found by the payment screen, then cancelled by a manager before the refund was committed.
    const cancelled = await sellGiftCard(till, 20_00);
    const toCancelled = await refund(cancelled);
    await cancelGiftCard(till.db, till.config.giftCards.preprinted, { code: cancelled, manager: MANAGER, terminal: till.terminal });
    // Past its last day meanwhile.
    const expired = await sellGiftCard(till, 20_00);
    const toExpired = await refund(expired);
    await testDb().owner.raw("UPDATE gift_cards SET created_at = '2025-01-10T10:00:00+01', expires_on = '2026-01-31', expires_at = '2026-02-01T00:00:00+01' WHERE code = ?", [expired]);
    // A well-formed code of no card (a request made elsewhere).
    const stranger = 'ZZZZZZZZZZZZZZY';
    const unknown = stranger + checkSymbol(stranger);
    const toUnknown = request(await basketWith(-1, []), [{ kind: 'gift_card', amountCents: -8_99, ref: unknown }]);

    const before = await salesCount();
    await expect(commitSale(till.db, toCancelled)).rejects.toMatchObject({ key: 'giftCard.cancelled', params: { code: formatGiftCardCode(cancelled) } });
    await expect(commitSale(till.db, toExpired)).rejects.toMatchObject({ key: 'giftCard.expired', params: { code: formatGiftCardCode(expired), date: '31/01/2026' } });
    await expect(commitSale(till.db, toUnknown)).rejects.toMatchObject({ key: 'giftCard.unknown', params: { code: formatGiftCardCode(unknown) } });
    expect(await salesCount()).toBe(before);
    expect((await card(cancelled)).moves.map((m) => m[0])).toEqual(['sold', 'cancelled']);
    expect((await card(expired)).moves.map((m) => m[0])).toEqual(['sold']);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('tells the cashier each card sold: its code, value and last day', async () => {
    const code = preprintedNumber();
    const basket = await basketWith(1, [{ valueCents: 25_00, code }, { valueCents: 12_00, code: null }]);
    const made = basket.lines[2]!.item.giftCard!;
    const { notes } = await commitSale(till.db, request(basket, [{ kind: 'card', amountCents: 45_99 }]));
    const day = (iso: string) => iso.split('-').reverse().join('/');
    expect(notes).toEqual([
      { key: 'giftCard.note.sold', params: { code: formatGiftCardCode(code), date: day(basket.lines[1]!.item.giftCard!.expiresOn) }, money: { amount: 25_00 } },
      { key: 'giftCard.note.sold', params: { code: formatGiftCardCode(made.code), date: day(made.expiresOn) }, money: { amount: 12_00 } },
    ]);
  });

  it('says before payment that a pre-printed card scanned here was sold by another till since', async () => {
    const code = preprintedNumber();
    const free = preprintedNumber();
    const basket = await basketWith(1, [{ valueCents: 25_00, code: free }, { valueCents: 30_00, code }]);
    const place = { storeId: till.terminal.storeId, terminalId: till.terminal.id };
    await checkBeforePayment(till.db, basket, place);
    // Another till sells the same card first.
    await commitSale(till.db, request(await basketWith(0, [{ valueCents: 30_00, code }]), [{ kind: 'card', amountCents: 30_00 }]));
    await expect(checkBeforePayment(till.db, basket, place)).rejects.toMatchObject({ key: 'giftCard.alreadySold', params: { code: formatGiftCardCode(code) } });
    // At commit too, and the other card of the ticket stays unsold.
    await expect(commitSale(till.db, request(basket, [{ kind: 'card', amountCents: 63_99 }]))).rejects.toMatchObject({ key: 'giftCard.alreadySold', params: { code: formatGiftCardCode(code) } });
    expect(await till.db('gift_cards').where('code', free)).toHaveLength(0);
  });
});


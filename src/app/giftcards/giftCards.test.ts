import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import { findItemByCode } from '../../data/items';
import { basketReducer, basketTotals, openBasket, type Basket } from '../../domain/basket';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { renderText } from '../../domain/receipt';
import { settle, type Tender } from '../../domain/tender';
import { outcomes, race, type Racer } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { useTestTill } from '../../testing/till';
import { preprintedNumber, sellGiftCard } from '../../testing/giftCards';
import { ledgerMismatches } from '../../testing/ledgers';
import { commitSale } from '../commitSale';
import { createSale, type SaleOrder } from '../createSale';
import { Refusal } from '../errors';
import { receiptDoc } from '../receipts';
import type { Operator } from '../session';
import type { TenderContext } from '../tenderProviders';
import { type Till } from '../till';
import { showGiftCard } from './browse';
import { cancelGiftCard } from './cancel';
import { expireGiftCards } from './expire';
import { redeemGiftCard } from './redeem';
import { giftCardItem, type CardToSell } from './sell';
import { giftCardTender } from './tender';

const BORDEAUX = 'CAVE-001'; // 8,99 €, VAT 20 %
const BAGUETTE = 'BOUL-001'; // 1,30 €, VAT 5,5 %
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };
const CASHIER: Operator = { id: 1, code: '1', name: 'Camille', role: 'cashier' };

const preprinted = preprintedNumber;

/** What the ledger says a card holds, beside its balance column. */
async function books(db: Knex, code: string) {
  const card = await db('gift_cards').where('code', code).first('id', 'balance_cents', 'status');
  const [row] = await db('gift_card_movements').where('gift_card_id', card.id).sum({ sum: 'amount_cents' });
  return { balance: card.balance_cents as number, ledger: Number(row!.sum), status: card.status as string };
}

describe('gift cards against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  /** A basket as the sale screen fills it: items, then cards through the gift card prompt. */
  async function basketWith(lines: { code: string; qty?: number }[], cards: CardToSell[]): Promise<Basket> {
    let basket = openBasket(randomUUID(), till.config.limits);
    const add = (item: Parameters<typeof basketReducer>[1] & { type: 'add' }) => {
      const r = basketReducer(basket, item);
      if ('error' in r) throw new Refusal(r.error);
      basket = r.basket;
    };
    for (const l of lines) add({ type: 'add', item: (await findItemByCode(till.db, l.code))!, qty: l.qty ?? 1 });
    for (const c of cards) add({ type: 'add', item: await giftCardItem(till.db, till.config, c, basket), qty: 1, merge: false });
    return basket;
  }

  /** Commits a basket paid as given (by card for the whole total if nothing is said), on T01 or another till. */
  async function commit(basket: Basket, tenders?: { kind: Tender['kind']; cents: number; ref?: string }[], db: Knex = till.db, terminal = till.terminal) {
    const total = basketTotals(basket).totalCents;
    const settled = settle(total, tenders ?? [{ kind: 'card', cents: total }]);
    if ('error' in settled) throw new Refusal(settled.error);
    return commitSale(db, { terminalId: terminal.id, storeId: terminal.storeId, operatorId: CASHIER.id, basket, payment: settled.payment });
  }

  const sellCard = (valueCents: number) => sellGiftCard(till, valueCents);

  const sale = (o: Partial<SaleOrder>) => createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });
  const cards = () => till.config.giftCards.preprinted;
  const web = (code: string, amountCents: number, extra: { idempotencyKey?: string; orderRef?: string } = {}) =>
    redeemGiftCard(till.db, { code, amountCents, channel: 'web', orderRef: extra.orderRef ?? `CMD-${randomUUID().slice(0, 8)}`, idempotencyKey: extra.idempotencyKey ?? randomUUID(), storeId: till.terminal.storeId });

  it('sells two cards with an item on one ticket: active once committed, outside VAT, each a `sold` row, and their slips on the receipt', async () => {
    const code = preprinted();
    const basket = await basketWith([{ code: BORDEAUX }], [{ valueCents: 50_00, code: formatGiftCardCode(code) }, { valueCents: 20_00, code: null }]);
    const made = basket.lines[2]!.item.giftCard!.code;
    // Nothing exists before the commit: the card scanned is unsold, the new code unknown.
    await expect(showGiftCard(till.db, code, cards())).rejects.toMatchObject({ key: 'giftCard.notSold' });
    await expect(showGiftCard(till.db, made, cards())).rejects.toMatchObject({ key: 'giftCard.unknown' });

    const { sale: ticket, notes } = await commit(basket);
    expect(ticket.totalCents).toBe(899 + 5000 + 2000);
    expect(notes.map((n) => n.key)).toEqual(['giftCard.note.sold', 'giftCard.note.sold']);
    const lines = await till.db('sale_lines').where('sale_id', ticket.id).orderBy('line_no');
    expect(lines.map((l) => [l.sku, l.gift_card_code, l.vat_rate_bp, Number(l.total_cents)])).toEqual([
      ['CAVE-001', null, 2000, 899], ['CADEAU', code, 0, 5000], ['CADEAU', made, 0, 2000],
    ]);
    // The VAT rows are the wine's alone: the cards are money received, not a supply.
    expect(await till.db('sale_vat').where('sale_id', ticket.id).select('rate_bp', 'gross_cents')).toEqual([{ rate_bp: 2000, gross_cents: 899 }]);

    const { card, movements } = await showGiftCard(till.db, formatGiftCardCode(code).replace(/ /g, '-'), cards());
    expect(card).toMatchObject({ kind: 'preprinted', initialCents: 5000, balanceCents: 5000, status: 'active', storeCode: 'M01', terminalCode: 'T01' });
    const days = (new Date(`${card.expiresOn}T12:00:00Z`).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(368);
    expect(movements).toMatchObject([{ kind: 'sold', amountCents: 5000, balanceAfterCents: 5000, channel: 'store', storeCode: 'M01', terminalCode: 'T01', operatorName: 'Camille', ticket: card.ticket }]);
    expect((await showGiftCard(till.db, made, cards())).card).toMatchObject({ kind: 'generated', balanceCents: 2000 });

    const receipt = renderText((await receiptDoc(till.db, till.config, ticket)).blocks, 42);
    expect(receipt).toMatch(/Hors champ TVA \(cartes cadeaux\)\s+70,00 €/);
    expect(receipt.match(/CARTE CADEAU/g)).toHaveLength(2);
    expect(receipt).toContain(formatGiftCardCode(made));
    expect(receipt).toContain(`[QR ${made}]`);
    expect(receipt).toContain(`|| ${code} ||`);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('sells nothing when the ticket is never committed, or is refused as a whole', async () => {
    const code = preprinted();
    const basket = await basketWith([{ code: BAGUETTE }], [{ valueCents: 30_00, code }]);
    // The customer left: the ticket was cancelled, never committed.
    await expect(showGiftCard(till.db, code, cards())).rejects.toMatchObject({ key: 'giftCard.notSold' });
    // A ticket refused at commit (a card it is paid with spent meanwhile) leaves its card unsold too.
    const payer = await sellCard(10_00);
    await web(payer, 9_00);
    const refused = commit(basket, [{ kind: 'gift_card', cents: 10_00, ref: formatGiftCardCode(payer) }, { kind: 'cash', cents: 21_30 }]);
    await expect(refused).rejects.toMatchObject({ key: 'giftCard.amountAboveBalance', money: { balance: 100 } });
    await expect(showGiftCard(till.db, code, cards())).rejects.toMatchObject({ key: 'giftCard.notSold' });
    expect(await till.db('sales').where('idempotency_key', basket.key)).toHaveLength(0);
    // Sold once for good, it cannot be sold again, on this till or another.
    await commit(basket);
    await expect(basketWith([], [{ valueCents: 30_00, code }])).rejects.toMatchObject({ key: 'giftCard.alreadySold' });
  });

  it('is spent in another sale: partly, the rest in cash; the goods keep their VAT; the balance is printed', async () => {
    const code = await sellCard(25_00);
    const shown = formatGiftCardCode(code);
    const spent = await sale({ lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'gift_card', cents: 10_00, ref: shown }, { kind: 'cash', cents: 7_98 }] });
    expect(spent.notes).toMatchObject([{ key: 'giftCard.note.balance', params: { code: shown }, money: { balance: 15_00 } }]);
    // A gift card paid part of it: the VAT base is the whole price of the goods.
    expect(spent.sale.vat).toEqual([{ rateBp: 2000, grossCents: 1798, vatCents: 300, netCents: 1498 }]);
    expect(await books(till.db, code)).toEqual({ balance: 15_00, ledger: 15_00, status: 'active' });
    const { movements } = await showGiftCard(till.db, code, cards());
    expect(movements.at(-1)).toMatchObject({ kind: 'spent', amountCents: -10_00, balanceAfterCents: 15_00, channel: 'store', terminalCode: 'T01', operatorName: 'Camille' });
    const receipt = renderText((await receiptDoc(till.db, till.config, spent.sale)).blocks, 42);
    expect(receipt).toMatch(new RegExp(`Solde carte ${shown}\\s+15,00 €`));
    expect(receipt).toMatch(/valable jusqu’au \d\d\/\d\d\/\d{4}/);
    // The whole balance when it is less than what is due, the rest by card.
    const rest = await sale({ lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'gift_card', cents: 15_00, ref: code }, { kind: 'card', cents: 2_98 }] });
    expect(rest.notes).toMatchObject([{ key: 'giftCard.note.usedUp' }]);
    expect(await books(till.db, code)).toEqual({ balance: 0, ledger: 0, status: 'used' });
    await expect(sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 1_30, ref: code }] })).rejects.toMatchObject({ key: 'giftCard.used' });
  });

  it('takes several cards on one ticket, each only for what it pays, and never one card twice over its balance', async () => {
    const a = await sellCard(10_00);
    const b = await sellCard(30_00);
    // 4 × 8,99 = 35,96: all of A, 20 € of B, the rest in cash. B keeps 10 €.
    const r = await sale({ lines: [{ code: BORDEAUX, qty: 4 }], tenders: [{ kind: 'gift_card', cents: 10_00, ref: a }, { kind: 'gift_card', cents: 20_00, ref: b }, { kind: 'cash', cents: 5_96 }] });
    expect(r.notes.map((n) => n.key).sort()).toEqual(['giftCard.note.balance', 'giftCard.note.usedUp']);
    expect(await books(till.db, a)).toMatchObject({ balance: 0, ledger: 0 });
    expect(await books(till.db, b)).toMatchObject({ balance: 10_00, ledger: 10_00 });
    // The payment screen offers of a card only what this ticket has not taken from it yet.
    const basket = await basketWith([{ code: BORDEAUX, qty: 4 }], []);
    const ctx = (tenders: Tender[]): TenderContext => ({ basket, payment: { totalCents: 35_96, tenders }, terminal: till.terminal, operatorId: 1, refund: false, config: till.config });
    const ref = formatGiftCardCode(b);
    expect((await giftCardTender.find(till.db, b, ctx([]))).maxCents).toBe(10_00);
    expect((await giftCardTender.find(till.db, b, ctx([{ kind: 'gift_card', amountCents: 4_00, ref }]))).maxCents).toBe(6_00);
    await expect(giftCardTender.find(till.db, b, ctx([{ kind: 'gift_card', amountCents: 10_00, ref }]))).rejects.toMatchObject({ key: 'giftCard.alreadyTaken' });
    // Asked for more than it holds, or more than is due.
    await expect(sale({ lines: [{ code: BORDEAUX, qty: 4 }], tenders: [{ kind: 'gift_card', cents: 10_01, ref: b }, { kind: 'cash', cents: 25_95 }] })).rejects.toMatchObject({ key: 'tender.exceedsBalance' });
    await expect(sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 2_00, ref: b }] })).rejects.toMatchObject({ key: 'tender.exceedsDue' });
    expect(await books(till.db, b)).toMatchObject({ balance: 10_00, ledger: 10_00 });
  });

  it('never goes below zero when 32 tills spend the same card at once', async () => {
    const code = await sellCard(100_00); // eleven bottles of 8,99 €, 1,11 € left
    const store = till.terminal.storeId;
    const terminals = await testDb().owner('terminals')
      .insert(Array.from({ length: 32 }, (_, i) => ({ code: `R${String(i + 1).padStart(2, '0')}`, name: `Caisse ${i + 1}`, store_id: store })))
      .returning(['id', 'code']) as { id: number; code: string }[];
    const pools = terminals.map((t) => openDb({ url: testDb().url, poolMax: 1, applicationName: `pos-test:${t.code}` }));
    const bottle = (await findItemByCode(till.db, BORDEAUX))!;
    const racers: Racer<unknown>[] = terminals.map((t, i) => async () => {
      const r = basketReducer(openBasket(randomUUID()), { type: 'add', item: bottle, qty: 1 });
      if ('error' in r) throw new Error(r.error);
      return commitSale(pools[i]!, { terminalId: t.id, storeId: store, operatorId: 1, basket: r.basket, payment: { totalCents: 899, tenders: [{ kind: 'gift_card', amountCents: 899, ref: formatGiftCardCode(code) }] } });
    });
    try {
      const { won, lost } = outcomes(await race(testDb(), { before: 'UPDATE', table: 'gift_cards' }, racers, { timeoutMs: 20_000 }));
      expect(won).toHaveLength(11);
      expect(lost).toHaveLength(21);
      for (const l of lost) expect(l).toMatchObject({ key: 'giftCard.amountAboveBalance', money: { balance: 111 } });
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
    }
    expect(await books(till.db, code)).toEqual({ balance: 111, ledger: 111, status: 'active' });
    expect(await till.db('gift_card_movements').join('gift_cards', 'gift_cards.id', 'gift_card_id').where({ 'gift_cards.code': code, 'gift_card_movements.kind': 'spent' })).toHaveLength(11);
    // The refused sales gave their tickets back: eleven tickets written on those tills.
    expect(Number((await till.db('sales').whereIn('terminal_id', terminals.map((t) => t.id)).count({ n: '*' }))[0]!.n)).toBe(11);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('sells a pre-printed card once when two tills scan it at the same time', async () => {
    const code = preprinted();
    const t02 = (await till.db('terminals').where('code', 'T02').first('id', 'store_id', 'code')) as { id: number; store_id: number; code: string };
    const other = openDb({ url: testDb().url, poolMax: 2 });
    const first = await basketWith([], [{ valueCents: 20_00, code }]);
    const second = await basketWith([], [{ valueCents: 40_00, code }]);
    try {
      const { won, lost } = outcomes(await race(testDb(), { before: 'INSERT', table: 'gift_cards' }, [
        () => commit(first),
        () => commit(second, undefined, other, { ...till.terminal, id: t02.id, code: t02.code }),
      ]));
      expect(won).toHaveLength(1);
      expect(lost).toMatchObject([{ key: 'giftCard.alreadySold', params: { code: formatGiftCardCode(code) } }]);
    } finally {
      await other.destroy();
    }
    expect(await till.db('gift_cards').where('code', code)).toHaveLength(1);
  });

  it('is refused by the database itself: a ticket whose card line has no card sold with it', async () => {
    const basket = await basketWith([], [{ valueCents: 20_00, code: null }]);
    const { commitSaleStatement } = await import('../../data/sales');
    const line = basket.lines[0]!;
    const insert = {
      key: basket.key, requestHash: 'x', terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, customerId: null,
      totalCents: 20_00, changeCents: 0, adjustments: [], vat: [], audit: [], tenders: [{ kind: 'card' as const, amountCents: 20_00 }],
      lines: [{ itemId: line.item.id, sku: line.item.sku, barcode: null, name: line.item.name, qty: 1, listPriceCents: 20_00, unitPriceCents: 20_00, discountCents: 0, ticketDiscountCents: 0, totalCents: 20_00, vatRateBp: 0, giftCardCode: line.item.giftCard!.code, priceOverrideBy: null, discountBy: null }],
    };
    // Written without the feature's effect (no card): the deferred check refuses the commit.
    await expect(commitSaleStatement(till.db, insert)).rejects.toThrow(/gift card line\(s\) without their card/);
    // A card line with a discount, or at a VAT rate, is refused by the line's own check.
    await expect(commitSaleStatement(till.db, { ...insert, key: randomUUID(), lines: [{ ...insert.lines[0]!, vatRateBp: 2000 }], vat: [{ rateBp: 2000, grossCents: 20_00, vatCents: 3_33, netCents: 16_67 }] })).rejects.toThrow(/sale_lines_gift_card/);
    expect(await till.db('sales').where('idempotency_key', basket.key)).toHaveLength(0);
  });

  it('activates a card sold while the server was away once the spooled sale is sent again', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { replaySpool, spoolSale } = await import('../spool');
    const dir = await mkdtemp(join(tmpdir(), 'pos-spool-'));
    const basket = await basketWith([{ code: BAGUETTE }], [{ valueCents: 15_00, code: null }]);
    const code = basket.lines[1]!.item.giftCard!.code;
    await spoolSale(dir, { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket, payment: { totalCents: 16_30, tenders: [{ kind: 'cash', amountCents: 20_00 }] }, paidAt: new Date().toISOString() });
    await expect(showGiftCard(till.db, code, cards())).rejects.toMatchObject({ key: 'giftCard.unknown' });
    const replay = await replaySpool(till.db, dir);
    expect(replay.committed).toHaveLength(1);
    expect(replay.committed[0]!.notes).toMatchObject([{ key: 'giftCard.note.sold' }]);
    expect((await showGiftCard(till.db, code, cards())).card).toMatchObject({ status: 'active', balanceCents: 15_00 });
    // Sent again (the answer lost), the same key makes neither a second ticket nor a second card.
    await spoolSale(dir, { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket, payment: { totalCents: 16_30, tenders: [{ kind: 'cash', amountCents: 20_00 }] } });
    expect((await replaySpool(till.db, dir)).committed[0]!.created).toBe(false);
    expect(await till.db('gift_cards').where('code', code)).toHaveLength(1);
  });

  it('refunds onto a gift card only a return whose ticket was paid otherwise than by gift card or certificate', async () => {
    const code = await sellCard(10_00);
    await sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 8_99, ref: code }] });
    const basket = await basketWith([{ code: BORDEAUX, qty: -1 }], []);
    const ctx = (originalTenders?: { kind: string }[]): TenderContext => ({
      basket, payment: { totalCents: -8_99, tenders: [] }, terminal: till.terminal, operatorId: 1, refund: true, config: till.config, ...(originalTenders && { originalTenders }),
    });
    // The till does not know the ticket of this return: no refund onto a card, said before a code is asked.
    expect(giftCardTender.needsCode(ctx())).toBe(false);
    await expect(giftCardTender.find(till.db, null, ctx())).rejects.toMatchObject({ key: 'giftCard.refundNeedsTicket' });
    expect(giftCardTender.needsCode(ctx([{ kind: 'gift_card' }]))).toBe(false);
    expect(giftCardTender.needsCode(ctx([{ kind: 'card' }]))).toBe(true);
    await expect(giftCardTender.find(till.db, code, ctx([{ kind: 'gift_card' }]))).rejects.toMatchObject({ key: 'giftCard.noRefundOnto' });
    await expect(giftCardTender.find(till.db, code, ctx([{ kind: 'cash' }, { kind: 'giftcert' }]))).rejects.toMatchObject({ key: 'giftCard.noRefundOnto' });
    // Paid by bank card: the refund may go onto the card, even one used up.
    const found = await giftCardTender.find(till.db, code, ctx([{ kind: 'card' }]));
    expect(found).toMatchObject({ ref: formatGiftCardCode(code), maxCents: 8_99 });
    const back = await commit(basket, [{ kind: 'gift_card', cents: 8_99, ref: found.ref }]);
    expect(back.notes).toMatchObject([{ key: 'giftCard.note.refunded', money: { amount: 8_99, balance: 10_00 } }]);
    expect(await books(till.db, code)).toEqual({ balance: 10_00, ledger: 10_00, status: 'active' });
    const { movements } = await showGiftCard(till.db, code, cards());
    expect(movements.map((m) => [m.kind, m.amountCents])).toEqual([['sold', 10_00], ['spent', -8_99], ['refunded', 8_99]]);
    expect(renderText((await receiptDoc(till.db, till.config, back.sale)).blocks, 42)).toMatch(new RegExp(`Carte ${formatGiftCardCode(code)} créditée\\s+10,00 €`));
  });

  it('refuses bad input at every step, each with its reason, and changes nothing', async () => {
    const before = await till.db('gift_card_movements').count({ n: '*' });
    const cardsBefore = await till.db('gift_cards').count({ n: '*' });
    // Selling: the value, then the code.
    await expect(basketWith([], [{ valueCents: 4_99, code: null }])).rejects.toMatchObject({ key: 'giftCard.belowMin', money: { min: 5_00 } });
    await expect(basketWith([], [{ valueCents: 1_500_01, code: null }])).rejects.toMatchObject({ key: 'limit.giftCard', money: { max: 1_500_00 } });
    await expect(basketWith([], [{ valueCents: 0, code: null }])).rejects.toMatchObject({ key: 'giftCard.valueInvalid' });
    const good = preprinted();
    const typo = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    await expect(basketWith([], [{ valueCents: 20_00, code: typo }])).rejects.toMatchObject({ key: 'giftCard.codeMistyped' });
    await expect(basketWith([], [{ valueCents: 20_00, code: '4111 1111 1111 1111' }])).rejects.toMatchObject({ key: 'giftCard.notPreprinted' });
    await expect(basketWith([], [{ valueCents: 20_00, code: 'K7QM-4HXT' }])).rejects.toMatchObject({ key: 'giftCard.codeMalformed' });
    await expect(basketWith([], [{ valueCents: 20_00, code: good }, { valueCents: 30_00, code: good }])).rejects.toMatchObject({ key: 'giftCard.twice' });
    // Paying: unknown, never sold, mistyped, expired, cancelled, used up; a card for a card.
    const made = await sellCard(20_00);
    const madeTypo = made.slice(0, -1) + (made.endsWith('A') ? 'B' : 'A');
    const pay = (ref: string) => sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 1_30, ref }] });
    await expect(pay(madeTypo)).rejects.toMatchObject({ key: 'giftCard.codeMistyped' });
    await expect(pay(preprinted())).rejects.toMatchObject({ key: 'giftCard.notSold' });
    const stranger = 'ZZZZZZZZZZZZZZZ';
    const { checkSymbol } = await import('../../domain/voucherCode');
    await expect(pay(stranger + checkSymbol(stranger))).rejects.toMatchObject({ key: 'giftCard.unknown' });
    const forCard = await basketWith([], [{ valueCents: 10_00, code: null }]);
    const ctx: TenderContext = { basket: forCard, payment: { totalCents: 10_00, tenders: [] }, terminal: till.terminal, operatorId: 1, refund: false, config: till.config };
    await expect(giftCardTender.find(till.db, made, ctx)).rejects.toMatchObject({ key: 'giftCard.notForCards' });
    expect(Number((await till.db('gift_card_movements').count({ n: '*' }))[0]!.n)).toBe(Number(before[0]!.n) + 1);
    expect(Number((await till.db('gift_cards').count({ n: '*' }))[0]!.n)).toBe(Number(cardsBefore[0]!.n) + 1);
    // The ledger is append-only, even for the database's owner.
    await expect(testDb().owner('gift_card_movements').update({ amount_cents: 1 })).rejects.toThrow(/never changed/);
    await expect(testDb().owner('gift_card_movements').del()).rejects.toThrow(/never changed/);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('is spent online through its ledger: channel web, an order, an idempotency key', async () => {
    const code = await sellCard(30_00);
    const key = randomUUID();
    const first = await web(code, 12_00, { idempotencyKey: key, orderRef: 'CMD-2001' });
    expect(first).toMatchObject({ replayed: false, amountCents: 12_00, balanceAfterCents: 18_00, channel: 'web' });
    expect(await web(code, 12_00, { idempotencyKey: key, orderRef: 'CMD-2001' })).toMatchObject({ replayed: true, balanceAfterCents: 18_00 });
    await expect(web(code, 5_00, { idempotencyKey: key, orderRef: 'CMD-2002' })).rejects.toMatchObject({ key: 'giftCard.keyReused' });
    await expect(web(code, 18_01)).rejects.toMatchObject({ key: 'giftCard.amountAboveBalance', money: { balance: 18_00 } });
    const { movements } = await showGiftCard(till.db, code, cards());
    expect(movements.at(-1)).toMatchObject({ kind: 'spent', channel: 'web', orderRef: 'CMD-2001', amountCents: -12_00 });
    expect(await books(till.db, code)).toMatchObject({ balance: 18_00, ledger: 18_00 });
  });

  it('cancels what is left by a manager, and expires cards past their last day once, from cron', async () => {
    const code = await sellCard(40_00);
    await expect(cancelGiftCard(till.db, cards(), { code, manager: CASHIER, terminal: till.terminal })).rejects.toMatchObject({ key: 'approval.notManager' });
    const cancelled = await cancelGiftCard(till.db, cards(), { code, manager: MANAGER, terminal: till.terminal, reason: 'volée' });
    expect(cancelled).toMatchObject({ cancelledCents: 40_00, card: { status: 'cancelled', balanceCents: 0 } });
    expect((await showGiftCard(till.db, code, cards())).movements.at(-1)).toMatchObject({ kind: 'cancelled', amountCents: -40_00, operatorName: 'Dominique', note: 'volée' });
    await expect(web(code, 1_00)).rejects.toMatchObject({ key: 'giftCard.cancelled' });
    await expect(cancelGiftCard(till.db, cards(), { code, manager: MANAGER, terminal: till.terminal })).rejects.toMatchObject({ key: 'giftCard.cancelled' });

    // A card sold in January, its last day in March: spent once, then past its day.
    const old = await sellCard(25_00);
    await web(old, 5_00);
    await testDb().owner.raw("UPDATE gift_cards SET created_at = '2026-01-10T10:00:00+01', expires_on = '2026-03-31', expires_at = '2026-04-01T00:00:00+02' WHERE code = ?", [old]);
    await expect(web(old, 1_00)).rejects.toMatchObject({ key: 'giftCard.expired', params: { date: '31/03/2026' } });
    await expect(sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 1_30, ref: old }] })).rejects.toMatchObject({ key: 'giftCard.expired' });
    const run1 = await expireGiftCards(till.db);
    expect(run1.cards).toContainEqual({ code: old, amountCents: 20_00 });
    expect((await expireGiftCards(till.db)).cards).toEqual([]);
    expect(await books(till.db, old)).toEqual({ balance: 0, ledger: 0, status: 'expired' });
    expect((await showGiftCard(till.db, old, cards())).movements.at(-1)).toMatchObject({ kind: 'expired', amountCents: -20_00 });
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('earns no loyalty points: a card sold to a customer is money received', async () => {
    const customer = await till.db('customers').where('code', 'FID-000002').first('id');
    const points = async () => Number((await till.db('loyalty_balances').where('customer_id', customer.id).first('points'))?.points ?? 0);
    const before = await points();
    let basket = await basketWith([{ code: BORDEAUX }], [{ valueCents: 100_00, code: null }]);
    const { customerForSale } = await import('../customers/attach');
    const r = basketReducer(basket, { type: 'customer', customer: await customerForSale(till.db, 'FID-000002', 'fr') });
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
    await commit(basket);
    const afterCard = await points();
    await sale({ customerCode: 'FID-000002', lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'card', cents: 8_99 }] });
    const earnedByWine = (await points()) - afterCard;
    expect(earnedByWine).toBeGreaterThan(0);
    // The two tickets earned the same: the 100 € card none.
    expect(afterCard - before).toBe(earnedByWine);
  });
});

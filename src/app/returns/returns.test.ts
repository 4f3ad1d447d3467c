import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket, type Basket } from '../../domain/basket';
import { creditFor } from '../../domain/saleReturn';
import { settle, type Tender } from '../../domain/tender';
import { race } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { useTestTill } from '../../testing/till';
import { terminal } from '../../testing/fixtures';
import { sellGiftCard } from '../../testing/giftCards';
import { ledgerMismatches } from '../../testing/ledgers';
import { commitSale } from '../commitSale';
import { createSale, type SaleOrder } from '../createSale';
import { type Till } from '../till';
import { findReturnableTicket, returnAction } from './ticket';

const BAGUETTE = '3760000000017'; // 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %
const MANAGER = { code: '2', pin: '9999' };

describe('returns against a ticket, against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));
  afterAll(async () => {
    expect(await ledgerMismatches(testDb().db)).toEqual([]);
  });

  const order = (o: Partial<SaleOrder>): SaleOrder => ({ operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });
  const label = (s: { terminalCode: string; ticketNo: number }) => `${s.terminalCode}-${String(s.ticketNo).padStart(6, '0')}`;
  const counted = async (saleId: number) =>
    (await testDb().db('sale_line_returns').where('sale_id', saleId).orderBy('line_no').select('line_no', 'returned_qty', 'returned_cents')) as { line_no: number; returned_qty: number; returned_cents: number }[];
  const saleCount = async () => Number((await testDb().db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);

  it('credits each line what was really paid for it: its share of the customer discount and the coupon, the shares adding up to the ticket', async () => {
    // The Brasserie (5 % off) with BONJOUR (3 € off from 15 €): 3 × 8,99 € + 5 × 1,30 €.
    const { sale } = await createSale(till, order({ customerCode: 'FID-000003', codes: ['BONJOUR'], lines: [{ code: BORDEAUX, qty: 3 }, { code: BAGUETTE, qty: 5 }], tenders: [{ kind: 'cash', cents: 5000 }] }));
    expect(sale.adjustments.map((a) => a.ref).sort()).toEqual(['BONJOUR', 'CLIENT-FID-000003']);
    const [wine, bread] = sale.lines;
    expect(wine!.ticketDiscountCents).toBeGreaterThan(0);
    expect(wine!.totalCents + bread!.totalCents).toBe(sale.totalCents);

    // One bottle back, then the other two, then the bread: each credited its share of the line.
    const first = await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }] }));
    expect(first.sale.totalCents).toBe(-creditFor(3, wine!.totalCents, 0, 1));
    expect(first.sale.totalCents).not.toBe(-899);
    // Paid back the way it was paid: in cash.
    expect(first.sale.tenders).toEqual([{ kind: 'cash', amountCents: first.sale.totalCents }]);
    const rest = await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 2 }, { ticket: label(sale), lineNo: 2, qty: 5 }] }));
    expect(first.sale.totalCents + rest.sale.totalCents).toBe(-sale.totalCents);
    // The returned lines say the ticket they come from; the VAT is on what is credited.
    expect(rest.sale.vat.reduce((s, v) => s + v.grossCents, 0)).toBe(rest.sale.totalCents);
    expect(await counted(sale.id)).toEqual([
      { line_no: 1, returned_qty: 3, returned_cents: wine!.totalCents },
      { line_no: 2, returned_qty: 5, returned_cents: bread!.totalCents },
    ]);
    const origins = await testDb().db('sale_line_origins').where('sale_id', rest.sale.id).orderBy('line_no');
    expect(origins.map((o) => [o.line_no, o.origin_sale_id, o.origin_line_no, o.qty])).toEqual([[1, sale.id, 1, 2], [2, sale.id, 2, 5]]);
    const audit = await testDb().db('audit_log').where({ sale_id: rest.sale.id, action: 'return_line' });
    expect(audit).toHaveLength(2);
    // Nothing left of it to bring back.
    const before = await saleCount();
    await expect(createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 2, qty: 1 }] }))).rejects.toMatchObject({ key: 'return.nothingLeft' });
    expect(await saleCount()).toBe(before);
  });

  it('caps a second return at what is left and changes nothing when it asks more', async () => {
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 3 }], tenders: [{ kind: 'cash', cents: 3000 }] }));
    await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }] }));
    const before = await saleCount();
    await expect(createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 3 }] }))).rejects.toMatchObject({ key: 'return.tooManyLeft', params: { left: 2, line: 1 } });
    expect(await saleCount()).toBe(before);
    expect(await counted(sale.id)).toEqual([{ line_no: 1, returned_qty: 1, returned_cents: 899 }]);
    // Cash back: the change given (30 € for 26,97 €) is not refunded.
    const back = await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 2 }] }));
    expect(back.sale.tenders).toEqual([{ kind: 'cash', amountCents: -1798 }]);
  });

  it('holds what was sold in the database: a basket that claims less came back than did is refused at the commit', async () => {
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'card', cents: 899 }] }));
    const ticket = await findReturnableTicket(till.db, label(sale), till.terminal);
    const stale = basketWith(returnAction(ticket, 1, 1, 1));
    await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }] }));
    await expect(commitBasket(stale, [{ kind: 'card', cents: 899 }])).rejects.toMatchObject({ key: 'return.tooManyLeft', params: { left: 0 } });
    // The CHECK holds even a statement that skips the conditional update.
    await expect(testDb().owner('sale_line_returns').where('sale_id', sale.id).update({ returned_qty: 2 })).rejects.toMatchObject({ code: '23514' });
  });

  it('two tills returning the last unit of a line at once: one is refused, never more back than sold', async () => {
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'card', cents: 1798 }] }));
    await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }] }));
    const t02 = await terminal(testDb().db, 'T02');
    const ticket = await findReturnableTicket(till.db, label(sale), till.terminal);
    const requests = [till.terminal, t02].map((t) => ({ t, basket: basketWith(returnAction(ticket, 1, 1, 1)) }));
    const results = await race(testDb(), { before: 'INSERT', table: 'sale_line_returns' }, requests.map(({ t, basket }) => () => commitBasket(basket, [{ kind: 'card', cents: 899 }], t)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ key: 'return.tooManyLeft' });
    expect(await counted(sale.id)).toEqual([{ line_no: 1, returned_qty: 2, returned_cents: 1798 }]);
    expect(await ledgerMismatches(testDb().db)).toEqual([]);
  });

  it('pays back the way the customer paid, prepaid money to a voucher (or cash by policy), never onto a gift card; otherwise a manager', async () => {
    const card = await sellGiftCard(till, 10_00);
    // 2 × 8,99 €: 10 € by gift card, 7,98 € by bank card.
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'gift_card', cents: 1000, ref: card }, { kind: 'card', cents: 798 }] }));
    const one = [{ ticket: label(sale), lineNo: 1, qty: 1 }];
    const before = await saleCount();
    // Onto a gift card: refused whoever approves.
    await expect(createSale(till, order({ returns: one, tenders: [{ kind: 'gift_card', cents: 899, ref: card }], manager: MANAGER }))).rejects.toMatchObject({ key: 'giftCard.noRefundOnto' });
    // All in cash: not the way it was paid.
    await expect(createSale(till, order({ returns: one, tenders: [{ kind: 'cash', cents: 899 }] }))).rejects.toMatchObject({ key: 'return.refundNeedsManager' });
    expect(await saleCount()).toBe(before);

    // By default: what the gift card paid becomes a voucher, the rest goes back to the bank card.
    const back = await createSale(till, order({ returns: one }));
    expect(back.sale.tenders.map((t) => [t.kind, t.amountCents])).toEqual([['voucher', -500], ['card', -399]]);
    const voucher = await testDb().db('vouchers').where('code', back.sale.tenders[0]!.ref!.replace(/-/g, '')).first();
    expect(voucher).toMatchObject({ initial_cents: 500, balance_cents: 500 });

    // The shop's policy says cash: the same share in cash.
    const cashShop = { ...till, config: { ...till.config, returns: { ...till.config.returns, prepaidRefund: 'cash' as const } } };
    const second = await sellGiftCard(till, 5_00);
    const { sale: other } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 500, ref: second }, { kind: 'card', cents: 399 }] }));
    const cash = await createSale(cashShop, order({ returns: [{ ticket: label(other), lineNo: 1, qty: 1 }] }));
    expect(cash.sale.tenders.map((t) => [t.kind, t.amountCents])).toEqual([['cash', -500], ['card', -399]]);

    // Another way, with a manager's approval, recorded.
    const approved = await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }], tenders: [{ kind: 'cash', cents: 899 }], manager: MANAGER }));
    expect(approved.sale.tenders).toEqual([{ kind: 'cash', amountCents: -899 }]);
    expect(await testDb().db('audit_log').where({ sale_id: approved.sale.id, action: 'return_approved' }).first()).toMatchObject({ approver_id: 2 });
    // A cashier's PIN is no approval.
    await expect(createSale(till, order({ lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'cash', cents: 899 }], manager: { code: '1', pin: '1234' } }))).rejects.toMatchObject({ key: 'approval.notManager' });
  });

  it('a gift card takes a refund only when its ticket was not paid with prepaid money', async () => {
    const card = await sellGiftCard(till, 5_00);
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'card', cents: 899 }] }));
    // Not the way it was paid, so a manager approves; the card is credited.
    const onto = await createSale(till, order({ returns: [{ ticket: label(sale), lineNo: 1, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 899, ref: card }], manager: MANAGER }));
    expect(onto.sale.tenders).toMatchObject([{ kind: 'gift_card', amountCents: -899 }]);
  });

  it('a return without its ticket needs a manager where the shop says so', async () => {
    const strict = { ...till, config: { ...till.config, returns: { ...till.config.returns, withoutTicket: 'manager' as const } } };
    const loose = order({ lines: [{ code: BAGUETTE, qty: -1 }], tenders: [{ kind: 'cash', cents: 130 }] });
    await expect(createSale(strict, loose)).rejects.toMatchObject({ key: 'return.withoutTicketNeedsManager' });
    const { sale } = await createSale(strict, { ...loose, key: randomUUID(), manager: MANAGER });
    expect(sale.totalCents).toBe(-130);
    // The default configuration keeps a return without a ticket free, as before.
    expect((await createSale(till, { ...loose, key: randomUUID() })).sale.totalCents).toBe(-130);
  });

  it('refuses an unknown ticket, one of another store, a refund ticket, an unknown line, a gift card sold, with nothing written', async () => {
    const db = testDb().db;
    const [store] = await testDb().owner('stores').insert({ code: 'M02', name: 'Épicerie du Port' }).returning('id');
    await testDb().owner('terminals').insert({ code: 'T09', name: 'Caisse du port', store_id: store.id });
    const t09 = await terminal(db, 'T09');
    const elsewhere = await commitBasket(basketWith({ type: 'add', item: (await findBordeaux()), qty: 1 }), [{ kind: 'card', cents: 899 }], t09);
    const refund = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'cash', cents: 899 }] }));
    await sellGiftCard(till, 20_00);
    const cardTicket = `T01-${String((await db('sales').max('ticket_no as n').where('terminal_id', till.terminal.id).first())!.n).padStart(6, '0')}`;
    const before = await saleCount();
    const back = (ticket: string, lineNo = 1, qty = 1) => createSale(till, order({ returns: [{ ticket, lineNo, qty }] }));
    await expect(back('T01-999999')).rejects.toMatchObject({ key: 'return.ticketUnknown', params: { ticket: 'T01-999999' } });
    await expect(back('ticket 12')).rejects.toMatchObject({ key: 'return.ticketInvalid' });
    await expect(back(label(elsewhere.sale))).rejects.toMatchObject({ key: 'return.otherStore', params: { store: 'M02' } });
    await expect(back(label(refund.sale))).rejects.toMatchObject({ key: 'return.refundTicket' });
    await expect(back(label(refund.sale).replace(/^T01-0*/, ''), 7)).rejects.toMatchObject({ key: 'return.refundTicket' });
    await expect(back(cardTicket)).rejects.toMatchObject({ key: 'return.giftCardLine' });
    const { sale } = await createSale(till, order({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'card', cents: 899 }] }));
    const after = before + 1;
    await expect(back(label(sale), 2)).rejects.toMatchObject({ key: 'return.lineUnknown' });
    await expect(back(label(sale), 1, 0)).rejects.toMatchObject({ key: 'return.qtyInvalid' });
    await expect(back(label(sale), 1, 2)).rejects.toMatchObject({ key: 'return.tooManyLeft', params: { left: 1 } });
    expect(await saleCount()).toBe(after);
    expect(await counted(sale.id)).toEqual([]);
  });

  async function findBordeaux() {
    const { findItemByCode } = await import('../../data/items');
    return (await findItemByCode(till.db, BORDEAUX))!;
  }

  function basketWith(action: Parameters<typeof basketReducer>[1]): Basket {
    const r = basketReducer(openBasket(randomUUID(), till.config.limits), action);
    if ('error' in r) throw new Error(r.error);
    return r.basket;
  }

  /** Commits a basket as the till does, the refund paid out as given, on T01 or another till, with the shop's policy. */
  async function commitBasket(basket: Basket, tenders: { kind: Tender['kind']; cents: number }[], t = till.terminal) {
    const total = basketTotals(basket).totalCents;
    const settled = settle(total, tenders);
    if ('error' in settled) throw new Error(settled.error);
    return commitSale(testDb().db, { terminalId: t.id, storeId: t.storeId, operatorId: 1, basket, payment: settled.payment }, { receipt: false, policy: { returns: { prepaidRefund: 'voucher', withoutTicket: 'free' } } });
  }
});

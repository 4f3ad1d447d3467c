import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load';
import { basketReducer as reduce, openBasket } from '../domain/basket';
import { preprintedNumber, sellGiftCard } from '../testing/giftCards';
import { giftCardItem } from './giftcards/sell';
import { closeTill, openTill, type Till } from './till';
import { basketReducer, basketTotals, type Basket, type BasketAction } from '../domain/basket';
import type { Block } from '../domain/receipt';
import { settle } from '../domain/tender';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { customerSale } from './customers/testSale';
import { commitSale, type SaleRequest } from './commitSale';
import { findReturnableTicket, returnAction } from './returns/ticket';

const BAGUETTE = '3760000000017'; // 1,30 €
const CROISSANT = '3760000000062';
const BORDEAUX = 'CAVE-001'; // 8,99 €

// What commitSale writes beside the ticket and answers with: the audit lines of the prices and
// discounts given by hand, the request's fingerprint, the refusals' keys and parameters, and
// the retry of an error that is not the key's.
describe('commitSale: audit lines, fingerprint, answers', () => {
  const testDb = useTestDatabase();
  let opened: Till | undefined;
  afterAll(async () => {
    if (opened) await closeTill(opened);
  });

  function act(basket: Basket, a: BasketAction): Basket {
    const r = basketReducer(basket, a);
    if ('error' in r) throw new Error(r.error);
    return r.basket;
  }
  /** The request paid in cash for what its (changed) basket now comes to. */
  function repaid(req: SaleRequest, basket: Basket): SaleRequest {
    const total = basketTotals(basket).totalCents;
    const settled = settle(total, [{ kind: 'cash', cents: Math.abs(total) }]);
    if ('error' in settled) throw new Error(settled.error);
    return { ...req, basket, payment: settled.payment };
  }
  const auditOf = (saleId: number) =>
    testDb().db('audit_log').where('sale_id', saleId).orderBy('id').select('action', 'approver_id', 'operator_id', 'details');

  it('writes who changed which line: a price override and a line discount, with their amounts; nothing for a line left alone', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1], [BORDEAUX, 2], [CROISSANT, 1]] });
    const [, wine, croissant] = req.basket.lines;
    let basket = act(req.basket, { type: 'overridePrice', lineId: wine!.lineId, unitPriceCents: 750, by: 2 });
    basket = act(basket, { type: 'discount', lineId: croissant!.lineId, discount: { kind: 'amount', cents: 20 }, by: 1 });
    const { sale } = await commitSale(db, repaid(req, basket));
    expect(await auditOf(sale.id)).toEqual([
      { action: 'price_override', approver_id: 2, operator_id: 1, details: { line: 2, sku: 'CAVE-001', from: 899, to: 750 } },
      { action: 'line_discount', approver_id: 1, operator_id: 1, details: { line: 3, sku: croissant!.item.sku, discount_cents: 20 } },
    ]);
    // A ticket with no change by hand has no audit line.
    const { sale: plain } = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 2]] }));
    expect(await auditOf(plain.id)).toEqual([]);
  });

  it('writes no audit line for a price put back to the list price, nor for a zero discount (the database refuses a price or a discount changed by no one)', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1], [BORDEAUX, 1], [CROISSANT, 1]] });
    const [, wine, croissant] = req.basket.lines;
    let basket = act(req.basket, { type: 'overridePrice', lineId: wine!.lineId, unitPriceCents: 899, by: 2 });
    basket = {
      ...basket,
      lines: basket.lines.map((l) =>
        l.lineId === croissant!.lineId ? { ...l, discount: { kind: 'amount' as const, cents: 0 }, discountBy: 1 } : l),
    };
    const { sale } = await commitSale(db, repaid(req, basket));
    expect(sale.lines.map((l) => [l.sku, l.unitPriceCents, l.discountCents])).toEqual([['BOUL-001', 130, 0], ['CAVE-001', 899, 0], [croissant!.item.sku, croissant!.item.priceCents, 0]]);
    expect(await auditOf(sale.id)).toEqual([]);
  });

  it('writes no discount line for a line given back against its ticket: what its sale took off is not a discount given now', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1], [BORDEAUX, 2]] });
    const { sale } = await commitSale(db, repaid(req, act(req.basket, { type: 'discount', lineId: req.basket.lines[1]!.lineId, discount: { kind: 'amount', cents: 100 }, by: 2 })));
    const ticket = await findReturnableTicket(db, `T01-${String(sale.ticketNo).padStart(6, '0')}`, t01);
    const back = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    const basket = act(back.basket, returnAction(ticket, 2, 1, 2));
    expect(basket.lines[1]).toMatchObject({ discount: { kind: 'amount', cents: 50 }, discountBy: 2 });
    const { sale: returned } = await commitSale(db, repaid(back, basket));
    expect((await auditOf(returned.id)).filter((a) => a.action === 'line_discount' || a.action === 'price_override')).toEqual([]);
  });

  it('stores the request fingerprint as hex, and tells a retry from another sale by its lines and adjustments', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1], [BORDEAUX, 1]], key: 'same-key-lines' });
    const { sale } = await commitSale(db, req);
    expect((await db('sales').where('id', sale.id).first('request_hash')).request_hash).toMatch(/^[0-9a-f]{64}$/);
    // The same lines the other way round: same total, same tenders, another sale.
    const swapped = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1], [BAGUETTE, 1]], key: 'same-key-lines' });
    await expect(commitSale(db, swapped)).rejects.toMatchObject({ key: 'sale.keyReused', params: { key: 'same-key-lines' } });

    // The same amount taken off under another name: another sale.
    const base = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]], key: 'same-key-adjustments' });
    const off = (ref: string): SaleRequest => repaid(base, { ...base.basket, adjustments: [{ kind: 'coupon', ref, label: ref, cents: 100, lineIds: null }] });
    await commitSale(db, off('REMISE-A'));
    await expect(commitSale(db, off('REMISE-B'))).rejects.toMatchObject({ key: 'sale.keyReused' });
  });

  it('tells a retry from another sale by the tenders\' references and by the gift card sold', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    opened ??= await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    const till = opened;
    const [one, two] = [await sellGiftCard(till, 2000), await sellGiftCard(till, 2000)];
    const req = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]], key: 'same-key-tender-ref' });
    const paidBy = (ref: string): SaleRequest => ({ ...req, payment: { totalCents: 899, tenders: [{ kind: 'gift_card', amountCents: 899, ref }] } });
    await commitSale(db, paidBy(one));
    expect((await commitSale(db, paidBy(one))).created).toBe(false);
    await expect(commitSale(db, paidBy(two))).rejects.toMatchObject({ key: 'sale.keyReused' });

    const key = randomUUID();
    const cardSale = async (code: string): Promise<SaleRequest> => {
      const basket = openBasket(key, till.config.limits);
      const item = await giftCardItem(till.db, till.config, { valueCents: 2000, code }, basket);
      const r = reduce(basket, { type: 'add', item, qty: 1, merge: false });
      if ('error' in r) throw new Error(r.error);
      return { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket: r.basket, payment: { totalCents: 2000, tenders: [{ kind: 'card', amountCents: 2000 }] } };
    };
    const first = await cardSale(preprintedNumber());
    await commitSale(db, first);
    await expect(commitSale(db, await cardSale(preprintedNumber()))).rejects.toMatchObject({ key: 'sale.keyReused' });
  });

  it('writes no adjustment that took nothing off', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] });
    const basket = { ...req.basket, adjustments: [{ kind: 'coupon', ref: 'RIEN', label: 'Rien', cents: 0, lineIds: null }] };
    const { sale } = await commitSale(db, repaid(req, basket));
    expect(sale.adjustments).toEqual([]);
    expect(await db('sale_adjustments').where('sale_id', sale.id)).toEqual([]);
  });

  it('answers a new ticket and a retry without notes; a ticket no feature acts on is one statement, its receipt owed all the same', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    // Bread not counted in stock: no feature has anything to do with a sale of it.
    await testDb().owner('items').where('barcode', BAGUETTE).update({ stocked: false });
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    expect(req.basket.lines[0]!.item.stocked).toBe(false);
    const first = await commitSale(db, req, { receipt: false });
    expect(first).toMatchObject({ created: true, notes: [], sale: { key: req.basket.key, totalCents: 130, terminalCode: 'T01' } });
    expect(await db('sales').where('id', first.sale.id).first('ticket_no')).toEqual({ ticket_no: first.sale.ticketNo });
    expect(await db('print_jobs').where('sale_id', first.sale.id)).toEqual([]);
    const again = await commitSale(db, req, { receipt: false });
    expect(again).toMatchObject({ created: false, notes: [], sale: { id: first.sale.id } });
    expect((await commitSale(db, req)).notes).toEqual([]);
    // The same, owing its receipt: the job is written with it.
    const owed = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 2]] }));
    expect(await db('print_jobs').where('sale_id', owed.sale.id).pluck('state')).toEqual(['queued']);
    // A stocked item: the stock effect runs and has nothing to say.
    expect((await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] }))).notes).toEqual([]);
  });

  it('writes the receipt already printed (an offline sale) as printed, with its document, not as owed', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const blocks: Block[] = [{ t: 'text', text: 'Ticket hors ligne', align: 'center' }];
    const { sale } = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] }), { printedReceipt: blocks });
    expect(await db('print_jobs').where('sale_id', sale.id).select('state', 'blocks', 'title', 'terminal_id', 'operator_id')).toEqual([
      { state: 'printed', blocks, title: `T01-${String(sale.ticketNo).padStart(6, '0')}`, terminal_id: t01.id, operator_id: 1 },
    ]);
  });

  it('runs the features\' effects when the sale owes no receipt: points are earned on a ticket committed with receipt: false', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await customerSale(db, { terminal: t01, customer: 'FID-000001', lines: [[BORDEAUX, 2]] });
    const { sale } = await commitSale(db, req, { receipt: false });
    expect(await db('loyalty_movements').where('sale_id', sale.id).andWhere('unit', 'points').pluck('kind')).toEqual(['earn']);
    expect(await db('print_jobs').where('sale_id', sale.id)).toEqual([]);
  });

  it('refuses with the key that says why: a payment for another total, a payment short', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] });
    await expect(commitSale(db, { ...req, payment: { ...req.payment, totalCents: 100 } })).rejects.toMatchObject({ key: 'sale.totalChanged' });
    await expect(commitSale(db, { ...req, payment: { ...req.payment, tenders: [{ kind: 'cash', amountCents: 500 }] } })).rejects.toMatchObject({ key: 'tender.short' });
    expect(await db('sales').where('idempotency_key', req.basket.key)).toEqual([]);
  });

  it('does not try again after an error that is not the sale key\'s, even a unique violation of another constraint', async () => {
    const { db } = testDb();
    const owner = testDb().owner;
    const t01 = await terminal(db);
    // Fails the first print job only: tried again, the sale would go through.
    // A sequence, as a rollback does not give its numbers back.
    await owner.raw(`CREATE SEQUENCE pos_test_once;
      CREATE FUNCTION pos_test_once() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF nextval('pos_test_once') = 1 THEN
          RAISE unique_violation USING MESSAGE = 'another unique key', CONSTRAINT = 'pos_test_other_unique';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER pos_test_once BEFORE INSERT ON print_jobs FOR EACH ROW EXECUTE FUNCTION pos_test_once()`);
    try {
      const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
      await expect(commitSale(db, req)).rejects.toMatchObject({ code: '23505', constraint: 'pos_test_other_unique' });
      expect(await db('sales').where('idempotency_key', req.basket.key)).toEqual([]);
    } finally {
      await owner.raw('DROP TRIGGER pos_test_once ON print_jobs; DROP FUNCTION pos_test_once(); DROP SEQUENCE pos_test_once');
    }
  });
});

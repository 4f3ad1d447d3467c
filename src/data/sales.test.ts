import { describe, expect, it } from 'vitest';
import { commitSale, toInsert } from '../app/commitSale';
import { closeTill, openTill } from '../app/till';
import { loadConfig } from '../config/load';
import { sellGiftCard } from '../testing/giftCards';
import { createCustomer } from '../app/customers/manage';
import { customerSale } from '../app/customers/testSale';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { sellAt } from '../testing/sellAt';
import { commitSaleStatement, findSaleByKey, findSaleByTicket, getSale, lastSaleOfTerminal, listSales, salesOfCustomer } from './sales';

const BORDEAUX = 'CAVE-001'; // 8,99 €

// The ways a ticket is found again (a retry's key, a ticket number, a customer's history, the
// till's last ticket, the list of sales), each read in process against PostgreSQL.
describe('sales as they are found again', () => {
  const testDb = useTestDatabase();

  it('finds a ticket by its key, its number, its customer and its till, with tenders in order', async () => {
    const { db, owner } = testDb();
    const t01 = await terminal(db, 'T01');
    const c = await createCustomer(db, { company: 'Cave du Port', card: 'SAL-1' }, { terminalId: null, operatorId: 1 });
    const first = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'SAL-1', lines: [[BORDEAUX, 1]] }), { receipt: false });
    const req = await customerSale(db, { terminal: t01, customer: 'SAL-1', lines: [[BORDEAUX, 3]], tenders: [['cash', 1000], ['card', null]] });
    const second = await commitSale(db, req, { receipt: false });
    expect(second.sale.tenders).toEqual([{ kind: 'cash', amountCents: 1000 }, { kind: 'card', amountCents: 1697 }]);
    // Tenders and lines keep their places on the ticket, counted from 1.
    expect((await owner('sale_tenders').where('sale_id', second.sale.id).orderBy('seq')).map((x) => [x.seq, x.kind])).toEqual([[1, 'cash'], [2, 'card']]);

    const byKey = await findSaleByKey(db, req.basket.key);
    expect(byKey).toEqual({ id: second.sale.id, requestHash: expect.stringMatching(/\S/) });
    expect(await findSaleByKey(db, 'no-such-key')).toBeNull();

    const byTicket = await findSaleByTicket(db, 'T01', second.sale.ticketNo);
    expect(byTicket).toMatchObject({ id: second.sale.id, totalCents: 2697, customerId: c.id, terminalCode: 'T01' });
    expect(byTicket!.lines.map((l) => [l.lineNo, l.sku, l.qty, l.totalCents])).toEqual([[1, BORDEAUX, 3, 2697]]);
    expect(await findSaleByTicket(db, 'T02', second.sale.ticketNo)).toBeNull();

    expect((await salesOfCustomer(db, c.id, 10)).map((s) => s.id)).toEqual([second.sale.id, first.sale.id]);
    expect((await salesOfCustomer(db, c.id, 1)).map((s) => s.id)).toEqual([second.sale.id]);

    expect((await lastSaleOfTerminal(db, t01.id))?.id).toBe(second.sale.id);
    const store = await owner('terminals').where('id', t01.id).first('store_id');
    const [idle] = await owner('terminals').insert({ code: 'T09', name: 'Caisse neuve', store_id: store.store_id }).returning('id');
    expect(await lastSaleOfTerminal(db, idle.id)).toBeNull();
  });

  it('lists sales newest first, by till and by time', async () => {
    const { db } = testDb();
    const old = await sellAt(db, 'T02', '2026-01-10T09:00:00Z', [[BORDEAUX, 2]]);
    const later = await sellAt(db, 'T02', '2026-01-12T09:00:00Z', [[BORDEAUX, 1], ['CAVE-001', 1]]);
    // An offline sale keeps the number of its reserved block and the time it was sold.
    expect(later.sale.createdAt.toISOString()).toBe('2026-01-12T09:00:00.000Z');
    expect((await getSale(db, later.sale.id))!.ticketNo).toBe(later.sale.ticketNo);
    expect(later.sale.ticketNo).toBeGreaterThan(old.sale.ticketNo);

    // January only: other tests of this file sell on T02 at other dates.
    const jan = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
    const t02 = await listSales(db, { terminalCode: 'T02', ...jan, limit: 10 });
    expect(t02.map((s) => [s.id, s.terminalCode, s.operatorCode, s.totalCents, s.lineCount])).toEqual([
      [later.sale.id, 'T02', '1', 1798, 1],
      [old.sale.id, 'T02', '1', 1798, 1],
    ]);
    expect(t02[1]!.ticketNo).toBe(old.sale.ticketNo);
    expect(t02[1]!.createdAt.toISOString()).toBe('2026-01-10T09:00:00.000Z');
    expect((await listSales(db, { terminalCode: 'T02', ...jan, limit: 1 })).map((s) => s.id)).toEqual([later.sale.id]);
    expect((await listSales(db, { terminalCode: 'T02', from: new Date('2026-01-11T00:00:00Z'), to: jan.to, limit: 10 })).map((s) => s.id)).toEqual([later.sale.id]);
    expect((await listSales(db, { terminalCode: 'T02', from: jan.from, to: new Date('2026-01-11T00:00:00Z'), limit: 10 })).map((s) => s.id)).toEqual([old.sale.id]);
    // Each bound alone: the other side is open.
    expect((await listSales(db, { terminalCode: 'T02', to: new Date('2026-01-11T00:00:00Z'), limit: 10 })).map((s) => s.id)).toEqual([old.sale.id]);
    expect((await listSales(db, { terminalCode: 'T02', from: new Date('2026-01-11T00:00:00Z'), limit: 10 })).map((s) => s.id)).toContain(later.sale.id);
    expect((await listSales(db, { terminalCode: 'T02', from: new Date('2026-01-12T09:00:00Z'), to: new Date('2026-01-12T09:00:00Z'), limit: 10 })).map((s) => s.id)).toEqual([]);
    expect(await listSales(db, { terminalCode: 'T77', limit: 10 })).toEqual([]);
    // Without a till: every till's sales.
    expect((await listSales(db, { limit: 100 })).map((s) => s.terminalCode)).toContain('T02');
  });

  it('marks a training ticket as one, and only it', async () => {
    const { db } = testDb();
    const real = await sellAt(db, 'T01', '2026-02-01T10:00:00Z', [[BORDEAUX, 1]]);
    const training = await sellAt(db, 'T01', '2026-02-01T11:00:00Z', [[BORDEAUX, 1]], { training: true });
    expect(training.sale.training).toBe(true);
    expect((await getSale(db, training.sale.id))!.training).toBe(true);
    expect('training' in real.sale).toBe(false);
    expect('training' in (await getSale(db, real.sale.id))!).toBe(false);
  });

  it('keeps the code of a gift card on the line that sold it', async () => {
    const till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    try {
      const code = await sellGiftCard(till, 2500);
      // The newest ticket (a till's reserved blocks may hold higher numbers than its counter).
      const newest = await till.db('sales').max({ id: 'id' }).first();
      const sale = (await getSale(till.db, newest!.id))!;
      expect(sale.lines.map((l) => [l.totalCents, l.giftCardCode])).toEqual([[2500, code]]);
    } finally {
      await closeTill(till);
    }
  });

  it('answers the ticket it wrote, with its place, its seal and whether it is for training', async () => {
    const { db, owner } = testDb();
    const t01 = await terminal(db, 'T01');
    const req = await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 2]] });
    req.basket = { ...req.basket, adjustments: [{ kind: 'coupon', ref: 'UN', label: 'Un euro', cents: 100, lineIds: null }, { kind: 'coupon', ref: 'DEUX', label: 'Deux euros', cents: 200, lineIds: null }] };
    req.payment = { totalCents: 1498, tenders: [{ kind: 'cash', amountCents: 1000 }, { kind: 'card', amountCents: 498 }] };
    const insert = toInsert(req);
    const out = await commitSaleStatement(db, insert);
    expect(out).toMatchObject({ created: true, terminalCode: 'T01', storeCode: 'M01', operatorCode: '1', operatorName: 'Camille' });
    expect('training' in out).toBe(false);
    if (!out.created) throw new Error('written');
    expect(out.seal).toMatch(/^[0-9a-f]{16,}$/);
    expect(out.seal).toBe((await owner('fiscal_seals').where({ chain: 'ticket', ref_id: out.id }).first('hash'))?.hash ?? null);
    expect((await owner('sale_adjustments').where('sale_id', out.id).orderBy('seq')).map((a) => [a.seq, a.ref, a.amount_cents])).toEqual([[1, 'UN', 100], [2, 'DEUX', 200]]);
    expect((await owner('sale_tenders').where('sale_id', out.id).orderBy('seq')).map((a) => [a.seq, a.kind])).toEqual([[1, 'cash'], [2, 'card']]);
    // The same key again: that ticket, not a second one.
    expect(await commitSaleStatement(db, insert)).toEqual({ created: false, id: out.id });

    const training = await commitSaleStatement(db, { ...toInsert(await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] })), training: true });
    expect(training).toMatchObject({ created: true, training: true });
    expect((await getSale(db, training.id))!.training).toBe(true);
  });

  it('lists tickets of the same instant by their order of writing, newest first', async () => {
    const { db } = testDb();
    const a = await sellAt(db, 'T02', '2026-03-03T08:00:00Z', [[BORDEAUX, 1]]);
    const b = await sellAt(db, 'T02', '2026-03-03T08:00:00Z', [[BORDEAUX, 1]]);
    const at = new Date('2026-03-03T08:00:00Z');
    expect((await listSales(db, { terminalCode: 'T02', from: at, to: new Date(at.getTime() + 1), limit: 10 })).map((s) => s.id)).toEqual([b.sale.id, a.sale.id]);
  });

  it('seals a correcting ticket with the ticket and line each of its lines gives back', async () => {
    const { db, owner } = testDb();
    const t01 = await terminal(db, 'T01');
    const first = await commitSaleStatement(db, toInsert(await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1], ['CAVE-002', 1]] })));
    if (!first.created) throw new Error('written');
    const insert = toInsert(await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1], ['CAVE-002', 1]] }));
    // Its second line gives back the first ticket's second line; its first line is a sale.
    insert.lines[1] = { ...insert.lines[1]!, origin: { saleId: first.id, lineNo: 2 } };
    const out = await commitSaleStatement(db, insert);
    const { record } = await owner('fiscal_seals').where({ chain: 'ticket', ref_id: out.id }).first('record');
    expect(JSON.parse(record)[7].map((l: unknown[]) => l[12])).toEqual([null, [t01.id, first.ticketNo, 2]]);
  });
});

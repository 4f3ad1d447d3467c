import { describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { getSale } from '../data/sales';
import { outcomes, race } from '../testing/barrier';
import { useTestDatabase } from '../testing/db';
import { ledgerMismatches } from '../testing/ledgers';
import { saleRequest, terminal } from '../testing/fixtures';
import { basketReducer } from '../domain/basket';
import { commitSale } from './commitSale';
import { customerSale } from './customers/testSale';
import { customerForSale } from './customers/attach';
import { Refusal } from './errors';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';
const BORDEAUX = 'CAVE-001';

describe('commitSale against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('writes the ticket, lines, tenders and VAT rows in one go', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 3], [BORDEAUX, 1]], tenders: [['card', 500], ['cash', 2000]] });
    const { sale, created } = await commitSale(db, req);
    expect(created).toBe(true);
    expect(sale.totalCents).toBe(3 * 130 + 899);
    expect(sale.changeCents).toBe(500 + 2000 - 1289);
    expect(sale.lines.map((l) => [l.sku, l.qty, l.totalCents])).toEqual([['BOUL-001', 3, 390], ['CAVE-001', 1, 899]]);
    expect(sale.tenders).toEqual([{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 2000 }]);
    expect(sale.vat.map((v) => [v.rateBp, v.grossCents, v.vatCents])).toEqual([[2000, 899, 150], [550, 390, 20]]);
    expect(sale.terminalCode).toBe('T01');
    const rows = await db('sales').where('id', sale.id);
    expect(rows).toHaveLength(1);
  });

  it('returns the same ticket when the same key is committed again', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 2]] });
    const first = await commitSale(db, req);
    const again = await commitSale(db, req);
    expect(again.created).toBe(false);
    expect(again.sale.id).toBe(first.sale.id);
    expect(again.sale.ticketNo).toBe(first.sale.ticketNo);
    expect(await db('sales').where('idempotency_key', req.basket.key).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('refuses the same key for a different sale', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], key: 'key-reused' });
    await commitSale(db, req);
    const other = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 5]], key: 'key-reused' });
    await expect(commitSale(db, other)).rejects.toMatchObject({ key: 'sale.keyReused' });
  });

  it('refuses the same basket key with other tenders or another customer: the ticket under a key is what was asked', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], key: 'key-content' });
    const first = await commitSale(db, req);
    const card = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], tenders: [['card', null]], key: 'key-content' });
    await expect(commitSale(db, card)).rejects.toMatchObject({ key: 'sale.keyReused' });
    await db('customers').insert({ code: 'C-KEY', first_name: 'Claire', last_name: 'Martin' });
    const attached = basketReducer(req.basket, { type: 'customer', customer: await customerForSale(db, 'C-KEY', 'fr') });
    if ('error' in attached) throw new Error(attached.error);
    expect(attached.basket.lines).toEqual(req.basket.lines); // same prices: only the customer differs
    await expect(commitSale(db, { ...req, basket: attached.basket })).rejects.toMatchObject({ key: 'sale.keyReused' });
    expect((await commitSale(db, req)).sale.id).toBe(first.sale.id);
    expect(await db('sales').where('idempotency_key', 'key-content').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it("refuses one till's basket sent by another: a basket belongs to the till that opened it", async () => {
    const { db } = testDb();
    const t01 = await terminal(db, 'T01');
    const t02 = await terminal(db, 'T02');
    const req = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], key: 'basket-of-t01' });
    await commitSale(db, req);
    await expect(commitSale(db, { ...req, terminalId: t02.id, storeId: t02.storeId })).rejects.toMatchObject({ key: 'sale.keyReused' });
    expect(await db('sales').where('idempotency_key', 'basket-of-t01').pluck('terminal_id')).toEqual([t01.id]);
  });

  it('gives ticket numbers without gaps to two terminals committing at once', async () => {
    const { db, url } = testDb();
    const [t01, t02] = [await terminal(db, 'T01'), await terminal(db, 'T02')];
    const before = await db('terminals').select('code', 'next_ticket_no').orderBy('code');
    // Separate pools, as two tills would have.
    const dbs = [openDb({ url, poolMax: 4 }), openDb({ url, poolMax: 4 })];
    try {
      const jobs: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        const term = i % 2 === 0 ? t01 : t02;
        const conn = dbs[i % 2]!;
        jobs.push(saleRequest(conn, { terminal: term, lines: [[BAGUETTE, 1 + (i % 3)]] }).then((r) => commitSale(conn, r)));
      }
      await Promise.all(jobs);
    } finally {
      await Promise.all(dbs.map((d) => d.destroy()));
    }
    expect(before.map((t) => t.code)).toEqual(['T01', 'T02']);
    for (const { code, next_ticket_no } of before) {
      const nos = (await db('sales as s').join('terminals as t', 't.id', 's.terminal_id').where('t.code', code).orderBy('ticket_no').pluck('ticket_no')) as number[];
      const mine = nos.filter((n) => n >= next_ticket_no);
      expect(mine).toEqual(Array.from({ length: 20 }, (_, i) => next_ticket_no + i));
    }
  });

  // A retry of a sale whose answer was lost can meet the first attempt still committing. Held
  // at the database together, both have looked the key up and found nothing before either
  // writes its ticket: the later one then trips on the key and must answer with the first's ticket.
  it.each([
    ['a cash sale (no feature\'s effect)', undefined],
    ['a sale to a loyalty customer (a transaction with its effects)', 'FID-000001'],
  ])('returns one ticket when retries with the same key race each other: %s', async (_, customer) => {
    const t = testDb();
    const t02 = await terminal(t.db, 'T02');
    const req = await customerSale(t.db, { terminal: t02, customer, lines: [[BAGUETTE, 1]] });
    const results = await race(t, { before: 'INSERT', table: 'sales' }, [1, 2, 3].map(() => () => commitSale(t.db, req)));
    const { won, lost } = outcomes(results);
    expect(lost).toEqual([]);
    expect(new Set(won.map((r) => r.sale.id)).size).toBe(1);
    expect(won.filter((r) => r.created)).toHaveLength(1);
    expect(won.map((r) => r.sale.ticketNo)).toEqual([won[0]!.sale.ticketNo, won[0]!.sale.ticketNo, won[0]!.sale.ticketNo]);
    expect(await t.db('sales').where('idempotency_key', req.basket.key)).toHaveLength(1);
    expect(await t.db('print_jobs').where('sale_id', won[0]!.sale.id)).toHaveLength(1);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('records the receipt each new ticket owes in its own transaction: one job per ticket, none for a retry, none when the job cannot be written', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const jobsOf = (saleId: number) => db('print_jobs').where('sale_id', saleId).orderBy('id');
    // A ticket with no feature's effect, and one to a loyalty customer (its effects before the job).
    const plain = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    const loyal = await customerSale(db, { terminal: t01, customer: 'FID-000001', lines: [[BAGUETTE, 1]] });
    for (const req of [plain, loyal]) {
      const { sale } = await commitSale(db, req);
      expect(await jobsOf(sale.id)).toMatchObject([
        { kind: 'receipt', state: 'queued', attempts: 0, blocks: null, terminal_id: t01.id, operator_id: req.operatorId, title: `T01-${String(sale.ticketNo).padStart(6, '0')}` },
      ]);
      // The same key again (a retry whose answer was lost): the same ticket, no second receipt.
      expect((await commitSale(db, req)).created).toBe(false);
      expect(await jobsOf(sale.id)).toHaveLength(1);
    }
    // A command whose receipts go nowhere owes none.
    const { sale: unprinted } = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }), { receipt: false });
    expect(await jobsOf(unprinted.id)).toEqual([]);

    // The job cannot be written: the sale is not written either (one transaction), its number given back.
    const [{ next_ticket_no: before }] = await db('terminals').where('id', t01.id).select('next_ticket_no');
    await testDb().owner.raw(`CREATE FUNCTION pos_test_no_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'printer table away'; END $$;
                  CREATE TRIGGER pos_test_no_job BEFORE INSERT ON print_jobs FOR EACH ROW EXECUTE FUNCTION pos_test_no_job()`);
    try {
      const req = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]] });
      await expect(commitSale(db, req)).rejects.toThrow(/printer table away/);
      expect(await db('sales').where('idempotency_key', req.basket.key)).toEqual([]);
      expect((await db('terminals').where('id', t01.id).first()).next_ticket_no).toBe(before);
    } finally {
      await testDb().owner.raw('DROP TRIGGER pos_test_no_job ON print_jobs; DROP FUNCTION pos_test_no_job()');
    }
  });

  it('rolls back entirely when a statement fails, giving the ticket number back', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const [{ next_ticket_no: before }] = await db('terminals').where('id', t01.id).select('next_ticket_no');
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    // An item id that does not exist: the line insert fails after the ticket row went in.
    req.basket.lines[0]!.item = { ...req.basket.lines[0]!.item, id: 999_999 };
    await expect(commitSale(db, req)).rejects.toThrow();
    expect(await db('sales').where('idempotency_key', req.basket.key)).toHaveLength(0);
    const [{ next_ticket_no: after }] = await db('terminals').where('id', t01.id).select('next_ticket_no');
    expect(after).toBe(before);
  });

  it('refuses an unpaid or empty sale before touching the database', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    await expect(commitSale(db, { ...req, payment: { ...req.payment, tenders: [] } })).rejects.toBeInstanceOf(Refusal);
    await expect(commitSale(db, { ...req, basket: { ...req.basket, lines: [] } })).rejects.toMatchObject({ key: 'sale.empty' });
  });

  it('lets the database refuse a sale whose figures do not add up, and any change to a committed sale', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const { sale } = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 2]] }));
    await expect(testDb().owner('sales').where('id', sale.id).update({ total_cents: 1 })).rejects.toThrow(/never changed/);
    await expect(testDb().owner('sale_lines').where('sale_id', sale.id).del()).rejects.toThrow(/never changed/);
    // As the owner: a till writes tickets only through pos_commit_sale.
    await expect(
      testDb().owner.transaction(async (trx) => {
        const [{ id }] = await trx('sales')
          .insert({ idempotency_key: 'bad', request_hash: 'x', terminal_id: t01.id, store_id: t01.storeId, operator_id: 1, ticket_no: 999_999, total_cents: 500 })
          .returning('id');
        await trx('sale_tenders').insert({ sale_id: id, seq: 1, kind: 'cash', amount_cents: 500 });
      }),
    ).rejects.toThrow(/do not add up/);
  });

  it('records a refund (net negative) paid out in cash', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const { sale } = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, -1]] }));
    expect(sale.totalCents).toBe(-899);
    expect(sale.tenders).toEqual([{ kind: 'cash', amountCents: -899 }]);
    expect(sale.vat[0]).toMatchObject({ rateBp: 2000, grossCents: -899, vatCents: -150 });
  });

  it('writes ticket adjustments spread over the lines, read back the same', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 10], [BORDEAUX, 1]] });
    req.basket = { ...req.basket, adjustments: [{ kind: 'coupon', ref: 'REMISE', label: 'Remise de bienvenue', cents: 300, lineIds: null }] };
    const total = 1300 + 899 - 300;
    req.payment = { totalCents: total, tenders: [{ kind: 'card', amountCents: total }] };
    const { sale } = await commitSale(db, req);
    expect(sale.totalCents).toBe(total);
    expect(sale.adjustments).toEqual([{ kind: 'coupon', ref: 'REMISE', label: 'Remise de bienvenue', amountCents: 300 }]);
    expect(sale.lines.reduce((a, l) => a + l.ticketDiscountCents, 0)).toBe(300);
    const again = await getSale(db, sale.id);
    expect(again).toMatchObject({ totalCents: total, adjustments: sale.adjustments, lines: sale.lines, vat: sale.vat });
    expect(sale.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(total);
  });
});

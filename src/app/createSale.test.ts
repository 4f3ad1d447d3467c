import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load';
import { ean13 } from '../domain/ean';
import { useTestDatabase } from '../testing/db';
import { createSale, type SaleOrder } from './createSale';
import type { Operator } from './session';
import { closeTill, openTill, type Till } from './till';
import { issueVoucher } from './vouchers/issue';

const BAGUETTE = '3760000000017'; // 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

describe('createSale against PostgreSQL', () => {
  const testDb = useTestDatabase();

  // The till as `pos sale create` opens it, on this file's database.
  let opened: Till | undefined;
  afterAll(async () => {
    if (opened) await closeTill(opened);
  });
  async function till(): Promise<Till> {
    opened ??= await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    return opened;
  }

  const order = (o: Partial<SaleOrder>): SaleOrder => ({ operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });

  it('builds the basket as the till does: a repeated code adds to its line', async () => {
    const { sale, created } = await createSale(await till(), order({
      lines: [{ code: BAGUETTE, qty: 2 }, { code: BAGUETTE, qty: 1 }, { code: 'cave-001', qty: 1 }],
      tenders: [{ kind: 'card', cents: 500 }, { kind: 'cash', cents: 1000 }],
    }));
    expect(created).toBe(true);
    expect(sale.lines.map((l) => [l.sku, l.qty])).toEqual([['BOUL-001', 3], ['CAVE-001', 1]]);
    expect(sale).toMatchObject({ totalCents: 1289, changeCents: 211, operatorCode: '1', terminalCode: 'T01' });
  });

  it('pays a refund out with the amount typed positive', async () => {
    const { sale } = await createSale(await till(), order({ lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'cash', cents: 899 }] }));
    expect(sale.totalCents).toBe(-899);
    expect(sale.tenders).toEqual([{ kind: 'cash', amountCents: -899 }]);
  });

  it('refuses what the till would refuse, naming the code or the amount due, and writes nothing', async () => {
    const t = await till();
    const before = await t.db('sales').count<{ n: string }[]>({ n: '*' });
    const refused = (o: Partial<SaleOrder>) => createSale(t, order(o));
    await expect(refused({ lines: [{ code: ean13('376999999999'), qty: 1 }], tenders: [{ kind: 'cash', cents: 1000 }] })).rejects.toMatchObject({ key: 'item.unknownCode' });
    await expect(refused({ lines: [{ code: 'NOPE-1', qty: 1 }] })).rejects.toMatchObject({ key: 'item.unknownCode', params: { code: 'NOPE-1' } });
    await expect(refused({ lines: [{ code: BAGUETTE, qty: 9000 }, { code: BAGUETTE, qty: 1000 }] })).rejects.toMatchObject({ key: 'qty.tooLarge' });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 500 }] })).rejects.toMatchObject({ key: 'tender.short', params: { due: '3,99 €' } });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 99 }, { kind: 'card', cents: 1000 }] })).rejects.toMatchObject({ key: 'tender.exceedsDue', params: { due: '8,00 €' } });
    await expect(refused({ operatorCode: '77', operatorPin: '1234', lines: [{ code: BORDEAUX, qty: 1 }] })).rejects.toMatchObject({ key: 'login.failed' });
    await expect(refused({ lines: [] })).rejects.toMatchObject({ key: 'sale.empty' });
    await expect(refused({ key: 'a key with spaces', lines: [{ code: BORDEAUX, qty: 1 }] })).rejects.toMatchObject({ key: 'sale.keyInvalid' });
    await expect(refused({ customerCode: 'NOBODY', lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 899 }] })).rejects.toMatchObject({ key: 'customer.unknownCode' });
    await expect(refused({ codes: [BAGUETTE], lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 899 }] })).rejects.toMatchObject({ key: 'cli.codeNotApplicable' });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 899, ref: 'X' }] })).rejects.toMatchObject({ key: 'giftCard.codeMalformed' });
    expect(await t.db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  });

  it('records the customer the sale is for', async () => {
    const t = await till();
    const [{ id }] = await t.db('customers').insert({ code: 'C-1001', first_name: 'Claire', last_name: 'Martin' }).returning('id');
    const { sale } = await createSale(t, order({ customerCode: 'C-1001', lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'cash', cents: 130 }] }));
    expect(sale.customerId).toBe(id);
    expect(await t.db('sales').where('id', sale.id).first()).toMatchObject({ customer_id: id });
  });

  it('returns the ticket a retried key wrote, even when the first run used up what it drew on', async () => {
    const t = await till();
    // BONJOUR: once per customer. The answer to the first run is lost; the script tries again.
    const o = order({ key: 'retry-bonjour', customerCode: 'FID-000003', codes: ['BONJOUR'], lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'cash', cents: 2000 }] });
    const first = await createSale(t, o);
    expect(first.created).toBe(true);
    expect(first.sale.adjustments.map((a) => a.ref)).toContain('BONJOUR');
    const again = await createSale(t, o);
    expect(again.created).toBe(false);
    expect(again.sale.id).toBe(first.sale.id);
    await expect(createSale(t, { ...o, lines: [{ code: BORDEAUX, qty: 3 }] })).rejects.toMatchObject({ key: 'sale.keyReused' });
  });
});

describe('an idempotency key belongs to one request: its till and its content (two tills, real connections)', () => {
  const testDb = useTestDatabase();
  const tills: Till[] = [];
  afterAll(async () => {
    for (const t of tills) await closeTill(t);
  });
  /** A till of its own, with its own pool of connections, as on another machine. */
  async function till(terminal: 'T01' | 'T02'): Promise<Till> {
    const t = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_TERMINAL: terminal } }));
    tills.push(t);
    return t;
  }
  const voucher = async (t: Till, cents: number) => (await issueVoucher(t.db, t.config, { origin: 'manual', amountCents: cents, terminal: t.terminal, operatorId: 2, approver: MANAGER })).code;
  const balance = async (code: string) => (await testDb().db('vouchers').where('code', code).first()).balance_cents as number;
  const salesUnder = (key: string) => testDb().db('sales').where('idempotency_key', key).select('id', 'terminal_id');

  it('refuses the key from another till, or with other lines, tenders, customer, voucher or codes; a true retry gets the first ticket', async () => {
    const [t01, t02] = [await till('T01'), await till('T02')];
    const [v1, v2] = [await voucher(t01, 500), await voucher(t01, 500)];
    const o: SaleOrder = {
      key: 'K1', operatorCode: '1', operatorPin: '1234', customerCode: 'FID-000001',
      lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 500, ref: v1 }, { kind: 'cash', cents: 500 }],
    };
    const first = await createSale(t01, o);
    expect(first).toMatchObject({ created: true, sale: { terminalCode: 'T01' } });
    expect(await balance(v1)).toBe(0);
    await expect(createSale(t02, o)).rejects.toMatchObject({ key: 'sale.keyReused', params: { key: 'K1' } });
    for (const other of [
      { ...o, lines: [{ code: BORDEAUX, qty: 2 }] },
      { ...o, lines: [{ code: BAGUETTE, qty: 1 }] },
      { ...o, tenders: [{ kind: 'voucher', cents: 500, ref: v1 }, { kind: 'card', cents: 399 }] },
      { ...o, tenders: [{ kind: 'voucher', cents: 500, ref: v2 }, { kind: 'cash', cents: 500 }] },
      { ...o, customerCode: 'FID-000002' },
      { ...o, customerCode: undefined },
      { ...o, codes: ['BONJOUR'] },
      { ...o, operatorCode: '2', operatorPin: '9999' },
    ] satisfies SaleOrder[]) {
      await expect(createSale(t01, other)).rejects.toMatchObject({ key: 'sale.keyReused' });
    }
    // The same order again (a barcode for its SKU, the code as typed in other case): the first ticket.
    const again = await createSale(t01, { ...o, customerCode: 'fid-000001', lines: [{ code: 'cave-001', qty: 1 }] });
    expect(again).toMatchObject({ created: false, sale: { id: first.sale.id, ticketNo: first.sale.ticketNo, terminalCode: 'T01' } });
    expect(await salesUnder('K1')).toEqual([{ id: first.sale.id, terminal_id: t01.terminal.id }]);
    expect([await balance(v1), await balance(v2)]).toEqual([0, 500]);
  });

  /**
   * Both requests pass the look-up made before pricing while a third connection holds the key
   * uncommitted, then meet in the commit statement once it lets go.
   */
  async function race<T>(key: string, run: () => Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
    const { db } = testDb();
    const t01 = await db('terminals').where('code', 'T01').first();
    // As the owner: a till writes a ticket only through pos_commit_sale.
    const blocker = await testDb().owner.transaction();
    try {
      await blocker('sales').insert({ idempotency_key: key, request_hash: 'held', terminal_id: t01.id, store_id: t01.store_id, operator_id: 1, ticket_no: 999_999, total_cents: 0 });
      const settled = Promise.allSettled(run());
      const waiting = async () => Number((await db.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n);
      while ((await waiting()) < 2) await new Promise((r) => setTimeout(r, 10));
      await blocker.rollback();
      return await settled;
    } finally {
      if (!blocker.isCompleted()) await blocker.rollback();
    }
  }

  it('two tills sending the same key at once: one ticket, the other refused by the commit statement', async () => {
    const [t01, t02] = [await till('T01'), await till('T02')];
    const key = randomUUID();
    const o: SaleOrder = { key, operatorCode: '1', operatorPin: '1234', lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'cash', cents: 200 }] };
    const results = await race(key, () => [createSale(t01, o), createSale(t02, o)]);
    const made = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(made).toHaveLength(1);
    expect(made[0]!.value.created).toBe(true);
    expect(refused.map((r) => (r.reason as { key?: string }).key)).toEqual(['sale.keyReused']);
    expect(await salesUnder(key)).toEqual([{ id: made[0]!.value.sale.id, terminal_id: made[0]!.value.sale.terminalCode === 'T01' ? t01.terminal.id : t02.terminal.id }]);
  });

  it('a retry racing its first run on the same till (two connections): one ticket, both answered with it, the voucher debited once', async () => {
    const [a, b] = [await till('T01'), await till('T01')];
    const v = await voucher(a, 1000);
    const key = randomUUID();
    const o: SaleOrder = { key, operatorCode: '1', operatorPin: '1234', lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 899, ref: v }] };
    const results = await race(key, () => [createSale(a, o), createSale(b, o)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const answers = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof createSale>>>).value);
    expect(answers.map((r) => r.created).sort()).toEqual([false, true]);
    expect(new Set(answers.map((r) => r.sale.id)).size).toBe(1);
    expect(await salesUnder(key)).toHaveLength(1);
    expect(await balance(v)).toBe(101);
  });
});


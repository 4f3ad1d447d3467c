// The chain generator against real PostgreSQL: a small chain built into the demo shop's
// database has the sizes asked, books `pos check` finds whole and seal chains `pos verify` finds
// whole; a sale then committed at a generated till (with a generated card, item, coupon and
// voucher) continues its till's numbers and chain; a second build into the same database is
// refused and changes nothing.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../app/check/check';
import { commitSale } from '../../app/commitSale';
import { createSale } from '../../app/createSale';
import { verifyChains } from '../../app/fiscal/verify';
import { closeTill, openTill, type Till } from '../../app/till';
import { loadConfig } from '../../config/load';
import { findTerminal } from '../../data/places';
import type { CatalogItem } from '../../domain/item';
import { useTestDatabase } from '../../testing/db';
import { buildSale } from '../commits';
import { ChainExistsError, generateChain, sizesProblem } from './generate';
import { chainTerminalCode, SMALL_CHAIN, type ChainSizes, type GeneratedChain } from './types';

const SIZES: ChainSizes = { ...SMALL_CHAIN, tills: 11 };

describe('generateChain', () => {
  const testDb = useTestDatabase();
  let built: GeneratedChain;
  // The indexes and constraints of every table, as the migrations made them: the generator sets
  // indexes aside during its loads and must put every one back as it was.
  const schema = async (): Promise<string[]> =>
    (await testDb().owner.raw<{ rows: { d: string }[] }>(
      `SELECT format('index %s.%s: %s', tablename, indexname, indexdef) AS d FROM pg_indexes WHERE schemaname = 'public'
       UNION ALL
       SELECT format('constraint %s.%s: %s deferrable=%s deferred=%s valid=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), condeferrable, condeferred, convalidated)
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       ORDER BY 1`,
    )).rows.map((r) => r.d);
  let schemaBefore: string[];

  beforeAll(async () => {
    schemaBefore = await schema();
    built = await generateChain(testDb().owner, SIZES);
  });

  it('leaves every index and constraint as it found them', async () => {
    expect(schemaBefore.filter((d) => d.includes('items_name_trgm') || d.includes('vouchers_code_unique'))).toHaveLength(3);
    expect(await schema()).toEqual(schemaBefore);
  });

  const count = async (sql: string): Promise<number> => Number((await testDb().owner.raw<{ rows: { n: string }[] }>(sql)).rows[0]!.n);

  it('builds every family to the sizes asked, and says how long each table took', async () => {
    expect(await count("SELECT count(*) AS n FROM stores WHERE code LIKE 'S___'")).toBe(SIZES.stores);
    expect(await count("SELECT count(*) AS n FROM terminals WHERE code LIKE 'S___-T__'")).toBe(SIZES.tills);
    // 11 tills over 3 stores: 4, 4, 3.
    expect(await count("SELECT count(*) AS n FROM terminals WHERE code LIKE 'S003-T__'")).toBe(3);
    expect(await count("SELECT count(*) AS n FROM items WHERE sku LIKE 'CH-%'")).toBe(SIZES.items);
    expect(await count("SELECT count(*) AS n FROM customers c JOIN customer_cards k ON k.customer_id = c.id AND k.code = c.code WHERE c.code LIKE 'FID-________'")).toBe(SIZES.customers);
    expect(await count("SELECT count(*) AS n FROM loyalty_balances b JOIN customers c ON c.id = b.customer_id WHERE c.code LIKE 'FID-________'")).toBe(SIZES.customers);
    expect(await count('SELECT count(*) AS n FROM vouchers')).toBe(SIZES.vouchers);
    expect(await count('SELECT count(*) AS n FROM gift_cards')).toBe(SIZES.giftCards);
    expect(await count("SELECT (SELECT count(*) FROM voucher_movements WHERE channel IS DISTINCT FROM 'store') + (SELECT count(*) FROM gift_card_movements) AS n")).toBe(SIZES.ledgerRows);
    expect(await count("SELECT count(*) AS n FROM coupon_codes WHERE code LIKE 'CH%'")).toBe(SIZES.couponCodes);
    expect(await count("SELECT count(*) AS n FROM sales WHERE idempotency_key LIKE 'chain-%'")).toBe(SIZES.tickets);
    expect(await count("SELECT count(*) AS n FROM fiscal_seals f JOIN sales s ON s.id = f.ref_id WHERE f.chain = 'ticket' AND s.idempotency_key LIKE 'chain-%'")).toBe(SIZES.tickets);
    // Some of everything a shop's books hold: spent, expired and open vouchers, coupon uses, points.
    expect(await count("SELECT count(DISTINCT status) AS n FROM vouchers")).toBe(3);
    expect(await count("SELECT count(DISTINCT status) AS n FROM gift_cards")).toBe(3);
    expect(await count('SELECT count(*) AS n FROM coupon_uses')).toBeGreaterThan(100);
    expect(await count("SELECT count(*) AS n FROM loyalty_movements WHERE unit = 'points'")).toBeGreaterThan(1000);
    const rows = Object.fromEntries(built.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({ stores: SIZES.stores, terminals: SIZES.tills, items: SIZES.items, customers: SIZES.customers, vouchers: SIZES.vouchers, gift_cards: SIZES.giftCards, coupon_codes: SIZES.couponCodes, sales: SIZES.tickets, fiscal_seals: SIZES.tickets });
    expect(rows.voucher_movements! + rows.gift_card_movements!).toBe(SIZES.ledgerRows);
    expect(built.seconds).toBeGreaterThan(0);
  });

  it('leaves books pos check finds whole and seal chains pos verify finds whole', async () => {
    const check = await checkDatabase(testDb().owner);
    expect(check.breaks).toEqual([]);
    expect(check.counts.tickets).toBeGreaterThanOrEqual(SIZES.tickets);
    const verify = await verifyChains(testDb().owner);
    expect(verify.breaks).toEqual([]);
    expect(verify.links).toBeGreaterThanOrEqual(SIZES.tickets);
  });

  it('lets a till sell on: its next number, its chain continued, with a generated card, item, coupon and voucher', async () => {
    const db = testDb().db;
    const code = chainTerminalCode(1, 2);
    const before = (await testDb().owner('terminals').where({ code }).first('next_ticket_no')) as { next_ticket_no: string };
    // Through the use case the till commits with (as the bench's load does).
    const terminal = (await findTerminal(db, code))!;
    const items = (await db('items').where('sku', 'like', 'CH-%').orderBy('id').limit(50).select('id', 'sku', 'barcode', 'name', 'price_cents', 'vat_rate_bp')) as { id: number; sku: string; barcode: string; name: string; price_cents: string; vat_rate_bp: number }[];
    const catalog: CatalogItem[] = items.map((r) => ({ id: r.id, sku: r.sku, barcode: r.barcode, name: r.name, priceCents: Number(r.price_cents), vatRateBp: r.vat_rate_bp }));
    let seed = 7;
    const first = await commitSale(db, buildSale(terminal, catalog, 3, () => (seed = (seed * 48271) % 2147483647) / 2147483647));
    expect(first.sale.ticketNo).toBe(Number(before.next_ticket_no));

    // As a cashier rings it up: a card, a barcode, an unused single-use coupon, part paid by voucher.
    // The generated year has no closings: the till would close each of its days first (Z), which
    // is the closings' business, not this test's.
    const env = { DATABASE_URL: testDb().url, POS_TERMINAL: code, POS_CLOSINGS_AUTO_CLOSE: 'false' };
    const till: Till = await openTill(loadConfig({ root: '/nonexistent', env }));
    try {
      const coupon = (await db('coupon_codes as c').join('coupon_definitions as d', 'd.id', 'c.definition_id').where('d.symbol', 'CHAINB2')
        .whereNotExists(db('coupon_uses as u').whereRaw('u.code_id = c.id')).orderBy('c.id', 'desc').first('c.code')) as { code: string };
      const voucher = (await db('vouchers').where('status', 'active').where('balance_cents', '>=', 100).orderBy('id').first('code')) as { code: string };
      const second = await createSale(till, {
        operatorCode: '1', operatorPin: '1234', key: randomUUID(), customerCode: 'FID-00000042', codes: [coupon.code],
        lines: [{ code: items[0]!.barcode, qty: 4 }, { code: items[1]!.sku, qty: 3 }, { code: 'CAVE-001', qty: 2 }],
        tenders: [{ kind: 'voucher', cents: 100, ref: voucher.code }, { kind: 'cash', cents: 100_000 }],
      });
      expect(second.sale.ticketNo).toBe(Number(before.next_ticket_no) + 1);
      expect(second.sale.adjustments.map((a) => a.ref)).toContain(coupon.code);
    } finally {
      await closeTill(till);
    }
    const verify = await verifyChains(testDb().owner);
    expect(verify.breaks).toEqual([]);
    expect((await checkDatabase(testDb().owner)).breaks).toEqual([]);
  });

  it('refuses to build a second chain into the same database, and changes nothing', async () => {
    const sales = await count('SELECT count(*) AS n FROM sales');
    await expect(generateChain(testDb().owner, SIZES)).rejects.toThrow(ChainExistsError);
    await expect(generateChain(testDb().owner, SIZES)).rejects.toThrow(/already holds a generated chain \(store S001\)/);
    expect(await count('SELECT count(*) AS n FROM sales')).toBe(sales);
  });

  it('says which sizes cannot make a chain', () => {
    expect(sizesProblem(SMALL_CHAIN)).toBeNull();
    expect(sizesProblem({ ...SMALL_CHAIN, tills: 2 })).toMatch(/every store needs a till/);
    expect(sizesProblem({ ...SMALL_CHAIN, ledgerRows: 1999 })).toMatch(/ledgerRows/);
    expect(sizesProblem({ ...SMALL_CHAIN, items: -1 })).toMatch(/items must be a whole number/);
    expect(sizesProblem({ ...SMALL_CHAIN, tickets: 0 })).toMatch(/gift cards are sold on tickets/);
  });
});


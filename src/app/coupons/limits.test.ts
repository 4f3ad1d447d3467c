import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import type { Terminal } from '../../data/places';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { commitSale, type SaleRequest } from '../commitSale';
import { Refusal } from '../errors';
import { defineCoupon } from './definitions';
import { generateCodes } from './generate';
import { addCustomer, fields, saleWithCodes } from './testFixtures';

const BORDEAUX = 'CAVE-001';

// Two tills are two processes with their own connections: each sale below goes through a pool
// of its own till, and all of a round are committed at once. The baskets are built first, so
// every one of them passed the till's check; the database alone decides who gets the uses.

describe('coupon limits under concurrent commits', () => {
  const testDb = useTestDatabase();
  let tills: { db: Knex; terminal: Terminal }[] = [];

  beforeAll(async () => {
    const { db, url } = testDb();
    const [store] = await db('stores').insert({ code: 'M02', name: 'Épicerie de la Gare' }).returning('id');
    await db('terminals').insert({ code: 'T03', name: 'Caisse gare', store_id: store.id });
    tills = [];
    for (const code of ['T01', 'T02', 'T03']) tills.push({ db: openDb({ url, poolMax: 4 }), terminal: await terminal(db, code) });
    await addCustomer(db, 'C-1');
    await addCustomer(db, 'C-2');
  });
  afterAll(async () => {
    await Promise.all(tills.map((t) => t.db.destroy()));
  });

  async function coupon(symbol: string, limitScope: string, limit: number): Promise<void> {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol, limitScope, limit: String(limit), customerRule: limitScope === 'customer' ? 'required' : '' }));
    await generateCodes(db, { symbol, status: 'active' }, '2026-11-22');
  }

  /** Commits every sale at once, each on its till's own pool; what each one came to. */
  async function race(sales: { till: number; req: SaleRequest }[]): Promise<string[]> {
    const outcomes = await Promise.allSettled(sales.map((s) => commitSale(tills[s.till]!.db, s.req)));
    return outcomes.map((o) => {
      if (o.status === 'fulfilled') return 'sold';
      if (o.reason instanceof Refusal) return o.reason.key;
      throw o.reason;
    });
  }

  async function sales(code: string, plan: { till: number; customer?: string }[]) {
    const { db } = testDb();
    return Promise.all(plan.map(async (p) => ({ till: p.till, req: await saleWithCodes(db, tills[p.till]!.terminal, [[BORDEAUX, 1]], [code], { customer: p.customer }) })));
  }

  const count = (list: string[], what: string) => list.filter((x) => x === what).length;

  it('one use left, two tills at once: exactly one gets it, round after round', async () => {
    const { db } = testDb();
    for (let round = 1; round <= 5; round++) {
      const code = `DERNIER${round}`;
      await coupon(code, 'global', 1);
      const result = await race(await sales(code, [{ till: 0 }, { till: 1 }]));
      expect(result.sort()).toEqual(['coupon.commit.limitGlobal', 'sold']);
      expect(await db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').where('c.code', code)).toHaveLength(1);
    }
  });

  it('global: three uses among ten sales on three tills in two stores', async () => {
    const { db } = testDb();
    await coupon('GLOBAL3', 'global', 3);
    const before = Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);
    const result = await race(await sales('GLOBAL3', Array.from({ length: 10 }, (_, i) => ({ till: i % 3 }))));
    expect(count(result, 'sold')).toBe(3);
    expect(count(result, 'coupon.commit.limitGlobal')).toBe(7);
    // The refused sales left nothing behind: no ticket, no use.
    expect(Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n)).toBe(before + 3);
    const code = await db('coupon_codes').where('code', 'GLOBAL3').first('id');
    expect(await db('coupon_uses').where('code_id', code.id)).toHaveLength(3);
    expect(await db('coupon_use_counts').where('code_id', code.id).select('scope', 'scope_key', 'uses')).toEqual([{ scope: 'global', scope_key: '', uses: 3 }]);
  });

  it('per store: two uses in each store, whichever till of the store', async () => {
    const { db } = testDb();
    await coupon('MAGASIN2', 'store', 2);
    // T01 and T02 are in store M01, T03 in M02.
    const plan = Array.from({ length: 12 }, (_, i) => ({ till: i % 3 }));
    const result = await race(await sales('MAGASIN2', plan));
    const m01 = result.filter((_, i) => plan[i]!.till < 2);
    const m02 = result.filter((_, i) => plan[i]!.till === 2);
    expect([count(m01, 'sold'), count(m01, 'coupon.commit.limitStore')]).toEqual([2, 6]);
    expect([count(m02, 'sold'), count(m02, 'coupon.commit.limitStore')]).toEqual([2, 2]);
    const uses = await db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').join('stores as s', 's.id', 'u.store_id')
      .where('c.code', 'MAGASIN2').groupBy('s.code').orderBy('s.code').select('s.code', db.raw('count(*)::int AS n'));
    expect(uses).toEqual([{ code: 'M01', n: 2 }, { code: 'M02', n: 2 }]);
  });

  it('per customer: one use each, however many tills try at once', async () => {
    const { db } = testDb();
    await coupon('CLIENT1', 'customer', 1);
    const plan = Array.from({ length: 8 }, (_, i) => ({ till: i % 3, customer: i % 2 === 0 ? 'C-1' : 'C-2' }));
    const result = await race(await sales('CLIENT1', plan));
    for (const customer of ['C-1', 'C-2']) {
      const theirs = result.filter((_, i) => plan[i]!.customer === customer);
      expect([customer, count(theirs, 'sold'), count(theirs, 'coupon.commit.limitCustomer')]).toEqual([customer, 1, 3]);
    }
    expect(await db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').where('c.code', 'CLIENT1').pluck('u.customer_id')).toHaveLength(2);
  });
});

import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import type { Terminal } from '../../data/places';
import { race as raceAtDatabase } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { Refusal } from '../errors';
import { defineCoupon } from './definitions';
import { generateCodes } from './generate';
import { addCustomer, fields, saleWithCodes } from './testFixtures';

const BORDEAUX = 'CAVE-001';

// Two tills are two processes with their own connections: each sale below goes through a pool
// of its own till, on a till of its own (so no ticket counter puts them in a line). The baskets
// are built first, so every one of them passed the till's check; then all the sales of a test
// are held at the database, each having counted the uses it can see, before any records its
// use (src/testing/barrier.ts): the database alone decides who gets the uses.

describe('coupon limits under concurrent commits', () => {
  const testDb = useTestDatabase();
  let tills: { db: Knex; terminal: Terminal }[] = [];

  beforeAll(async () => {
    const { db, url } = testDb();
    const [store] = await testDb().owner('stores').insert({ code: 'M02', name: 'Épicerie de la Gare' }).returning('id');
    await testDb().owner('terminals').insert([{ code: 'T03', name: 'Caisse gare', store_id: store.id }, { code: 'T04', name: 'Caisse gare 2', store_id: store.id }]);
    tills = [];
    // T01 and T02 are in store M01, T03 and T04 in M02.
    for (const code of ['T01', 'T02', 'T03', 'T04']) tills.push({ db: openDb({ url, poolMax: 2 }), terminal: await terminal(db, code) });
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

  /** One sale with the code on each till of the plan, all held at the database together; what each one came to. */
  async function race(code: string, plan: { till: number; customer?: string }[]): Promise<string[]> {
    const { db } = testDb();
    const sales = await Promise.all(plan.map(async (p) => ({ till: tills[p.till]!, req: await saleWithCodes(db, tills[p.till]!.terminal, [[BORDEAUX, 1]], [code], { customer: p.customer }) })));
    const results = await raceAtDatabase(testDb(), { before: 'INSERT', table: 'coupon_uses' }, sales.map((s) => () => commitSale(s.till.db, s.req)));
    expect(await ledgerMismatches(db)).toEqual([]);
    return results.map((o) => {
      if (o.status === 'fulfilled') return 'sold';
      if (o.reason instanceof Refusal) return o.reason.key;
      throw o.reason;
    });
  }

  const uses = async (code: string) => {
    const { db } = testDb();
    return db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').join('stores as s', 's.id', 'u.store_id').leftJoin('customers as cu', 'cu.id', 'u.customer_id')
      .where('c.code', code).orderBy('u.id').select('s.code as store', 'cu.code as customer');
  };

  it('one use left, two tills at once: exactly one gets it', async () => {
    await coupon('DERNIER', 'global', 1);
    expect((await race('DERNIER', [{ till: 0 }, { till: 1 }])).sort()).toEqual(['coupon.commit.limitGlobal', 'sold']);
    expect(await uses('DERNIER')).toHaveLength(1);
  });

  it('global: three uses among four tills in two stores; the refused sale leaves nothing', async () => {
    const { db } = testDb();
    await coupon('GLOBAL3', 'global', 3);
    const before = Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);
    const result = await race('GLOBAL3', [0, 1, 2, 3].map((till) => ({ till })));
    expect(result.sort()).toEqual(['coupon.commit.limitGlobal', 'sold', 'sold', 'sold']);
    // The refused sale left nothing behind: no ticket, no use.
    expect(Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n)).toBe(before + 3);
    expect(await uses('GLOBAL3')).toHaveLength(3);
    const code = await db('coupon_codes').where('code', 'GLOBAL3').first('id');
    expect(await db('coupon_use_counts').where('code_id', code.id).select('scope', 'scope_key', 'uses')).toEqual([{ scope: 'global', scope_key: '', uses: 3 }]);
  });

  it('per store: one use in each store, whichever till of the store', async () => {
    await coupon('MAGASIN1', 'store', 1);
    const result = await race('MAGASIN1', [0, 1, 2, 3].map((till) => ({ till })));
    expect([result.slice(0, 2).sort(), result.slice(2).sort()]).toEqual([['coupon.commit.limitStore', 'sold'], ['coupon.commit.limitStore', 'sold']]);
    expect((await uses('MAGASIN1')).map((u) => u.store).sort()).toEqual(['M01', 'M02']);
  });

  it('per customer: one use each, however many tills try at once', async () => {
    await coupon('CLIENT1', 'customer', 1);
    const result = await race('CLIENT1', [{ till: 0, customer: 'C-1' }, { till: 1, customer: 'C-2' }, { till: 2, customer: 'C-1' }, { till: 3, customer: 'C-2' }]);
    expect([[result[0], result[2]].sort(), [result[1], result[3]].sort()]).toEqual([['coupon.commit.limitCustomer', 'sold'], ['coupon.commit.limitCustomer', 'sold']]);
    expect((await uses('CLIENT1')).map((u) => u.customer).sort()).toEqual(['C-1', 'C-2']);
  });
});

// A till following the store live: a sale committed on another connection reaches it through
// LISTEN/NOTIFY and its own read; its listening connection killed (pg_terminate_backend) while
// two tills go on selling, it says so, comes back, and catches up exactly: every event once,
// none missed, the figures as the database has them.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load';
import { publishEvents } from '../../data/events';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { until } from '../../testing/until';
import { commitSale } from '../commitSale';
import { setStatus } from '../coupons/codes';
import { importItems, parseItemsCsv } from '../importItems';
import { countStock } from '../stock/book';
import { setThreshold } from '../stock/threshold';
import { closeTill, openTill, type Till } from '../till';
import type { ListenState } from './listener';
import { TillLive } from './tillLive';

describe('live events on a till', () => {
  const testDb = useTestDatabase();
  let till: Till;
  const log = { error: () => undefined };
  beforeAll(async () => {
    // Lost, the listening connection is made again a second later: sales go on meanwhile.
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DB_RETRY_MS: '1000', POS_EVENTS_MAX_RETRY_MS: '2000' } }));
  });
  afterAll(async () => {
    await closeTill(till);
  });

  const itemId = async (db: Knex, sku: string) => (await db('items').where('sku', sku).first('id')).id as number;
  const setFigure = async (db: Knex, sku: string, qty: number) => countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: sku, qty: String(qty) }]);
  const sell = async (db: Knex, code: string, sku: string) => commitSale(db, await saleRequest(db, { terminal: await terminal(db, code), lines: [[sku, 1]] }));

  async function started(): Promise<TillLive> {
    const live = new TillLive(till, log);
    await live.start();
    await until(() => live.state === 'live', 'the listening connection');
    return live;
  }

  it('sees a sale of another till at once: the figure counts down, "plus que 3"', async () => {
    const { db } = testDb();
    await setFigure(db, 'BOUL-008', 4);
    await setThreshold(db, { code: 'BOUL-008', threshold: '5', tillStoreId: 1 });
    const live = await started();
    try {
      const id = await itemId(db, 'BOUL-008');
      expect(live.lowLeft(id)).toBe(4);
      // Sold on the other till, through another pool: only the notification tells this one.
      await sell(db, 'T02', 'BOUL-008');
      await until(() => live.lowLeft(id) === 3, '"plus que 3"');
      await sell(db, 'T02', 'BOUL-008');
      await sell(db, 'T02', 'BOUL-008');
      await sell(db, 'T02', 'BOUL-008');
      await until(() => live.lowLeft(id) === 0, 'the last one sold');
      // A threshold lowered in the back office: not low any more.
      await setFigure(db, 'BOUL-008', 3);
      await setThreshold(db, { code: 'BOUL-008', threshold: '2', tillStoreId: 1 });
      await until(() => live.lowLeft(id) === null, 'the threshold lowered');
    } finally {
      await live.close();
    }
  });

  it('hears of a price imported, a coupon code blocked, a voucher cancelled', async () => {
    const { db } = testDb();
    const live = await started();
    try {
      const { barcode } = await db('items').where('sku', 'BOUL-009').first('barcode');
      await importItems(db, parseItemsCsv(`sku;barcode;name;price;vat;group\nBOUL-009;${barcode};Chausson aux pommes;1,80;5,5;BOUL\n`), 'fr');
      const id = await itemId(db, 'BOUL-009');
      await until(() => live.itemChange(id)?.priceCents === 180, 'the new price');
      const code = (await db('coupon_codes').where('status', 'active').first('code')).code as string;
      await setStatus(db, [code], 'blocked');
      await until(() => live.codeStatus(code)?.status === 'blocked', 'the code blocked');
      await publishEvents(db, [{ kind: 'voucher', subject: 'K7QMHXT9CWRPNA', data: { status: 'cancelled' } }]);
      await until(() => live.codeStatus('K7QMHXT9CWRPNA')?.kind === 'voucher', 'the voucher cancelled');
    } finally {
      await live.close();
    }
  });

  it('catches up exactly after its listening connection is killed while two tills sell', async () => {
    const { db } = testDb();
    const skus = ['EPIC-006', 'EPIC-007', 'EPIC-008'];
    for (const sku of skus) await setFigure(db, sku, 100);
    // One of them low: its sales wake the tills; the others' are read at the next wake-up.
    await setThreshold(db, { code: 'EPIC-008', threshold: '1000', tillStoreId: 1 });
    const before = Number((await db('events').max({ id: 'id' }))[0]!.id);
    const live = await started();
    const delivered: number[] = [];
    live.feed.read((events) => delivered.push(...events.map((e) => e.id)));
    const states: ListenState[] = [];
    live.feed.watch((s) => states.push(s));
    try {
      let soldWhileLost = 0;
      const tills = ['T01', 'T02'].map(async (code, t) => {
        for (let i = 0; i < 12; i++) await sell(db, code, skus[(i + t) % skus.length]!);
      });
      await Promise.all(tills);
      const { rows } = await db.raw<{ rows: { n: number }[] }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()', [`${till.conn.applicationName}:listen`]);
      expect(rows[0]!.n).toBe(1);
      await until(() => live.state === 'lost', 'the feed to see its connection gone');
      // Sales go on, on both tills, while the till is deaf.
      await Promise.all(['T01', 'T02'].map(async (code) => {
        for (let i = 0; i < 6; i++) {
          await sell(db, code, skus[i % skus.length]!);
          if (live.state === 'lost') soldWhileLost += 1;
        }
      }));
      expect(soldWhileLost).toBeGreaterThan(0);
      // Back, it reads at once what it missed: no later sale is needed to wake it.
      await until(() => live.state === 'live', 'the listening connection made again');
      const expected = (await db('events').where('id', '>', before).whereRaw('(store_id = 1 OR store_id IS NULL)').orderBy('id').pluck('id')) as number[];
      await until(() => delivered.length >= expected.length, 'every event read');
      expect([...delivered].sort((a, b) => a - b)).toEqual(expected);
      expect(new Set(delivered).size).toBe(delivered.length);
      expect(states).toEqual(['lost', 'live']);
      for (const sku of skus) {
        const level = live.stock.get(await itemId(db, sku));
        const row = await db('stock_levels').where({ store_id: 1, item_id: await itemId(db, sku) }).first('qty', 'last_movement_id');
        expect(level).toMatchObject({ qty: row.qty, v: Number(row.last_movement_id) });
      }
    } finally {
      await live.close();
    }
  });

  it('closes with the till: nothing left listening', async () => {
    const t = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    const live = new TillLive(t, log);
    await live.start();
    const name = `${t.conn.applicationName}:listen`;
    const listening = async () => Number((await testDb().db('pg_stat_activity').where('application_name', name).andWhereRaw('datname = current_database()').count({ n: '*' }))[0]!.n);
    await until(async () => (await listening()) === 1, 'the listener');
    await closeTill(t);
    await until(async () => (await listening()) === 0, 'the listener gone');
  });
});

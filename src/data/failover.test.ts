import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../app/check/check';
import type { CommitResult, SaleRequest } from '../app/commitSale';
import { connect, disconnect, type Connection } from '../app/connect';
import { findCustomers } from '../app/customers/search';
import { readSide, readSourceLine, withReadDb } from '../app/readDb';
import { readReportQuery, runReport } from '../app/reports/reports';
import { seedDemo } from '../app/seedDemo';
import { closeTill, openTill } from '../app/till';
import { runCli } from '../cli/testCli';
import { commitSpooled } from '../app/spool';
import { Listener } from '../app/events/listener';
import type { Config } from '../config/schema';
import { caughtUp, startPrimary, startStandby, type PgServer } from '../testing/cluster';
import { saleRequest, terminal } from '../testing/fixtures';
import { TEST_TILL_PASSWORD, TEST_TILL_USER } from '../testing/tillUser';
import { needs } from '../testing/tools';
import { useTillScreens } from '../testing/tillScreen';
import { testConfig } from '../testing/tui';
import { until } from '../testing/until';
import { isConnectionError, openDb, serverQuery, withDatabase } from './db';
import { migrateLatest } from './migrations';
import { ensureTillLogin } from './roles';

const ITEMS = ['3760000000017', '3760000000062', 'CAVE-001'];
const F11 = '\x1b[23~';

/** The till user on `server`'s database pos. */
const tillUrl = (server: PgServer) => `postgres://${TEST_TILL_USER}:${TEST_TILL_PASSWORD}@127.0.0.1:${server.port}/pos`;

// A chain's server: a primary and a standby streaming from it (pg_basebackup). The tills know
// both addresses (db.urls) and work on the one that accepts writes; reports read the standby
// (db.readUrls). The primary is stopped and the standby promoted while tills sell: each sale is
// committed once, by its key, on whichever server took it, and the books agree afterwards.
// In their written order: the lists read the standby before the failover ends it.
describe.skipIf(!needs('pg_basebackup', 'a primary and its streaming standby'))('a primary, its standby, and a failover while tills sell', { shuffle: false }, () => {
  let primary: PgServer | undefined;
  let standby: PgServer | undefined;
  let configured: Config | undefined;
  const screens = useTillScreens();

  beforeAll(async () => {
    primary = await startPrimary();
    await serverQuery(primary.url, 'CREATE DATABASE pos');
    const owner = openDb({ url: withDatabase(primary.url, 'pos'), applicationName: 'pos-test-failover' });
    try {
      await migrateLatest(owner);
      await seedDemo(owner);
      await ensureTillLogin(owner, TEST_TILL_USER, TEST_TILL_PASSWORD);
    } finally {
      await owner.destroy();
    }
    standby = await startStandby(primary);
    configured = testConfig('', { POS_DB_URLS: `${tillUrl(primary)},${tillUrl(standby)}`, POS_DB_READ_URLS: tillUrl(standby), POS_DB_RETRY_MS: '100', POS_DB_CONNECT_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await standby?.remove();
    await primary?.remove();
    if (configured) rmSync(configured.dataDir, { recursive: true, force: true });
  });

  it('back-office lists read the standby and say its lag; without db.readUrls they read the primary and say nothing', async () => {
    const config = configured!;
    await caughtUp(primary!, standby!);
    // What a list screen reads through: the till's standbys' pool, in recovery, with its lag.
    const till = await openTill(config, { migrate: true });
    try {
      const { db, source } = await readSide(till);
      expect((await db.raw('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
      expect(source).toMatchObject({ standby: true });
      expect(source!.lagSeconds).toBeGreaterThanOrEqual(0);
      const found = await findCustomers(db, '', { groupCode: null, status: 'all', owing: false }, { after: null, limit: 5 });
      expect(found.rows.length).toBeGreaterThan(0);
    } finally {
      await closeTill(till);
    }
    // Without db.readUrls the same till reads its own pool, and no line is said.
    const plain = await openTill({ ...config, db: { ...config.db, readUrls: [] } }, { migrate: true });
    try {
      expect(plain.readDb).toBeUndefined();
      expect(await readSide(plain)).toEqual({ db: plain.db, source: null });
    } finally {
      await closeTill(plain);
    }

    const env = { POS_LANG: 'en', POS_DB_URLS: config.db.urls.join(','), POS_DB_READ_URLS: config.db.readUrls.join(','), POS_DATA_DIR: config.dataDir };
    const { POS_DB_READ_URLS: _, ...primaryOnly } = env;
    const standbyLine = /^Read from the standby, [\d.]+ s behind the primary$/;
    // A till's list (its store's time zone) and a catalog list; each CLI run costs a second, so few.
    const vouchers = await runCli(config.dataDir, env, ['voucher', 'search']);
    expect(vouchers.stderr).toBe('');
    expect(vouchers.stdout.split('\n')[0]).toMatch(standbyLine);
    const plainVouchers = await runCli(config.dataDir, primaryOnly, ['voucher', 'search']);
    expect(plainVouchers.stderr).toBe('');
    expect(plainVouchers.stdout.split('\n')[0]).not.toMatch(/^Read from/);
    // The rest is the same list, read on either server.
    expect(vouchers.stdout.split('\n').slice(1).join('\n')).toBe(plainVouchers.stdout);
    const json = await runCli(config.dataDir, env, ['customer', 'search', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ read_from: { standby: true } });
    expect(JSON.parse(json.stdout).customers.length).toBeGreaterThan(0);
    const plainJson = await runCli(config.dataDir, primaryOnly, ['customer', 'search', '--json']);
    expect(JSON.parse(plainJson.stdout)).not.toHaveProperty('read_from');
    expect(JSON.parse(plainJson.stdout).customers).toEqual(JSON.parse(json.stdout).customers);

    // On the till, the back office's list of customers says it under the list.
    const s = screens(config, { bell: () => undefined });
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Clients'));
    await s.type(/(\d)\. Clients/.exec(menu)![1]!);
    await s.frame((f) => f.includes('page 1') && /Lu sur le serveur de secours, en retard de [\d,]+ s sur le principal/.test(f));
  }, 60_000);

  it('reports and pos check read the standby, with its lag; sales go on after the promotion, each key once', async () => {
    const config = configured!;
    const tills: Connection[] = [];
    for (let i = 0; i < 3; i++) tills.push(await connect(config, { migrate: true }));
    const spool = mkdtempSync(join(tmpdir(), 'pos-failover-spool-'));
    try {
      // The till works on the primary, the first of its addresses that accepts writes.
      expect((await tills[0]!.db.raw('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(false);
      const terminals = [await terminal(tills[0]!.db, 'T01'), await terminal(tills[0]!.db, 'T02')];

      // Each till sells as the sale screen does: spooled, committed, sent again under the same
      // key while the server does not answer (useSale's retry), until committed.
      const committed: { req: SaleRequest; result: CommitResult }[] = [];
      const attempts = { failed: 0 };
      let stopAt = Infinity;
      const sell = async (till: Connection, i: number) => {
        for (let n = 0; committed.length < stopAt; n++) {
          const req = await retrying(() => saleRequest(till.db, { terminal: terminals[i % 2]!, lines: [[ITEMS[n % 3]!, 1 + (n % 2)], [ITEMS[(n + i) % 3]!, 1]] }), attempts);
          const result = await retrying(() => commitSpooled(till.db, join(spool, String(i)), req), attempts);
          committed.push({ req, result });
        }
      };
      const load = Promise.all(tills.map((till, i) => sell(till, i)));
      // A listening connection given both addresses, as a till's live updates are.
      let wakes = 0;
      const listener = new Listener({ url: config.db.urls[0]!, urls: config.db.urls, channel: 'pos_failover_test', retryMs: 100, maxRetryMs: 400, heartbeatMs: 2000, applicationName: 'pos-test-listen', onWake: () => wakes++, onState: () => undefined });
      listener.start();
      await until(() => listener.state === 'live', 'the listener live on the primary');

      await until(() => committed.length >= 15, '15 sales on the primary', 30_000);
      // Reports on the standby, caught up: the same tickets as the primary has.
      await caughtUp(primary!, standby!);
      const onStandby = await withReadDb(config, async (db, source) => ({
        source,
        inRecovery: (await db.raw('SELECT pg_is_in_recovery() AS r')).rows[0].r as boolean,
        report: await runReport(db, 'sales', await readReportQuery(db, { from: '2000-01-01', to: '2999-12-31' }, config.timeZone)),
      }));
      expect(onStandby.inRecovery).toBe(true);
      expect(onStandby.source.standby).toBe(true);
      expect(onStandby.source.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(readSourceLine(onStandby.source, 'en')[0]).toMatch(/^Read from the standby, [\d.]+ s behind the primary$/);
      expect(onStandby.report.kind === 'sales' && onStandby.report.sales.tickets).toBeGreaterThanOrEqual(15);
      // Listed first, the standby is passed over: the till writes on the primary.
      const reversed = openDb({ url: tillUrl(standby!), urls: [tillUrl(standby!), tillUrl(primary!)], poolMax: 1 });
      try {
        expect((await reversed.raw('SELECT pg_is_in_recovery() AS r, inet_server_port() AS port')).rows[0]).toEqual({ r: false, port: primary!.port });
      } finally {
        await reversed.destroy();
      }
      // The back office's reports of a till on screen read there too.
      const till = await openTill(config, { migrate: true });
      try {
        expect((await till.readDb!.raw('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
      } finally {
        await closeTill(till);
      }
      // `pos report` says it under its title.
      const env = { POS_LANG: 'en', POS_DB_URLS: config.db.urls.join(','), POS_DB_READ_URLS: config.db.readUrls.join(','), POS_DATA_DIR: config.dataDir };
      const report = await runCli(config.dataDir, env, ['report', 'sales', '--from', '2000-01-01']);
      expect(report.stderr).toBe('');
      expect(report.stdout.split('\n')[1]).toMatch(/^Read from the standby, [\d.]+ s behind the primary$/);

      // The primary goes (a fast shutdown: transactions under way roll back), the standby is promoted.
      const before = committed.length;
      await primary!.stop('fast');
      await standby!.promote();
      stopAt = before + 30;
      await load;
      // The switch was felt: attempts failed while no server accepted writes, and were made again.
      expect(attempts.failed).toBeGreaterThan(0);
      // The listener found the promoted standby by itself, and hears what is notified there.
      const listening = async () => listener.state === 'live' && (await tills[0]!.db.raw("SELECT 1 FROM pg_stat_activity WHERE pid = ? AND application_name = 'pos-test-listen'", [listener.pid ?? 0])).rows.length === 1;
      await until(listening, 'the listener live on the promoted standby');
      const before2 = wakes;
      await tills[0]!.db.raw('NOTIFY pos_failover_test');
      await until(() => wakes > before2, 'a notification on the promoted standby');
      await listener.close();
      // The sales after the switch went to the promoted standby.
      expect((await tills[0]!.db.raw('SELECT pg_is_in_recovery() AS r, inet_server_port() AS port')).rows[0]).toEqual({ r: false, port: standby!.port });

      // Every sale committed once, by its key; a second sending of any returns its ticket.
      const keys = committed.map((c) => c.req.basket.key);
      expect(new Set(keys).size).toBe(committed.length);
      const db = tills[0]!.db;
      const rows = (await db('sales').whereIn('idempotency_key', keys).select('idempotency_key', 'id')) as { idempotency_key: string; id: number }[];
      expect(rows.length).toBe(committed.length);
      const ids = new Map(rows.map((r) => [r.idempotency_key, r.id]));
      for (const c of committed) expect(ids.get(c.req.basket.key)).toBe(c.result.sale.id);
      expect(await db('sales').count({ n: '*' })).toEqual([{ n: committed.length }]);
      for (const i of [0, 1, 2]) expect(readdirSync(join(spool, String(i))).filter((f) => f.endsWith('.json'))).toEqual([]);

      // pos check, on the promoted server (the read addresses now lead to a primary: said so).
      const checked = await withReadDb(config, async (rdb, source) => ({ source, result: await checkDatabase(rdb) }));
      expect(checked.source.standby).toBe(false);
      expect(checked.result.breaks).toEqual([]);
      expect(checked.result.ok).toBe(true);
      const cli = await runCli(config.dataDir, env, ['check', '--json']);
      expect(cli.code).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, read_from: { standby: false, lag_seconds: null } });
    } finally {
      for (const till of tills) await disconnect(till);
      rmSync(spool, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Again after 100 ms while the server does not answer, as the till does (db.retryMs). */
async function retrying<T>(work: () => Promise<T>, attempts: { failed: number }): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      attempts.failed++;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

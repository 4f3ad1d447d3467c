import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSale, type CommitResult } from '../app/commitSale';
import { connect, disconnect, type Connection } from '../app/connect';
import { startBouncer, type Bouncer } from '../testing/cluster';
import { admin, useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { ledgerMismatches } from '../testing/ledgers';
import { asTestTill, TEST_TILL_PASSWORD, TEST_TILL_USER } from '../testing/tillUser';
import { withDatabase } from './db';
import { pendingMigrations } from './migrations';
import { needs } from '../testing/tools';
import { testConfig } from '../testing/tui';

const ITEMS = ['3760000000017', '3760000000062', 'CAVE-001'];

// A chain's tills on one central server through PgBouncer in transaction mode: a server
// connection serves a client for one transaction, then another client. Nothing of a session
// may be relied upon between transactions (prepared statements, session locks, SET): the sales
// committed this way must be exactly those of a direct connection.
describe.skipIf(!needs('pgbouncer', 'tills through PgBouncer'))('tills through PgBouncer in transaction mode', () => {
  const testDb = useTestDatabase();
  let bouncer: Bouncer | undefined;

  beforeAll(async () => {
    const t = testDb();
    const owner = new URL(t.ownerUrl);
    bouncer = await startBouncer(t.url, { [TEST_TILL_USER]: TEST_TILL_PASSWORD, [decodeURIComponent(owner.username)]: decodeURIComponent(owner.password) });
  });
  afterAll(async () => {
    await bouncer?.close();
  });

  it('sell at once, each key committed once, every ledger agreeing with its balance', async () => {
    const t = testDb();
    const url = bouncer!.through(t.url);
    // The pooler is in transaction mode indeed (its console says so).
    const pooler = new pg.Client({ connectionString: withDatabase(url, 'pgbouncer') });
    await pooler.connect();
    const modes = (await pooler.query<{ key: string; value: string }>('SHOW CONFIG')).rows.filter((r) => r.key === 'pool_mode');
    await pooler.end();
    expect(modes.map((r) => r.value)).toEqual(['transaction']);
    // Four tills, connected as the till connects (its checks and migrations query included),
    // with more connections among them (4 × 4) than the pooler has to the server (8).
    const tills: Connection[] = [];
    const configs = [0, 1, 2, 3].map(() => testConfig(url, { POS_DB_POOL_MAX: '4' }));
    for (const config of configs) tills.push(await connect(config, { migrate: true }));
    try {
      const terminals = [await terminal(t.owner, 'T01'), await terminal(t.owner, 'T02')];
      const results = await Promise.all(tills.map(async (till, i) => {
        const mine: CommitResult[] = [];
        const term = terminals[i % 2]!;
        const sales = Array.from({ length: 12 }, (_, n) => saleRequest(till.db, { terminal: term, lines: [[ITEMS[n % 3]!, 1 + (n % 2)], [ITEMS[(n + i) % 3]!, 1]] }));
        // Each sale sent twice at once, as a retry racing its first attempt: one ticket.
        for (const req of await Promise.all(sales)) {
          const [a, b] = await Promise.all([commitSale(till.db, req), commitSale(till.db, req)]);
          expect(a.sale.id).toBe(b.sale.id);
          expect([a.created, b.created].sort()).toEqual([false, true]);
          expect(a.sale.terminalCode).toBe(term.code);
          mine.push(a);
        }
        return mine;
      }));
      const keys = results.flat().map((r) => r.sale.key);
      expect(new Set(keys).size).toBe(48);
      const rows = await t.owner('sales').whereIn('idempotency_key', keys).select('idempotency_key', 'terminal_id', 'store_id');
      expect(rows).toHaveLength(48);
      // Who sold it travels with the transaction, not with a session: each ticket names its till.
      const byKey = new Map(results.flat().map((r) => [r.sale.key, r.sale.terminalCode]));
      for (const row of rows) expect(terminals.find((x) => x.id === row.terminal_id)?.code).toBe(byKey.get(row.idempotency_key));
      // Numbered without gaps per till.
      for (const term of terminals) {
        const nos = (await t.owner('sales').where('terminal_id', term.id).orderBy('ticket_no').pluck('ticket_no')) as number[];
        expect(nos).toEqual(nos.map((_, i) => nos[0]! + i));
      }
      expect(await ledgerMismatches(t.owner)).toEqual([]);
    } finally {
      for (const till of tills) await disconnect(till);
      for (const config of configs) rmSync(config.dataDir, { recursive: true, force: true });
    }
  });

  it('two owner connections finding an empty database migrate it once: the turn is a transaction lock, held through the pooler', async () => {
    const t = testDb();
    const name = `${t.name}_m`;
    await admin(`CREATE DATABASE ${name}`);
    try {
      const ownerUrl = withDatabase(t.ownerUrl, name);
      const configs = [0, 1].map(() => testConfig(bouncer!.through(asTestTill(ownerUrl)), { POS_DB_OWNER_URL: bouncer!.through(ownerUrl) }));
      const [a, b] = (await Promise.all(configs.map((config) => connect(config, { migrate: true, asOwner: true })))) as [Connection, Connection];
      try {
        // One applied them all, the other waited its turn and found nothing left to do.
        const applied = [a.migrated.length, b.migrated.length].sort((x, y) => x - y);
        expect(applied[0]).toBe(0);
        expect(applied[1]).toBeGreaterThan(10);
        expect(await pendingMigrations(a.db)).toEqual([]);
      } finally {
        await disconnect(a);
        await disconnect(b);
        for (const config of configs) rmSync(config.dataDir, { recursive: true, force: true });
      }
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

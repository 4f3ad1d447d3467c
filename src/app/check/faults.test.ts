// Faults that a till meets in a shop, forced rather than hoped for, each ended by `pos check`
// (its use case) finding the books clean and each sale's key committed once:
// (a) the store server stopped and started again while a paid sale is being committed: the
//     till's spool keeps it, and the replay once the server is back commits it once;
// (b) the commit's connection killed (pg_terminate_backend) fifty times over, the kill landing
//     inside the sale's transaction, half the time mid-way and half the time in its COMMIT
//     (a deferred trigger waits there): each retry commits the sale, none commits it twice.
// (c) a ledger's middle row rewritten by the owner (its balance after): the row is named, the
//     first broken one of its balance, once; and two movements of one balance whose numbers
//     were taken in one order and their lock in the other: numbered in the order they moved,
//     so the books stay clean.
// Where the kill lands is made certain by an advisory lock the test holds, as in
// src/testing/barrier.ts: the commit waits on it at the chosen place until the test acts.
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seedDemo';
import { isConnectionError, openDb, serverQuery, withDatabase } from '../../data/db';
import { ensureEmbeddedServer, type EmbeddedServer } from '../../data/embedded';
import { migrateLatest } from '../../data/migrations';
import { insertVoucher } from '../../data/vouchers';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { until } from '../../testing/until';
import { payOntoAccount } from '../accounts/pay';
import { commitSale } from '../commitSale';
import { createCustomer } from '../customers/manage';
import { newVoucherCode } from '../vouchers/codes';
import { commitSpooled, replaySpool } from '../spool';
import { breakText, checkDatabase } from './check';

const LOCK = 7_102_013;

/** A trigger that makes the sale's transaction wait on the test's lock: before its ticket row, or at its COMMIT. */
async function placeBarrier(db: Knex): Promise<void> {
  await db.raw(`
    CREATE OR REPLACE FUNCTION pos_test_fault_wait() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${LOCK});
      RETURN NEW;
    END $$;
    DROP TRIGGER IF EXISTS pos_test_fault_mid ON sales;
    CREATE TRIGGER pos_test_fault_mid BEFORE INSERT ON sales FOR EACH ROW WHEN (NEW.idempotency_key LIKE 'fault-mid-%') EXECUTE FUNCTION pos_test_fault_wait();
    DROP TRIGGER IF EXISTS pos_test_fault_commit ON sales;
    CREATE CONSTRAINT TRIGGER pos_test_fault_commit AFTER INSERT ON sales DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.idempotency_key LIKE 'fault-commit-%') EXECUTE FUNCTION pos_test_fault_wait();`);
}

/** The backend of the sale waiting at the barrier, once it is there. */
async function waiting(holder: pg.Client): Promise<number> {
  let pid = 0;
  await until(async () => {
    const { rows } = await holder.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    pid = rows[0]?.pid ?? 0;
    return rows.length === 1;
  }, 'the sale waiting at the barrier');
  return pid;
}

/**
 * What the till does after a lost connection: the same request again. A pooled connection
 * the kill left behind may fail the next statement too before the pool drops it.
 */
async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (!isConnectionError(e) || i >= 3) throw e;
    }
  }
}

async function expectClean(db: Knex): Promise<void> {
  const r = await checkDatabase(db);
  expect(r.breaks.map((b) => breakText(b, 'en'))).toEqual([]);
}

describe('faults during a sale, then pos check', () => {
  const testDb = useTestDatabase();

  // Fifty rounds, and a server started, stopped and started: longer than a unit test may take.
  it('a commit killed mid-transaction or in its COMMIT, fifty times: each retry commits the sale once, and the books are clean', { timeout: 180_000 }, async () => {
    const { db, url } = testDb();
    // As the owner: a till makes no trigger.
    await placeBarrier(testDb().owner);
    const t01 = await terminal(db);
    const holder = new pg.Client({ connectionString: url, application_name: 'pos-test-fault' });
    await holder.connect();
    const keys: string[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const key = `fault-${i % 2 === 0 ? 'mid' : 'commit'}-${i}`;
        keys.push(key);
        // Stocked items: the sale moves stock figures and their ledger too.
        const req = await saleRequest(db, { terminal: t01, key, lines: [['BOUL-025', 1], ['BOUL-001', 1 + (i % 3)]] });
        await holder.query('SELECT pg_advisory_lock($1)', [LOCK]);
        const attempt = commitSale(db, req).then(
          () => 'committed',
          (e: unknown) => (isConnectionError(e) ? 'lost' : `refused: ${String(e)}`),
        );
        const pid = await waiting(holder);
        await holder.query('SELECT pg_terminate_backend($1)', [pid]);
        await holder.query('SELECT pg_advisory_unlock($1)', [LOCK]);
        expect(await attempt).toBe('lost');
        expect((await holder.query('SELECT 1 FROM sales WHERE idempotency_key = $1', [key])).rowCount).toBe(0);
        // The till sends it again: written now, and a third time finds the same ticket.
        const again = await retried(() => commitSale(db, req));
        expect(again.created).toBe(true);
        const third = await commitSale(db, req);
        expect(third).toMatchObject({ created: false, sale: { id: again.sale.id } });
      }
    } finally {
      await holder.end();
    }
    const counted = await db('sales').whereIn('idempotency_key', keys).groupBy('idempotency_key').select('idempotency_key').count('* as n');
    expect(counted).toHaveLength(50);
    expect(counted.every((r) => Number(r.n) === 1)).toBe(true);
    await expectClean(db);
  });

  it('a middle row of a ledger whose balance after the owner rewrote: pos check names that row, the first broken one of its balance, and nothing else', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    // An account paid into three times, and an item sold three times: ledgers of a few rows each.
    const c = await createCustomer(db, { lastName: 'Registre', card: 'FAULT-ROW-1' }, { terminalId: t01.id, operatorId: 1 });
    for (const cents of [1000, 2000, 3000]) await payOntoAccount(db, c.id, cents, 'cash', { storeId: t01.storeId, terminalId: t01.id, operatorId: 1, channel: 'store' });
    for (let i = 0; i < 3; i++) await commitSale(db, await saleRequest(db, { terminal: t01, lines: [['BOUL-025', 1]] }));
    await expectClean(db);
    const account = (await db('account_movements').where('customer_id', c.id).orderBy('id').select('id', 'balance_after_cents')) as { id: number; balance_after_cents: number }[];
    expect(account.map((m) => Number(m.balance_after_cents))).toEqual([1000, 3000, 6000]);
    const item = (await db('items').where('sku', 'BOUL-025').first('id')).id as number;
    const stock = (await db('stock_movements').where({ store_id: t01.storeId, item_id: item }).orderBy('id').select('id', 'qty', 'qty_after')) as { id: string; qty: number; qty_after: number }[];
    const mid = stock.at(-2)!;
    const before = stock.at(-3)?.qty_after ?? 0;

    let lines: string[] = [];
    // As the owner, its append-only guard set aside; rolled back after (the file's other tests end clean).
    await testDb()
      .owner.transaction(async (trx) => {
        await trx.raw('ALTER TABLE account_movements DISABLE TRIGGER account_movements_frozen');
        await trx.raw('ALTER TABLE stock_movements DISABLE TRIGGER stock_movements_frozen');
        await trx('account_movements').where('id', account[1]!.id).update({ balance_after_cents: 9000 });
        await trx('stock_movements').where('id', mid.id).update({ qty_after: mid.qty_after + 5 });
        lines = (await checkDatabase(trx)).breaks.map((b) => `${b.invariant}: ${breakText(b, 'en')}`);
        await trx.rollback();
      })
      .catch((e: unknown) => {
        if (e !== undefined) throw e;
      });
    // The rows after each altered one do not follow from it either: only the first is named.
    expect(lines.sort()).toEqual([
      `account.row: customer account FAULT-ROW-1: movement #${account[1]!.id} (€20.00): balance after €90.00 ≠ €30.00 (€10.00 before it)`,
      `stock.row: stock BOUL-025 (M01): movement #${mid.id} (${mid.qty}): ${mid.qty_after + 5} after ≠ ${before + mid.qty} (${before} before it)`,
    ]);
    await expectClean(db);
  });

  it('two movements of one balance, the first to be numbered the last to move it: numbered in the order they moved, the books clean', async () => {
    const { db, url } = testDb();
    // As the owner: a trigger (before the ledger's own, which takes the balance's lock) that
    // makes a movement marked 'slow' wait on the test's lock, its row's number already drawn.
    const LATE = LOCK + 1;
    await testDb().owner.raw(`
      CREATE OR REPLACE FUNCTION pos_test_late_wait() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${LATE});
        RETURN NEW;
      END $$;
      CREATE TRIGGER a_test_late BEFORE INSERT ON voucher_movements FOR EACH ROW WHEN (NEW.order_ref = 'slow') EXECUTE FUNCTION pos_test_late_wait();
      CREATE TRIGGER a_test_late BEFORE INSERT ON account_movements FOR EACH ROW WHEN (NEW.note = 'slow') EXECUTE FUNCTION pos_test_late_wait();`);
    const store = (await db('stores').first('id')).id as number;
    const { id: voucher } = await insertVoucher(db, {
      code: newVoucherCode(), origin: 'manual', amountCents: 5000, customerId: null, storeId: store, terminalId: null, saleId: null,
      issuedBy: 2, approvedBy: 2, expiresOn: '2099-12-31', expiresAt: new Date('2100-01-01T00:00:00Z'), note: '',
    });
    const c = await createCustomer(db, { lastName: 'Ordre', card: 'FAULT-ORDER-1' }, { terminalId: null, operatorId: 1 });
    const holder = new pg.Client({ connectionString: url, application_name: 'pos-test-fault' });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [LATE]);
      const use = (ref: string) => db('voucher_movements').insert({ voucher_id: voucher, kind: 'use', amount_cents: -1000, channel: 'web', order_ref: ref });
      const pay = (note: string) => db('account_movements').insert({ customer_id: c.id, kind: 'payment', amount_cents: 700, method: 'cash', channel: 'backoffice', note });
      // Sent now (a query builder runs when asked for its result).
      const late = [use('slow').then(), pay('slow').then()];
      await until(async () => (await holder.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`)).rowCount === 2, 'both slow movements waiting');
      // Numbered after the slow ones, these move the balances first.
      await use('fast');
      await pay('fast');
      await holder.query('SELECT pg_advisory_unlock($1)', [LATE]);
      await Promise.all(late);
    } finally {
      await holder.end();
      await testDb().owner.raw('DROP TRIGGER a_test_late ON voucher_movements; DROP TRIGGER a_test_late ON account_movements; DROP FUNCTION pos_test_late_wait()');
    }
    // In ledger order, each balance after follows from the one before it.
    const uses = (await db('voucher_movements').where('voucher_id', voucher).orderBy('id').select('order_ref', 'balance_after_cents')) as { order_ref: string | null; balance_after_cents: number }[];
    expect(uses.map((u) => [u.order_ref, Number(u.balance_after_cents)])).toEqual([[null, 5000], ['fast', 4000], ['slow', 3000]]);
    const pays = (await db('account_movements').where('customer_id', c.id).orderBy('id').select('note', 'balance_after_cents')) as { note: string; balance_after_cents: number }[];
    expect(pays.map((p) => [p.note, Number(p.balance_after_cents)])).toEqual([['fast', 700], ['slow', 1400]]);
    await expectClean(db);
  });

  describe('on a private embedded server stopped and started by the test', () => {
    let home = '';
    let server: EmbeddedServer | null = null;
    const dbs: Knex[] = [];
    afterAll(async () => {
      for (const d of dbs) await d.destroy().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      if (home) await rm(home, { recursive: true, force: true });
    });

    it('a paid sale whose commit the restart cut is kept in the spool, committed once when the server is back; pos check is clean', { timeout: 180_000 }, async () => {
      home = await mkdtemp(join(tmpdir(), 'pos-fault-'));
      await chmod(home, 0o755); // the server runs as the postgres user when the tests run as root
      const start = () => ensureEmbeddedServer({ dir: join(home, 'db'), port: 54396 });
      server = await start();
      await serverQuery(server.url, 'CREATE DATABASE pos_fault');
      const url = withDatabase(server.url, 'pos_fault');
      const db = openDb({ url, connectTimeoutMs: 1000 });
      dbs.push(db);
      await migrateLatest(db);
      await seedDemo(db);
      await placeBarrier(db);
      const t01 = await terminal(db);
      const spool = join(home, 'spool');
      const before = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [['BOUL-001', 1]] }));

      const req = await saleRequest(db, { terminal: t01, key: 'fault-mid-restart', lines: [['BOUL-025', 2], ['BOUL-006', 1]] });
      const holder = new pg.Client({ connectionString: url, application_name: 'pos-test-fault' });
      holder.on('error', () => undefined); // the server going away is the point
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [LOCK]);
      const attempt = commitSpooled(db, spool, req).then(
        () => 'committed',
        (e: unknown) => (isConnectionError(e) ? 'lost' : `refused: ${String(e)}`),
      );
      await waiting(holder);
      // The sale is inside its transaction when the server stops (fast shutdown: it rolls back).
      const port = server.port;
      await server.stop();
      expect(await attempt).toBe('lost');
      await holder.end().catch(() => undefined);
      expect(await readdir(spool)).toEqual(['fault-mid-restart.json']);
      // Paid while the server is away: refused by the connection, kept in the spool too.
      const away = await saleRequest(db, { terminal: t01, key: 'fault-away', lines: [['BOUL-001', 3]] }).catch(() => null);
      expect(away).toBeNull(); // the items cannot even be looked up: the till has them in its basket already
      const paid = { ...req, basket: { ...req.basket, key: 'fault-away' } };
      expect(await commitSpooled(db, spool, paid).then(() => 'committed', (e: unknown) => (isConnectionError(e) ? 'lost' : String(e)))).toBe('lost');
      expect((await readdir(spool)).sort()).toEqual(['fault-away.json', 'fault-mid-restart.json']);
      // A replay meanwhile leaves them to the sale screen that is sending them, and commits nothing.
      expect(await replaySpool(db, spool)).toEqual({ committed: [], waiting: 0, rejected: [] });

      server = await start();
      expect(server.port).toBe(port);
      // The same pool, as the till keeps it: its dead connections are replaced.
      await until(async () => db.raw('SELECT 1').then(() => true, () => false), 'the server back');
      // The screen sends each again (the cashier's retry, or its own once the server answers).
      const first = await retried(() => commitSpooled(db, spool, req));
      const second = await retried(() => commitSpooled(db, spool, paid));
      expect([first, second].map((c) => [c.created, c.sale.ticketNo])).toEqual([[true, before.sale.ticketNo + 1], [true, before.sale.ticketNo + 2]]);
      expect(await readdir(spool)).toEqual([]);
      expect(await retried(() => commitSpooled(db, spool, req))).toMatchObject({ created: false, sale: { id: first.sale.id } });
      expect(await replaySpool(db, spool)).toEqual({ committed: [], waiting: 0, rejected: [] });
      expect(await db('sales').where('idempotency_key', paid.basket.key)).toHaveLength(1);
      expect(await db('sales').where('idempotency_key', req.basket.key)).toHaveLength(1);
      await expectClean(db);
    });
  });
});

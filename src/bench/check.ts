// Measure 10: `pos check` over a chain-sized shop. A database of its own (the other measures
// leave tickets numbered for their own ends behind) is loaded by generate_series in the
// session_replication_role of a restore (triggers and foreign keys off, CHECKs on), with books
// that agree: a million tickets numbered without gaps over the bench tills, their receipts'
// print jobs (printed, owed, a few failed with the printer's reason), two stock movements a
// ticket, loyalty points on half of them, customer accounts, vouchers, gift cards (ten ledger
// rows each, as the reports bench makes them) and limited coupon codes with their uses. Then
// the built `pos check --json` is run as a shop runs it, several times: the first reads cold pages.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ensureTillLogin } from '../data/roles';
import { BENCH_TILL_USER } from './roles';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { checkDatabase, FAMILIES, type FamilyName } from '../app/check/check';
import { openDb, withDatabase } from '../data/db';
import { migrateLatest } from '../data/migrations';
import { seedDemo } from '../app/seedDemo';
import { BENCH_DATABASE, benchTerminalCode } from './database';
import { loadBulkCatalog } from './catalog';
import { loadLedger } from './reports';
import { dropDatabase, recreateDatabase } from './server';

export interface CheckBenchOptions {
  root: string;
  serverUrl: string;
  tickets: number;
  tills: number;
  runs: number;
}

export interface CheckBenchResult {
  loadSeconds: number;
  rows: Record<string, number>;
  /** Wall time of `pos check --json` (process start to exit). */
  cliMs: number[];
  /** Whether every run said the books agree (exit 0, ok: true). */
  clean: boolean;
  /** The machine's 1-minute load average after the runs: the figure means little on a busy machine. */
  load: number;
  /** One family at a time, in process, after the runs: where the time goes. */
  familyMs: Record<FamilyName, number>;
}

const ITEMS = 200;
const CUSTOMERS = 100_000;
const ACCOUNTS = 10_000;
const VOUCHERS = 100_000;
const GIFT_CARDS = 100_000;
const COUPON_CODES = 1_000;
const COUPON_USES = 100_000;

export async function loadCheckShop(db: Knex, tickets: number, tills: number, step: (what: string) => void): Promise<void> {
  const store = ((await db('stores').where('code', 'M01').first('id')) as { id: number }).id;
  await db('terminals').insert(Array.from({ length: tills }, (_, i) => ({ code: benchTerminalCode(i), name: `Banc ${i + 1}`, store_id: store }))).onConflict('code').ignore();
  const terminals = ((await db('terminals').where('code', 'like', 'B%').orderBy('id').select('id')) as { id: number }[]).map((t) => t.id);
  // Items the demo shop keeps no stock of yet: their figures are this load's alone.
  const items = ((await db('items').whereNotExists(db('stock_levels').whereRaw('stock_levels.item_id = items.id')).orderBy('id').limit(ITEMS).select('id')) as { id: number }[]).map((i) => i.id);
  await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL session_replication_role = replica');
    step(`  ${tickets.toLocaleString('en')} tickets on ${terminals.length} tills and their receipts' print jobs`);
    await trx.raw(
      `INSERT INTO sales (id, idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents, change_cents, created_at)
       SELECT i, 'check-' || i, 'bench', (?::int[])[1 + (i - 1) % ?::int], ?::int, 1, 1 + (i - 1) / ?::int, 1000 + i % 5000, 0, now() - (?::int - i) * interval '2 seconds'
         FROM generate_series(1, ?::int) AS i`,
      [terminals, terminals.length, store, terminals.length, tickets, tickets],
    );
    await trx.raw(`UPDATE terminals t SET next_ticket_no = s.hi + 1 FROM (SELECT terminal_id, max(ticket_no) AS hi FROM sales GROUP BY 1) s WHERE s.terminal_id = t.id`);
    await trx.raw(
      `INSERT INTO print_jobs (terminal_id, operator_id, kind, sale_id, title, blocks, state, attempts, last_error, printed_at)
       SELECT terminal_id, 1, 'receipt', id, 'B-' || ticket_no,
              CASE WHEN id % 25 = 0 THEN NULL ELSE '[]'::jsonb END,
              CASE WHEN id % 25 = 0 THEN 'queued' WHEN id % 101 = 0 THEN 'failed' ELSE 'printed' END,
              CASE WHEN id % 25 = 0 THEN 0 ELSE 1 END,
              CASE WHEN id % 25 <> 0 AND id % 101 = 0 THEN 'paper out' END,
              CASE WHEN id % 25 <> 0 AND id % 101 <> 0 THEN created_at END
         FROM sales`,
    );
    step(`  stock: ${items.length} items received, two movements a ticket`);
    const moved = Number((await trx.raw<{ rows: { n: string }[] }>('SELECT coalesce(max(id), 0) AS n FROM stock_movements')).rows[0]!.n);
    await trx.raw(
      `INSERT INTO stock_movements (id, store_id, item_id, kind, qty, qty_after, operator_id, reference)
       SELECT ?::bigint + n, ?::int, item, 'receive', 10000000, 10000000, 1, 'BENCH' FROM unnest(?::int[]) WITH ORDINALITY AS x (item, n)`,
      [moved, store, items],
    );
    await trx.raw(
      `INSERT INTO stock_movements (id, store_id, item_id, kind, qty, qty_after, sale_id, terminal_id, operator_id)
       SELECT ?::bigint + row_number() OVER (ORDER BY i, k), ?::int, item, 'sale', -1,
              10000000 - row_number() OVER (PARTITION BY item ORDER BY i, k), i, 1, 1
         FROM (SELECT i, k, (?::int[])[1 + (2 * i + k) % ?::int] AS item FROM generate_series(1, ?::int) AS i, generate_series(0, 1) AS k) x`,
      [moved + items.length, store, items, items.length, tickets],
    );
    await trx.raw(`INSERT INTO stock_levels (store_id, item_id, qty) SELECT store_id, item_id, sum(qty) FROM stock_movements WHERE item_id = ANY(?::int[]) GROUP BY 1, 2`, [items]);
    await trx.raw(`SELECT setval('stock_movements_id_seq', (SELECT max(id) FROM stock_movements))`);

    step(`  ${CUSTOMERS.toLocaleString('en')} customers, points on half the tickets, ${ACCOUNTS.toLocaleString('en')} accounts`);
    const first = Number((await trx.raw<{ rows: { n: string }[] }>('SELECT coalesce(max(id), 0) AS n FROM customers')).rows[0]!.n) + 1;
    await trx.raw(`INSERT INTO customers (id, code, last_name) SELECT ?::int + c, 'BC' || lpad(c::text, 7, '0'), 'Banc' FROM generate_series(0, ?::int - 1) AS c`, [first, CUSTOMERS]);
    await trx.raw(`SELECT setval('customers_id_seq', (SELECT max(id) FROM customers))`);
    await trx.raw(
      `INSERT INTO loyalty_movements (customer_id, unit, kind, amount, balance_after, sale_id, store_id, terminal_id, operator_id)
       SELECT c, 'points', 'earn', 10, 10 * row_number() OVER (PARTITION BY c ORDER BY i), i, ?::int, 1, 1
         FROM (SELECT i, ?::int + (i / 2) % ?::int AS c FROM generate_series(2, ?::int, 2) AS i) x ORDER BY i`,
      [store, first, CUSTOMERS, tickets],
    );
    await trx.raw(`INSERT INTO loyalty_balances (customer_id, points, visits) SELECT customer_id, sum(amount), 0 FROM loyalty_movements WHERE customer_id >= ? GROUP BY 1`, [first]);
    await trx.raw(
      `INSERT INTO account_movements (customer_id, kind, amount_cents, balance_after_cents, method, channel)
       SELECT ?::int + c, 'payment', 1000, 1000 * (n + 1), 'cash', 'backoffice' FROM generate_series(0, 19) AS n, generate_series(0, ?::int - 1) AS c ORDER BY n, c`,
      [first, ACCOUNTS],
    );
    await trx.raw(`INSERT INTO customer_accounts (customer_id, balance_cents, overdraft_limit_cents) SELECT customer_id, sum(amount_cents), 0 FROM account_movements WHERE customer_id >= ? GROUP BY 1`, [first]);

    step(`  ${VOUCHERS.toLocaleString('en')} vouchers issued and half spent`);
    await trx.raw(
      `WITH v AS (
         INSERT INTO vouchers (code, origin, initial_cents, balance_cents, store_id, issued_by, approved_by, expires_on, expires_at)
         SELECT translate(upper(substr(md5('check' || v), 1, 14)), '01', 'JK'), 'manual', 5000, 3000, ?::int, 2, 2, current_date + 365, now() + interval '366 days'
           FROM generate_series(1, ?::int) AS v
         ON CONFLICT (code) DO NOTHING RETURNING id, store_id)
       INSERT INTO voucher_movements (voucher_id, kind, amount_cents, balance_after_cents, channel, store_id, operator_id, sale_id)
       SELECT id, k.kind, k.amount, k.after, k.channel, store_id, 2, CASE WHEN k.kind = 'use' THEN 1 + id % ?::int END
         FROM v, (VALUES (1, 'issue', 5000, 5000, NULL), (2, 'use', -2000, 3000, 'store')) AS k (n, kind, amount, after, channel)
        ORDER BY id, k.n`,
      [store, VOUCHERS, tickets],
    );

    step(`  ${COUPON_CODES.toLocaleString('en')} coupon codes limited to 1,000 uses each, ${COUPON_USES.toLocaleString('en')} uses`);
    const [{ id: definition }] = await trx('coupon_definitions')
      .insert({ symbol: 'BANCCHK', name: 'Banc', discount_type: 'ticket', discount: JSON.stringify({ kind: 'amount', cents: 100 }), holder: 'none', customer_rule: 'optional', limit_scope: 'global', limit_max: 1000 })
      .returning('id');
    await trx.raw(`INSERT INTO coupon_codes (definition_id, code, status, source) SELECT ?::int, 'BANCCHK' || c, 'active', 'manual' FROM generate_series(1, ?::int) AS c`, [definition, COUPON_CODES]);
    await trx.raw(
      `INSERT INTO coupon_uses (code_id, sale_id, store_id, terminal_id, operator_id, amount_cents)
       SELECT c.id, u, ?::int, 1, 1, 100 FROM generate_series(1, ?::int) AS u JOIN coupon_codes c ON c.code = 'BANCCHK' || (1 + u % ?::int)`,
      [store, COUPON_USES, COUPON_CODES],
    );
    await trx.raw(`INSERT INTO coupon_use_counts (code_id, scope, scope_key, uses) SELECT code_id, 'global', '', count(*) FROM coupon_uses GROUP BY 1`);
  });
  step(`  ${GIFT_CARDS.toLocaleString('en')} gift cards, ten ledger rows each`);
  await loadLedger(db, GIFT_CARDS, 1, step);
  step('  VACUUM ANALYZE');
  await db.raw('VACUUM ANALYZE');
}

function runCheck(root: string, url: string, home: string): Promise<{ ms: number; ok: boolean; out: string }> {
  const began = performance.now();
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', 'pos'), 'check', '--json'], { env: { ...process.env, DATABASE_URL: url, POS_HOME: home }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const ms = performance.now() - began;
      let ok = false;
      try {
        ok = !error && (JSON.parse(stdout) as { ok: boolean }).ok === true;
      } catch {
        ok = false;
      }
      done({ ms, ok, out: ok ? '' : `${stderr}${stdout}`.slice(0, 2000) });
    });
  });
}

export async function measureCheck(opts: CheckBenchOptions, step: (what: string) => void = () => undefined): Promise<CheckBenchResult> {
  const name = `${BENCH_DATABASE}_check`;
  await recreateDatabase(opts.serverUrl, name);
  const url = withDatabase(opts.serverUrl, name);
  const db = openDb({ url, poolMax: 4, applicationName: 'pos-bench:check' });
  const home = mkdtempSync(join(tmpdir(), 'pos-bench-check-'));
  try {
    await migrateLatest(db);
    await seedDemo(db);
    await loadBulkCatalog(db, 2_000);
    const began = performance.now();
    await loadCheckShop(db, opts.tickets, opts.tills, step);
    const loadSeconds = (performance.now() - began) / 1000;
    const rows: Record<string, number> = {};
    for (const table of ['sales', 'print_jobs', 'stock_movements', 'loyalty_movements', 'account_movements', 'voucher_movements', 'gift_card_movements', 'coupon_uses']) {
      rows[table] = Number((await db.raw<{ rows: { n: string }[] }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    }
    // As a store's tills run it: a user of pos_till, which reads every table but the owner's.
    const password = randomBytes(12).toString('base64url');
    await ensureTillLogin(db, BENCH_TILL_USER, password);
    const till = new URL(url);
    till.username = BENCH_TILL_USER;
    till.password = password;
    const cliMs: number[] = [];
    let clean = true;
    for (let i = 0; i < opts.runs; i++) {
      step(`  pos check --json as a till user, run ${i + 1} of ${opts.runs}`);
      const r = await runCheck(opts.root, till.toString(), home);
      cliMs.push(r.ms);
      if (!r.ok) {
        clean = false;
        step(`  pos check did not find the books clean: ${r.out}`);
      }
    }
    const load = loadavg()[0]!;
    const familyMs = {} as Record<FamilyName, number>;
    for (const family of Object.keys(FAMILIES) as FamilyName[]) {
      const t0 = performance.now();
      await checkDatabase(db, [family]);
      familyMs[family] = performance.now() - t0;
    }
    return { loadSeconds, rows, cliMs, clean, load, familyMs };
  } finally {
    rmSync(home, { recursive: true, force: true });
    await db.destroy();
    await dropDatabase(opts.serverUrl, name);
  }
}

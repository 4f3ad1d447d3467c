// Measure: how long a chain's tills stop selling when the primary goes and its standby is
// promoted. A primary and a streaming standby of the bench's own (Debian's PostgreSQL), tills
// connected as a till connects with both addresses in db.urls, each selling as the sale screen
// does (spooled, committed, sent again under the same key every db.retryMs while the server does
// not answer). The primary is stopped (fast: transactions under way roll back) and the standby
// promoted; the time to the first sale committed on the promoted server is taken from the
// promotion and from the stop. Then every sale must be there once, and pos check clean.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDatabase } from '../app/check/check';
import { connect, disconnect, type Connection } from '../app/connect';
import { seedDemo } from '../app/seedDemo';
import { commitSpooled } from '../app/spool';
import { loadConfig } from '../config/load';
import { isConnectionError, openDb, serverQuery, withDatabase } from '../data/db';
import { migrateLatest } from '../data/migrations';
import { findTerminal, type Terminal } from '../data/places';
import { ensureTillLogin } from '../data/roles';
import { startPrimary, startStandby, type PgServer } from '../testing/cluster';
import { missingToolReason, pgBinDir } from '../testing/tools';
import { buildSale, demoCatalog } from './commits';
import { addTerminals, benchTerminalCode } from './database';
import { line, section, type SummaryRow } from './report';
import { median } from './stats';
import { BENCH_TILL_USER } from './roles';

export const FAILOVER_TARGET_SECONDS = 10;

export interface FailoverRun {
  /** From `pg_ctl promote` called to the first sale committed on the promoted server. */
  fromPromotion: number;
  /** From `pg_ctl stop -m fast` called on the primary to that sale. */
  fromStop: number;
  /** What pg_ctl promote itself took (until the standby accepts writes). */
  promoteSeconds: number;
  /** Sales committed before the stop and after it. */
  before: number;
  after: number;
  /** Attempts the tills made again because no server accepted writes. */
  failedAttempts: number;
  /** What did not hold: a sale missing or twice, a spool not emptied, pos check's breaks. */
  problems: string[];
}

export type FailoverResult = { skipped: string } | { runs: FailoverRun[]; tills: number; retryMs: number };

export interface FailoverOptions {
  /** The project folder (config/default.json: the shop's own db.retryMs and pool). */
  root: string;
  tills: number;
  linesPerSale: number;
  repeats: number;
  /** Seconds of selling on the primary before it goes. */
  sellSeconds: number;
}

export async function measureFailover(opts: FailoverOptions, step: (what: string) => void): Promise<FailoverResult> {
  const bin = pgBinDir();
  if (!bin) return { skipped: missingToolReason('pg_basebackup') ?? 'no PostgreSQL server programs' };
  const runs: FailoverRun[] = [];
  let retryMs = 0;
  for (let i = 0; i < opts.repeats; i++) {
    step(`failover ${i + 1}/${opts.repeats}: a fresh primary and standby, ${opts.tills} tills`);
    const r = await failoverOnce(bin, opts);
    retryMs = r.retryMs;
    runs.push(r.run);
  }
  return { runs, tills: opts.tills, retryMs };
}

interface Till {
  conn: Connection;
  terminal: Terminal;
}

async function failoverOnce(bin: string, opts: FailoverOptions): Promise<{ run: FailoverRun; retryMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-failover-'));
  chmodSync(dataDir, 0o755);
  let primary: PgServer | undefined;
  let standby: PgServer | undefined;
  const tills: Till[] = [];
  try {
    primary = await startPrimary(bin);
    await serverQuery(primary.url, 'CREATE DATABASE pos');
    const password = randomBytes(12).toString('base64url');
    const owner = openDb({ url: withDatabase(primary.url, 'pos'), applicationName: 'pos-bench:failover-setup' });
    try {
      await migrateLatest(owner);
      await seedDemo(owner);
      await addTerminals(owner, opts.tills);
      await ensureTillLogin(owner, BENCH_TILL_USER, password);
    } finally {
      await owner.destroy();
    }
    standby = await startStandby(primary, bin);
    const tillUrl = (s: PgServer) => `postgres://${BENCH_TILL_USER}:${password}@127.0.0.1:${s.port}/pos`;
    // The shop's configuration but for the two addresses: its retry interval, pool and timeouts.
    const config = loadConfig({ root: opts.root, env: { POS_DB_URLS: `${tillUrl(primary)},${tillUrl(standby)}`, POS_DATA_DIR: dataDir } });
    for (let i = 0; i < opts.tills; i++) {
      const conn = await connect(config);
      tills.push({ conn, terminal: (await findTerminal(conn.db, benchTerminalCode(i)))! });
    }
    const items = await demoCatalog(tills[0]!.conn.db);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

    const committed: { key: string; id: number; done: number }[] = [];
    let failedAttempts = 0;
    let stopAt = Infinity;
    let giveUp = false;
    const sell = async (till: Till, i: number) => {
      const spool = join(dataDir, 'spool', String(i));
      while (committed.length < stopAt && !giveUp) {
        const req = buildSale(till.terminal, items, opts.linesPerSale, random);
        for (;;) {
          try {
            const r = await commitSpooled(till.conn.db, spool, req);
            committed.push({ key: req.basket.key, id: r.sale.id, done: performance.now() });
            break;
          } catch (error) {
            if (!isConnectionError(error) || giveUp) throw error;
            failedAttempts++;
            await sleep(config.db.retryMs);
          }
        }
      }
    };
    const load = Promise.all(tills.map((t, i) => sell(t, i)));
    load.catch(() => undefined);
    await sleep(opts.sellSeconds * 1000);
    const before = committed.length;

    const stopAt0 = performance.now();
    await primary.stop('fast');
    const promote0 = performance.now();
    await standby.promote();
    const promote1 = performance.now();
    // Once the primary is down and the promotion asked for, a sale committed can only be the
    // promoted server's: the first one after that instant is the tills selling again.
    const resumedAt = await firstAfter(committed, promote0, 60_000);
    // A few more sales each, then the tills stop.
    stopAt = committed.length + opts.tills * 3;
    if (resumedAt === null) giveUp = true;
    await load.catch((e: unknown) => {
      if (!giveUp) throw e;
    });

    const problems: string[] = [];
    if (resumedAt === null) problems.push('no sale committed within 60 s of the promotion');
    const db = tills[0]!.conn.db;
    const server = (await db.raw('SELECT pg_is_in_recovery() AS r, inet_server_port() AS port')).rows[0] as { r: boolean; port: number };
    if (server.r || server.port !== standby.port) problems.push(`the tills are not on the promoted server (port ${server.port})`);
    const keys = committed.map((c) => c.key);
    if (new Set(keys).size !== keys.length) problems.push('a key committed twice by the tills');
    const rows = (await db('sales').whereIn('idempotency_key', keys).select('idempotency_key', 'id')) as { idempotency_key: string; id: number }[];
    const ids = new Map(rows.map((r) => [r.idempotency_key, r.id]));
    const lost = committed.filter((c) => ids.get(c.key) !== c.id).length;
    if (lost > 0) problems.push(`${lost} sale(s) said committed are not on the promoted server as said`);
    const total = Number(((await db('sales').count({ n: '*' })) as { n: string }[])[0]!.n);
    if (total !== committed.length) problems.push(`${total} sales on the server for ${committed.length} committed`);
    const spooled = tills.reduce((n, _, i) => n + spoolFiles(join(dataDir, 'spool', String(i))), 0);
    if (spooled > 0) problems.push(`${spooled} sale(s) left in the spools`);
    const check = await checkDatabase(db);
    if (!check.ok) problems.push(...check.breaks.slice(0, 3).map((b) => `pos check: ${b.invariant} ${JSON.stringify(b.params)}`));

    const at = resumedAt ?? Number.NaN;
    return {
      run: {
        fromPromotion: (at - promote0) / 1000,
        fromStop: (at - stopAt0) / 1000,
        promoteSeconds: (promote1 - promote0) / 1000,
        before,
        after: committed.length - before,
        failedAttempts,
        problems,
      },
      retryMs: config.db.retryMs,
    };
  } finally {
    for (const t of tills) await disconnect(t.conn).catch(() => undefined);
    await standby?.remove();
    await primary?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** When the first sale done after `since` was committed; null if none in `timeoutMs`. */
async function firstAfter(committed: readonly { done: number }[], since: number, timeoutMs: number): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const after = committed.filter((c) => c.done >= since);
    if (after.length > 0) return Math.min(...after.map((c) => c.done));
    await sleep(10);
  }
  return null;
}

function spoolFiles(dir: string): number {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).length;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function reportFailover(r: FailoverResult, setup: { number: number }): SummaryRow[] {
  const measure = 'Sales again after a promotion';
  if ('skipped' in r) {
    section(`${setup.number}. Failover to the standby while tills sell: not run`);
    line('skipped', r.skipped);
    return [{ measure, figure: `skipped: ${r.skipped}`, target: `≤ ${FAILOVER_TARGET_SECONDS} s`, met: null }];
  }
  section(`${setup.number}. Failover to the standby while ${r.tills} tills sell (db.urls: primary, standby; retry every ${r.retryMs} ms), ${r.runs.length} runs`);
  const s = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : '—');
  const spread = (xs: number[]) => `median ${s(median(xs))}  min ${s(Math.min(...xs))}  max ${s(Math.max(...xs))}`;
  const fromPromotion = r.runs.map((x) => x.fromPromotion);
  line('first sale on the promoted server, from promote', spread(fromPromotion));
  line('  from the primary\'s stop', spread(r.runs.map((x) => x.fromStop)));
  line('  pg_ctl promote itself', spread(r.runs.map((x) => x.promoteSeconds)));
  r.runs.forEach((x, i) =>
    line(`run ${i + 1}`, `${x.before} sales before, ${x.after} after, ${x.failedAttempts} attempts made again; ${x.problems.length === 0 ? 'each sale once, pos check clean' : x.problems.join('; ')}`),
  );
  const clean = r.runs.every((x) => x.problems.length === 0);
  const worst = Math.max(...fromPromotion);
  return [
    { measure: `${measure} (${r.tills} tills, median of ${r.runs.length})`, figure: `${s(median(fromPromotion))} (max ${s(worst)})`, target: `≤ ${FAILOVER_TARGET_SECONDS} s`, met: worst <= FAILOVER_TARGET_SECONDS },
    { measure: 'Sales across a failover', figure: clean ? 'each once, pos check clean' : 'problems (see above)', target: 'each once, none lost', met: clean },
  ];
}

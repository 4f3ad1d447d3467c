// Measure 1: the built till (bin/pos → dist/pos.mjs), spawned in a pseudo-terminal, until its
// first interactive frame: the login screen with the status bar saying the database answers.
// Bare `node -e ''` is timed in the same run, the same way, so the ratio holds on any machine.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { plainText, runInPty, type PtyRun } from './pty';
import { loginReady } from './screenText';
import { withDatabase } from '../data/db';
import { dropDatabase } from './server';

export interface ColdStartResult {
  /** `node -e ''` spawned directly, until it exits. */
  bareDirect: number[];
  /** `node -e ''` in the same pseudo-terminal wrapper as the till, until it exits. */
  barePty: number[];
  /** The till against the bench database (POS_DB_URL). */
  tillUrl: PtyRun[];
  /** The till with no URL, finding the embedded server already running; null when not run. */
  tillEmbedded: PtyRun[] | null;
  failures: string[];
}

export interface ColdStartOptions {
  root: string;
  /** The bench database. */
  url: string;
  /** The bench's own embedded server (a data folder whose db/ holds it), or null (store server). */
  embedded: { dataDir: string; serverUrl: string } | null;
  runs: number;
}

/** Ctrl+Q, the till's quit key in the default keymap. */
const QUIT = '\x11';

export async function measureColdStart(opts: ColdStartOptions): Promise<ColdStartResult> {
  // A data folder of the till's own (log, spool, receipts), kept across its runs as a shop's is.
  const tillDir = mkdtempSync(join(tmpdir(), 'pos-bench-till-'));
  chmodSync(tillDir, 0o755);
  try {
    return await measure(opts, tillDir);
  } finally {
    rmSync(tillDir, { recursive: true, force: true });
  }
}

async function measure(opts: ColdStartOptions, tillDir: string): Promise<ColdStartResult> {
  const node = process.execPath;
  const pos = join(opts.root, 'bin', 'pos');
  const base = childEnv();
  const receipts = { POS_RECEIPT_FILE: join(tillDir, 'receipts.txt') };
  const urlEnv = { ...base, ...receipts, POS_DB_URL: opts.url, POS_DATA_DIR: tillDir };
  const result: ColdStartResult = { bareDirect: [], barePty: [], tillUrl: [], tillEmbedded: null, failures: [] };

  const till = async (env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<PtyRun | null> => {
    const run = await runInPty(`${node} ${pos}`, { env, ready: loginReady, then: QUIT, timeoutMs });
    if (run.exitCode === 0 && loginReady(run.output)) return run;
    result.failures.push(`till exit ${run.exitCode}: ${plainText(run.output).replace(/\s+/g, ' ').trim().slice(-200)}`);
    return null;
  };
  const bare = () => runInPty(`${node} -e ''`, { env: base, timeoutMs: 10_000 }).then((r) => r.ms);

  // One run of each first, not counted: the page cache then holds node and the bundle, as on
  // a till started every morning.
  await bareDirectRun(node);
  await bare();
  await till(urlEnv);

  // Interleaved, so that a slow spell of the machine weighs on both sides alike.
  for (let i = 0; i < opts.runs; i++) {
    result.bareDirect.push(await bareDirectRun(node));
    result.barePty.push(await bare());
    const run = await till(urlEnv);
    if (run) result.tillUrl.push(run);
  }

  if (opts.embedded) {
    const embeddedEnv = { ...base, ...receipts, POS_DATA_DIR: opts.embedded.dataDir };
    // A till leaving an embedded server stops it when no other "pos:" client is connected;
    // this one stands for the other tills of the shop, so the server stays up between runs.
    const otherTill = new pg.Client({ connectionString: opts.embedded.serverUrl, application_name: 'pos:bench-other-till' });
    await otherTill.connect();
    try {
      // The first start makes the till's database on the embedded server (migrations, demo).
      await till(embeddedEnv, 120_000);
      // A shop's database has long settled when a till starts: the demo just written is
      // vacuumed and analysed now, not by autovacuum in the middle of the timed runs.
      const settle = new pg.Client({ connectionString: withDatabase(opts.embedded.serverUrl, 'pos') });
      await settle.connect();
      await settle.query('VACUUM (ANALYZE)').finally(() => settle.end());
      result.tillEmbedded = [];
      for (let i = 0; i < opts.runs; i++) {
        const run = await till(embeddedEnv);
        if (run) result.tillEmbedded.push(run);
      }
    } finally {
      await otherTill.end();
      // The till's own database name (src/app/connect.ts); on the bench's private server.
      await dropDatabase(opts.embedded.serverUrl, 'pos');
    }
  }
  return result;
}

function bareDirectRun(node: string): Promise<number> {
  const start = performance.now();
  const child = spawn(node, ['-e', ''], { stdio: 'ignore', env: childEnv() });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', () => done(performance.now() - start));
  });
}

/** The environment of a terminal in a shop: none of the bench's own settings leak in. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // tsx's loader (NODE_OPTIONS), a CI flag or the caller's POS_*/DATABASE_URL would change
    // what is measured.
    if (k.startsWith('POS_') || ['DATABASE_URL', 'NODE_OPTIONS', 'CI', 'NODE_ENV'].includes(k)) continue;
    env[k] = v;
  }
  return { ...env, TERM: 'xterm', COLUMNS: '80', LINES: '24' };
}

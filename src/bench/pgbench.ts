// The yardstick for measure 3: pgbench's built-in TPC-B-like script (five statements, one
// transaction) on the same server in the same run, so the ratio says how much of what the
// server can commit the till's sale leaves on the table, whatever the machine.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serverQuery, withDatabase } from '../data/db';
import { busyCores, cpuMark } from './cpu';
import { dropDatabase, libpqEnv, recreateDatabase } from './server';

const run = promisify(execFile);

export const PGBENCH_DATABASE = 'pos_bench_pgbench';

export interface PgbenchOptions {
  serverUrl: string;
  clients: number;
  threads: number;
  scale: number;
  seconds: number;
}

export type PgbenchResult = { tps: number; initSeconds: number; machineCores: number } | { unavailable: string };

/** pgbench from PATH, else Debian's packaged client. */
function findPgbench(): string | null {
  const candidates = (process.env.PATH ?? '').split(':').filter(Boolean).map((d) => `${d}/pgbench`);
  return [...candidates, '/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].find((p) => existsSync(p)) ?? null;
}

export async function runPgbench(opts: PgbenchOptions): Promise<PgbenchResult> {
  const pgbench = findPgbench();
  if (!pgbench) return { unavailable: 'pgbench not found (Debian: apt-get install postgresql-client)' };
  await recreateDatabase(opts.serverUrl, PGBENCH_DATABASE);
  const env = { ...process.env, ...libpqEnv(withDatabase(opts.serverUrl, PGBENCH_DATABASE)) };
  try {
    const initStart = performance.now();
    await run(pgbench, ['-i', '-q', '-s', String(opts.scale)], { env, maxBuffer: 1 << 24 });
    const initSeconds = (performance.now() - initStart) / 1000;
    // -n: no vacuum before the run (the tables are fresh); the default script is TPC-B-like.
    const before = cpuMark();
    const { stdout } = await run(pgbench, ['-n', '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds)], { env, maxBuffer: 1 << 24 });
    // "tps = 1234.56 (without initial connection time)" (older: "excluding connections establishing")
    const tps = /tps = ([\d.]+) \((without|excluding)/.exec(stdout)?.[1];
    if (!tps) return { unavailable: `pgbench printed no tps line: ${stdout.trim().split('\n').slice(-3).join(' / ')}` };
    return { tps: Number(tps), initSeconds, machineCores: busyCores(before, cpuMark()) };
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { unavailable: `pgbench failed: ${(err.stderr || err.message).trim().split('\n').slice(-2).join(' / ')}` };
  } finally {
    await dropDatabase(opts.serverUrl, PGBENCH_DATABASE);
  }
}

export interface ScriptOptions {
  serverUrl: string;
  clients: number;
  threads: number;
  seconds: number;
  /** Statements that make the script's tables in a database of its own. */
  setup: string;
  /** pgbench's script: what one transaction is. */
  script: string;
}

/**
 * pgbench running a script of our own (-f) on a database of its own, made by `setup`: a bare
 * statement measured on the same server in the same run as what the till does around it.
 */
export async function runPgbenchScript(opts: ScriptOptions): Promise<PgbenchResult> {
  const pgbench = findPgbench();
  if (!pgbench) return { unavailable: 'pgbench not found (Debian: apt-get install postgresql-client)' };
  await recreateDatabase(opts.serverUrl, PGBENCH_DATABASE);
  const url = withDatabase(opts.serverUrl, PGBENCH_DATABASE);
  const dir = await mkdtemp(join(tmpdir(), 'pos-pgbench-'));
  try {
    const initStart = performance.now();
    await serverQuery(url, opts.setup);
    const initSeconds = (performance.now() - initStart) / 1000;
    const file = join(dir, 'script.sql');
    await writeFile(file, opts.script);
    const before = cpuMark();
    const { stdout } = await run(pgbench, ['-n', '-f', file, '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds)], { env: { ...process.env, ...libpqEnv(url) }, maxBuffer: 1 << 24 });
    const tps = /tps = ([\d.]+) \((without|excluding)/.exec(stdout)?.[1];
    if (!tps) return { unavailable: `pgbench printed no tps line: ${stdout.trim().split('\n').slice(-3).join(' / ')}` };
    return { tps: Number(tps), initSeconds, machineCores: busyCores(before, cpuMark()) };
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { unavailable: `pgbench failed: ${(err.stderr || err.message).trim().split('\n').slice(-2).join(' / ')}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(opts.serverUrl, PGBENCH_DATABASE);
  }
}

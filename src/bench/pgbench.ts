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
import { busyCores, cpuMark, cpuMeter, type CpuSpent } from './cpu';
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

export type PgbenchResult =
  | {
      tps: number;
      initSeconds: number;
      machineCores: number;
      /** Transactions pgbench made; with `cpu`, what each one cost the client and the machine. */
      transactions: number;
      cpu: CpuSpent | null;
    }
  | { unavailable: string };

/** pgbench from PATH, else Debian's packaged client. */
function findPgbench(): string | null {
  const candidates = (process.env.PATH ?? '').split(':').filter(Boolean).map((d) => `${d}/pgbench`);
  return [...candidates, '/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].find((p) => existsSync(p)) ?? null;
}

export interface PgbenchRun {
  clients: number;
  threads: number;
  seconds: number;
}

/** A pgbench database made once and run many times (the chain bench alternates it with the tills). */
export interface PgbenchBed {
  initSeconds: number;
  run(r: PgbenchRun): Promise<PgbenchResult>;
  drop(): Promise<void>;
}

export type PgbenchInit = { scale: number } | { setup: string; script: string };

/**
 * Makes pgbench's database: its TPC-B-like tables at `scale`, or `setup` for a script of our own.
 * `database` names it (default PGBENCH_DATABASE): two benches on one server keep apart.
 */
export async function openPgbench(serverUrl: string, init: PgbenchInit, database = PGBENCH_DATABASE): Promise<PgbenchBed | { unavailable: string }> {
  const pgbench = findPgbench();
  if (!pgbench) return { unavailable: 'pgbench not found (Debian: apt-get install postgresql-client)' };
  await recreateDatabase(serverUrl, database);
  const url = withDatabase(serverUrl, database);
  const env = { ...process.env, ...libpqEnv(url) };
  const dir = await mkdtemp(join(tmpdir(), 'pos-pgbench-'));
  const drop = async () => {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(serverUrl, database);
  };
  const failed = (e: unknown) => {
    const err = e as { stderr?: string; message: string };
    return { unavailable: `pgbench failed: ${(err.stderr || err.message).trim().split('\n').slice(-2).join(' / ')}` };
  };
  let script: string[] = [];
  let initSeconds = 0;
  try {
    const initStart = performance.now();
    if ('scale' in init) {
      await run(pgbench, ['-i', '-q', '-s', String(init.scale)], { env, maxBuffer: 1 << 24 });
    } else {
      await serverQuery(url, init.setup);
      const file = join(dir, 'script.sql');
      await writeFile(file, init.script);
      script = ['-f', file];
    }
    initSeconds = (performance.now() - initStart) / 1000;
  } catch (e) {
    await drop();
    return failed(e);
  }
  return {
    initSeconds,
    drop,
    async run(r) {
      try {
        const before = cpuMark();
        const spent = cpuMeter('children');
        // -n: no vacuum before the run (the tables are fresh); without -f the script is TPC-B-like.
        const { stdout } = await run(pgbench, ['-n', ...script, '-c', String(r.clients), '-j', String(r.threads), '-T', String(r.seconds)], { env, maxBuffer: 1 << 24 });
        // "tps = 1234.56 (without initial connection time)" (older: "excluding connections establishing")
        const tps = /tps = ([\d.]+) \((without|excluding)/.exec(stdout)?.[1];
        if (!tps) return { unavailable: `pgbench printed no tps line: ${stdout.trim().split('\n').slice(-3).join(' / ')}` };
        const cpu = spent();
        // "number of transactions actually processed: 12345" (with -T, "/nnn" is absent)
        const transactions = Number(/actually processed: (\d+)/.exec(stdout)?.[1] ?? Number(tps) * r.seconds);
        return { tps: Number(tps), initSeconds, machineCores: busyCores(before, cpuMark()), transactions, cpu };
      } catch (e) {
        return failed(e);
      }
    },
  };
}

async function once(opts: PgbenchOptions | ScriptOptions, init: PgbenchInit): Promise<PgbenchResult> {
  const bed = await openPgbench(opts.serverUrl, init);
  if ('unavailable' in bed) return bed;
  try {
    return await bed.run(opts);
  } finally {
    await bed.drop();
  }
}

export function runPgbench(opts: PgbenchOptions): Promise<PgbenchResult> {
  return once(opts, { scale: opts.scale });
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
export function runPgbenchScript(opts: ScriptOptions): Promise<PgbenchResult> {
  return once(opts, { setup: opts.setup, script: opts.script });
}

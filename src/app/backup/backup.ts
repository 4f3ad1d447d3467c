import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import type { Config } from '../../config/schema';
import { ensureTillRole } from '../../data/roles';
import { connect, disconnect, EMBEDDED_TILL_USER } from '../connect';
import { refuse } from '../errors';
import { candidateDirs, findTools, pickTool, type PgTool } from './pgTools';

// `pos backup FILE` and `pos restore FILE`: PostgreSQL's own custom-format dump of the shop's
// database, made as its owner (the embedded server's superuser by default), restored onto an
// empty database as that server's owner. Nothing of the till's files: the journal and the
// spool are sent to the server before a backup is worth having (`pos doctor` says if any wait).

/**
 * Where a progress display plugs in (the `progress` branch's bar): each table as pg_dump or
 * pg_restore reaches it, out of how many. Nothing is drawn here.
 */
export interface BackupProgress {
  (p: { phase: 'dump' | 'restore'; done: number; total: number; table: string }): void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: number;
  serverVersion: string;
}

async function serverMajor(db: Knex): Promise<{ major: number; version: string }> {
  const { rows } = await db.raw<{ rows: { n: string; v: string }[] }>("SELECT current_setting('server_version_num') AS n, current_setting('server_version') AS v");
  return { major: Math.floor(Number(rows[0]!.n) / 10000), version: rows[0]!.v };
}

async function tool(config: Config, name: PgTool, major: number): Promise<string> {
  const picked = pickTool(await findTools(name, candidateDirs(config.backup.binDir)), major);
  if ('ok' in picked) return picked.ok.path;
  return refuse(picked.newest ? 'backup.toolOld' : 'backup.noTool', { tool: name, server: major, found: picked.newest ? `${picked.newest.path} (${picked.newest.major})` : '—' });
}

async function tableCount(db: Knex): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: number }[] }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  return rows[0]!.n;
}

/** Runs a PostgreSQL tool; its verbose lines name each table, which `progress` is told of. */
function runTool(path: string, args: string[], watch: RegExp, onTable: (table: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    let rest = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = watch.exec(line);
        if (m) onTable(m[1]!);
        else if (!/^pg_(dump|restore): (reading|identifying|finding|flagging|saving|dumping|creating|executing|processing|connecting|implied|last built-in|read|setting)/.test(line)) tail = line;
      }
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new ToolFailed(tail || rest || `exit ${code}`))));
  });
}

class ToolFailed extends Error {}

/** How many tables' data a backup holds (its table of contents), so a restore's progress has a total. */
async function dataEntries(pgRestore: string, file: string): Promise<number> {
  const { stdout } = await promisify(execFile)(pgRestore, ['--list', file], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
}

async function asOwner<T>(config: Config, work: (db: Knex, url: string) => Promise<T>): Promise<T> {
  const conn = await connect(config, { asOwner: true, migrate: false });
  try {
    return await work(conn.db, conn.url);
  } finally {
    await disconnect(conn);
  }
}

export async function backup(config: Config, file: string, progress?: BackupProgress): Promise<BackupResult> {
  return asOwner(config, async (db, url) => {
    if (!(await db.schema.hasTable('knex_migrations'))) refuse('backup.empty');
    const server = await serverMajor(db);
    const pgDump = await tool(config, 'pg_dump', server.major);
    const total = await tableCount(db);
    await mkdir(dirname(file), { recursive: true });
    // Written beside, then renamed: a backup file is whole or absent.
    const partial = `${file}.partial`;
    let done = 0;
    try {
      await runTool(pgDump, ['--format=custom', '--no-owner', '--verbose', `--file=${partial}`, `--dbname=${url}`], /dumping contents of table "(?:public\.)?([^"]+)"/, (table) => progress?.({ phase: 'dump', done: ++done, total, table }));
    } catch (e) {
      await rm(partial, { force: true });
      if (e instanceof ToolFailed) refuse('backup.failed', { tool: 'pg_dump', reason: e.message });
      throw e;
    }
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, tables: total, serverVersion: server.version };
  });
}

export interface RestoreResult {
  file: string;
  tables: number;
  migrations: number;
}

/** Onto an empty database only: a shop is never overwritten. */
export async function restore(config: Config, file: string, progress?: BackupProgress): Promise<RestoreResult> {
  const size = await stat(file).then((s) => s.size, () => refuse('backup.noFile', { file }));
  if (size === 0) refuse('backup.noFile', { file });
  return asOwner(config, async (db, url) => {
    if (await db.schema.hasTable('knex_migrations')) refuse('backup.notEmpty');
    const server = await serverMajor(db);
    const pgRestore = await tool(config, 'pg_restore', server.major);
    // The grants to the tills' group role come back with the tables: the role must be there.
    await ensureTillRole(db);
    let done = 0;
    const total = progress ? await dataEntries(pgRestore, file) : 0;
    try {
      await runTool(pgRestore, ['--no-owner', '--exit-on-error', '--verbose', `--dbname=${url}`, file], /processing data for table "(?:public\.)?([^"]+)"/, (table) => progress?.({ phase: 'restore', done: ++done, total, table }));
    } catch (e) {
      if (e instanceof ToolFailed) refuse('backup.failed', { tool: 'pg_restore', reason: e.message });
      throw e;
    }
    if (config.db.url === '') {
      // The embedded till user logs in again with this data folder's password (made by connect).
      await db.raw(`GRANT pos_till TO ${EMBEDDED_TILL_USER}`).catch(() => undefined);
    }
    const migrations = Number((await db('knex_migrations').count<{ n: number }[]>({ n: '*' }))[0]!.n);
    return { file, tables: await tableCount(db), migrations };
  });
}

const DAILY = /^pos-(\d{4}-\d{2}-\d{2})\.dump$/;

export interface DailyResult {
  made: BackupResult | null;
  removed: string[];
}

/**
 * The day's backup in backup.dir (none made if that day's is there), and the oldest removed
 * beyond backup.keep. `day`: the shop's date (YYYY-MM-DD in its time zone).
 */
export async function dailyBackup(config: Config, day: string, progress?: BackupProgress): Promise<DailyResult> {
  const dir = config.backup.dir;
  await mkdir(dir, { recursive: true });
  const file = join(dir, `pos-${day}.dump`);
  const have = await stat(file).then(() => true, () => false);
  const made = have ? null : await backup(config, file, progress);
  const days = (await readdir(dir)).filter((n) => DAILY.test(n)).sort().reverse();
  const removed = days.slice(config.backup.keep);
  for (const n of removed) await rm(join(dir, n), { force: true });
  return { made, removed };
}

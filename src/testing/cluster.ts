// PostgreSQL servers and a PgBouncer of a test's own, on free ports, in a temporary folder:
// a primary, its streaming standby made with pg_basebackup, promoted when the test says, and a
// pooler in transaction mode. As root they run as the postgres user (neither runs as root).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pgBinDir, toolPath } from './tools';

const run = promisify(execFile);

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** As root, who runs the servers: the postgres user (.ci/run makes it). */
async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (userInfo().uid !== 0) return null;
  const { stdout } = await run('getent', ['passwd', 'postgres']);
  const [, , uid, gid] = stdout.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A temporary folder the server user may write in. */
async function ownFolder(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const ids = await serverUser();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  chmodSync(dir, 0o700);
  return dir;
}

async function exec(file: string, args: string[]): Promise<string> {
  const ids = await serverUser();
  try {
    const { stdout, stderr } = await run(file, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C', PGUSER: 'postgres' }, timeout: 60_000 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${file.split('/').pop()} ${args.join(' ')} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

export interface PgServer {
  port: number;
  dir: string;
  /** The superuser `postgres`, database `postgres`. */
  url: string;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  promote(): Promise<void>;
  /** Stopped (if running) and its folder gone. */
  remove(): Promise<void>;
}

function server(bin: string, dir: string, port: number): PgServer {
  const pgdata = join(dir, 'pgdata');
  let running = true;
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    running = false;
    await exec(join(bin, 'pg_ctl'), ['stop', '-D', pgdata, '-m', mode, '-w']);
  };
  return {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    promote: async () => void (await exec(join(bin, 'pg_ctl'), ['promote', '-D', pgdata, '-w'])),
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function start(bin: string, dir: string, port: number): Promise<void> {
  await exec(join(bin, 'pg_ctl'), ['start', '-D', join(dir, 'pgdata'), '-w', '-t', '30', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`]);
}

/** A primary ready for streaming replication, trusting connections from this machine only. */
export async function startPrimary(bin = pgBinDir()!): Promise<PgServer> {
  const dir = await ownFolder('pos-primary-');
  const pgdata = join(dir, 'pgdata');
  return cleanedOnFailure(dir, async () => {
    await exec(join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    writeFileSync(join(pgdata, 'postgresql.auto.conf'), [
      'wal_level = replica', 'max_wal_senders = 4', 'hot_standby = on', 'fsync = off', 'synchronous_commit = on',
      'max_connections = 100', 'shared_buffers = 32MB',
    ].join('\n') + '\n', { flag: 'a' });
    writeFileSync(join(pgdata, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
    const port = await freePort();
    await start(bin, dir, port);
    return server(bin, dir, port);
  });
}

/** What `make` started in `dir` is stopped and the folder removed should it fail half-way. */
async function cleanedOnFailure(dir: string, make: () => Promise<PgServer>): Promise<PgServer> {
  try {
    return await make();
  } catch (error) {
    const pgdata = join(dir, 'pgdata');
    const bin = pgBinDir();
    if (bin) await exec(join(bin, 'pg_ctl'), ['stop', '-D', pgdata, '-m', 'immediate', '-w']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A streaming standby of `primary`, made with pg_basebackup (-R: it follows the primary once started). */
export async function startStandby(primary: PgServer, bin = pgBinDir()!): Promise<PgServer> {
  const dir = await ownFolder('pos-standby-');
  return cleanedOnFailure(dir, async () => {
    await exec(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', join(dir, 'pgdata'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    const port = await freePort();
    await start(bin, dir, port);
    return server(bin, dir, port);
  });
}

/** Until the standby has replayed everything the primary had written when asked. */
export async function caughtUp(primary: PgServer, standby: PgServer, timeoutMs = 15_000): Promise<void> {
  const p = new pg.Client({ connectionString: primary.url });
  const s = new pg.Client({ connectionString: standby.url });
  await p.connect();
  await s.connect();
  try {
    const { rows } = await p.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const started = Date.now();
    for (;;) {
      const r = await s.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0]!.lsn]);
      if (r.rows[0]!.done) return;
      if (Date.now() - started > timeoutMs) throw new Error(`the standby did not replay up to ${rows[0]!.lsn} in ${timeoutMs} ms`);
      await new Promise((r2) => setTimeout(r2, 20));
    }
  } finally {
    await p.end();
    await s.end();
  }
}

export interface Bouncer {
  port: number;
  /** `url` with the pooler's address instead of the server's. */
  through(url: string): string;
  close(): Promise<void>;
}

/**
 * PgBouncer in transaction mode before the server of `serverUrl`: a server connection serves a
 * client for one transaction only. `users` are the logins it passes on (name → password).
 */
export async function startBouncer(serverUrl: string, users: Record<string, string>): Promise<Bouncer> {
  const dir = await ownFolder('pos-bouncer-');
  const server = new URL(serverUrl);
  const port = await freePort();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(join(dir, 'users.txt'), Object.entries(users).map(([u, p]) => `${quote(u)} ${quote(p)}`).join('\n') + '\n');
  writeFileSync(join(dir, 'pgbouncer.ini'), [
    '[databases]',
    `* = host=${server.hostname} port=${server.port || 5432}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1', `listen_port = ${port}`, 'unix_socket_dir =',
    // The pooler trusts its clients here; it logs in to the server with the passwords of users.txt.
    'auth_type = trust', `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction', 'max_client_conn = 500', 'default_pool_size = 8', 'max_db_connections = 8',
    `logfile = ${join(dir, 'log')}`, 'ignore_startup_parameters = extra_float_digits,options',
    // Its console (database pgbouncer) open to the test's users: SHOW CONFIG proves the mode.
    `admin_users = ${Object.keys(users).join(',')}`,
  ].join('\n') + '\n');
  const ids = await serverUser();
  if (ids) {
    for (const f of ['users.txt', 'pgbouncer.ini']) chownSync(join(dir, f), ids.uid, ids.gid);
  }
  const child: ChildProcess = spawn(toolPath('pgbouncer')!, [join(dir, 'pgbouncer.ini')], { ...(ids ?? {}), stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  // Up once it answers a query.
  const started = Date.now();
  const probe = new URL(serverUrl);
  probe.hostname = '127.0.0.1';
  probe.port = String(port);
  const fail = (message: string): never => {
    if (!exited) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  };
  for (;;) {
    if (exited) fail(`pgbouncer ended at start: ${readLog(join(dir, 'log'))}`);
    const c = new pg.Client({ connectionString: probe.toString() });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      break;
    } catch {
      await c.end().catch(() => undefined);
      if (Date.now() - started > 10_000) fail(`pgbouncer did not answer in 10 s: ${readLog(join(dir, 'log'))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port,
    through: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    close: async () => {
      if (!exited) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGINT');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The last lines of a log, for a failure's message. */
function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return 'no log';
  }
}

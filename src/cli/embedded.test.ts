// `bin/pos` on the embedded server (no DATABASE_URL): commands share one server, which stays up
// for the linger after the last of them, and no process, killed or racing, leaves it wrong.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testCli';

const bin = resolve(import.meta.dirname, '../../bin/pos');

async function read(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bin/pos on the embedded PostgreSQL', () => {
  let home = '';
  const db = () => join(home, '.pos', 'db');
  /** The server's pid while it runs (postmaster.pid), else null. */
  const server = async () => {
    const pid = Number((await read(join(db(), 'pgdata', 'postmaster.pid')))?.split('\n')[0]);
    return pid > 0 && alive(pid) ? pid : null;
  };
  const watchdog = async () => Number((await read(join(db(), 'watchdog.pid')))?.split(' ')[0]) || null;
  const starts = async () => ((await read(join(db(), 'postgres.log'))) ?? '').split('ready to accept connections').length - 1;
  const pos = (linger: number, ...args: string[]) => runCli(home, { POS_DB_EMBEDDED_PORT: '54395', POS_DB_EMBEDDED_LINGER_SECONDS: String(linger) }, args);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'pos-embedded-'));
    await chmod(home, 0o755); // run as the postgres user when the tests run as root
  });
  afterAll(async () => {
    const pid = await server();
    if (pid) process.kill(pid, 'SIGINT');
    await waitFor('the server stopped', async () => (await server()) === null);
    await rm(home, { recursive: true, force: true });
  });

  it('keeps the server up after a command for the next one, and stops it once the linger is over', async () => {
    // Every test leaves the server stopped; in any order, this one starts it once.
    const before = await starts();
    expect(await pos(600, 'item', 'list', '--limit', '1')).toMatchObject({ code: 0, stderr: '' });
    const first = await server();
    expect(first).not.toBeNull();
    const keeper = await watchdog();
    expect(keeper !== null && alive(keeper)).toBe(true);
    expect(await readdir(join(db(), 'users'))).toEqual([]);

    expect(await pos(600, 'item', 'list', '--limit', '1')).toMatchObject({ code: 0, stderr: '' });
    expect(await server()).toBe(first);
    expect(await starts()).toBe(before + 1);

    // A watchdog killed is replaced by the next command, with that command's linger.
    process.kill(keeper!, 'SIGKILL');
    await waitFor('the watchdog is gone', async () => !alive(keeper!));
    expect(await pos(1, 'item', 'list', '--limit', '1')).toMatchObject({ code: 0, stderr: '' });
    expect(await server()).toBe(first);
    const second = await watchdog();
    expect(second).not.toBe(keeper);
    await waitFor('the server stopped after its linger', async () => (await server()) === null);
    await waitFor('the watchdog ended', async () => (await watchdog()) === null && !alive(second!));
  });

  it('stops the server after the linger when the process using it was killed', async () => {
    const serve = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      cwd: home,
      env: { PATH: process.env.PATH, POS_HOME: home, POS_DB_EMBEDDED_PORT: '54395', POS_DB_EMBEDDED_LINGER_SECONDS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    serve.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    await waitFor('pos serve listens', async () => said.length > 0 || serve.exitCode !== null);
    expect(await readdir(join(db(), 'users'))).toEqual([String(serve.pid)]);
    expect(await server()).not.toBeNull();

    serve.kill('SIGKILL');
    await waitFor('the server stopped', async () => (await server()) === null);
    expect(await readdir(join(db(), 'users'))).toEqual([]);
  });

  it('starts one server when two commands find it stopped at once; with no linger the last one out stops it', async () => {
    const before = await starts();
    const [a, b] = await Promise.all([pos(0, 'item', 'list', '--limit', '1'), pos(0, 'item', 'list', '--limit', '1')]);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(b).toMatchObject({ code: 0, stderr: '' });
    expect(await starts()).toBe(before + 1);
    expect(await server()).toBeNull();
  });
});

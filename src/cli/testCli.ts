// Runs `pos` for tests as a shop runs it: the bundle built by the global setup (bin/pos), in a
// process of its own, with the test's folder as POS_HOME and as working directory.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEMO } from '../app/seedDemo';
import { useTestDatabase, type TestDatabase } from '../testing/db';

export interface CliResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

const bin = resolve(import.meta.dirname, '../../bin/pos');

/** The test run's own settings do not leak into the till: only what a test gives it. */
function outerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(POS_|VITEST|DATABASE_URL$|NODE_ENV$|NODE_OPTIONS$)/.test(k)));
}

/**
 * The demo operators' PINs, given as their owners give them to a command (never in argv):
 * POS_PIN for the operator of --operator, POS_MANAGER_PIN for the manager of --manager or
 * --by. A test that sets either itself (even to '') keeps its own.
 */
export function demoPins(args: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const pinOf = (flags: string[]) => {
    const at = args.findIndex((a) => flags.includes(a));
    return at < 0 ? undefined : DEMO.operators.find((o) => o.code === args[at + 1])?.pin;
  };
  const operator = pinOf(['--operator']);
  const manager = pinOf(['--manager', '--by']);
  const all: NodeJS.ProcessEnv = {
    ...(operator !== undefined && !('POS_PIN' in env) && { POS_PIN: operator }),
    ...(manager !== undefined && !('POS_MANAGER_PIN' in env) && { POS_MANAGER_PIN: manager }),
    ...env,
  };
  // A variable set to undefined: the test wants it absent.
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** `bin/pos ...args` with `root` as POS_HOME (its config/local.json, its .pos/) and as working directory unless `cwd` says. */
export function runCli(root: string, env: NodeJS.ProcessEnv, args: string[], cwd = root): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...outerEnv(), ...demoPins(args, env), POS_HOME: root }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/**
 * For a test file: its own database (DATABASE_URL) and a project folder of its own, so the
 * data folder, the receipts file and config/local.json are the test's.
 */
export function useCli(): { db: () => TestDatabase; root: () => string; pos: (...args: string[]) => Promise<CliResult>; posEnv: (env: NodeJS.ProcessEnv, ...args: string[]) => Promise<CliResult> } {
  const testDb = useTestDatabase();
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pos-cli-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return {
    db: testDb,
    root: () => root,
    pos: (...args) => runCli(root, { DATABASE_URL: testDb().url }, args),
    posEnv: (env, ...args) => runCli(root, { DATABASE_URL: testDb().url, ...env }, args),
  };
}

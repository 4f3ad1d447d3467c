// Runs `pos` for tests as a shop runs it: the bundle built by the global setup (bin/pos), in a
// process of its own, with the test's folder as POS_HOME and as working directory.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
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

/** `bin/pos ...args` with `root` as POS_HOME (its config/local.json, its .pos/) and as working directory unless `cwd` says. */
export function runCli(root: string, env: NodeJS.ProcessEnv, args: string[], cwd = root): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...outerEnv(), ...env, POS_HOME: root }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/**
 * For a test file: its own database (DATABASE_URL) and a project folder of its own, so the
 * data folder, the receipts file and config/local.json are the test's.
 */
export function useCli(): { db: () => TestDatabase; root: () => string; pos: (...args: string[]) => Promise<CliResult> } {
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
  };
}

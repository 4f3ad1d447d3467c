// Runs `pos` in-process for tests: a fresh program per call, output captured, exit recorded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { afterAll, beforeAll } from 'vitest';
import { useTestDatabase, type TestDatabase } from '../testing/db';
import { buildProgram } from './program';

export interface CliResult {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runCli(root: string, env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  const out = capture();
  const err = capture();
  let code: number | undefined;
  const program = buildProgram(root, { stdout: out.stream, stderr: err.stream, env, exit: (c) => void (code ??= c) });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    // Commander stops with a throw once io.exit has the code (usage errors, help).
    if (!(error instanceof CommanderError)) throw error;
  }
  return { code, stdout: out.text(), stderr: err.text() };
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

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';
import { openDb, withDatabase } from './src/data/db';
import { pendingMigrations } from './src/data/migrations';
import { admin } from './src/testing/db';

const root = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

it("knex's own CLI migrates a new database through knexfile.ts, as the till would", async () => {
  const name = `pos_test_knexfile_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = withDatabase(inject('pgServerUrl'), name);
  const knex = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', join(root, 'node_modules/knex/bin/cli.js'), ...args, '--knexfile', join(root, 'knexfile.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    });
  const db = openDb({ url });
  try {
    expect((await knex('migrate:latest')).stdout).toMatch(/Batch 1 run: \d+ migrations/);
    expect(await pendingMigrations(db)).toEqual([]);
    expect((await knex('migrate:list')).stdout).toContain('No Pending Migration files Found.');
  } finally {
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});

// Once per test run: build the bundle, find a PostgreSQL (DATABASE_URL, else a private embedded server in the
// temp folder), and build a template database, migrated and loaded with the demo shop, that
// each test file copies into a database of its own.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { openDb, serverQuery, withDatabase } from '../data/db';
import { ensureEmbeddedServer, type EmbeddedServer } from '../data/embedded';
import { migrateLatest } from '../data/migrations';
import { DEMO, seedDemo } from '../app/seedDemo';
import { hashPin } from '../app/pin';
import { ensureTillLogin } from '../data/roles';
import { TEST_TILL_PASSWORD, TEST_TILL_USER } from './tillUser';

export const TEMPLATE = `pos_test_template_${process.pid}`;

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}

const run = promisify(execFile);
const TEST_PIN_COST = { N: 1024, r: 8 };

export default async function setup(project: TestProject) {
  // The end-to-end tests run the bundled bin/pos: build it once, before any of them.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  await run(process.execPath, [join(root, 'bin', 'build.mjs')], { cwd: root });

  let embedded: EmbeddedServer | null = null;
  let embeddedDir = '';
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // A server of this run's own (≈ 1 s to make): runs side by side never stop each other's.
    embeddedDir = mkdtempSync(join(tmpdir(), 'pos-test-pg-'));
    chmodSync(embeddedDir, 0o755); // run as the postgres user when the tests run as root
    embedded = await ensureEmbeddedServer({ dir: embeddedDir, port: 54330 });
    serverUrl = embedded.url;
  }
  await serverQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await serverQuery(serverUrl, `CREATE DATABASE ${TEMPLATE}`);
  const db = openDb({ url: withDatabase(serverUrl, TEMPLATE), applicationName: 'pos-test-setup' });
  try {
    await migrateLatest(db);
    await seedDemo(db);
    // The shop's cost makes each PIN check dear on purpose (src/app/pin.ts); the thousands of
    // checks of a test run get the demo PINs at a low cost instead. The cost is written in each
    // hash, so the till verifies them as it verifies any other.
    for (const o of DEMO.operators) await db('operators').where('code', o.code).update({ pin_hash: hashPin(o.pin, TEST_PIN_COST) });
    // The app under test connects as a till does: a login user of the till role.
    await ensureTillLogin(db, TEST_TILL_USER, TEST_TILL_PASSWORD);
  } finally {
    await db.destroy();
  }
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', TEMPLATE);

  return async () => {
    await serverQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    if (embedded) {
      await embedded.stop();
      rmSync(embeddedDir, { recursive: true, force: true });
    }
  };
}

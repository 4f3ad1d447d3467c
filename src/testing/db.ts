import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDb, serverQuery, withDatabase } from '../data/db';

export interface TestDatabase {
  db: Knex;
  url: string;
  name: string;
}

/** A statement on the test server itself (make or drop a database). */
export async function admin(sql: string): Promise<void> {
  await serverQuery(inject('pgServerUrl'), sql);
}

/** A database of this test file's own: a copy of the migrated demo template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pos_test_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const url = withDatabase(inject('pgServerUrl'), name);
  return { db: openDb({ url, poolMax: 20 }), url, name };
}

export async function dropTestDatabase(t: TestDatabase): Promise<void> {
  await t.db.destroy();
  await admin(`DROP DATABASE IF EXISTS ${t.name} WITH (FORCE)`);
}

/** For a test file: a fresh database before its tests, dropped after them. */
export function useTestDatabase(): () => TestDatabase {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    if (t) await dropTestDatabase(t);
  });
  return () => {
    if (!t) throw new Error('the test database is made in beforeAll');
    return t;
  };
}

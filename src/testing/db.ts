import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDb, serverQuery, withDatabase } from '../data/db';
import { asTestTill } from './tillUser';

export interface TestDatabase {
  /** The app's handle: a login user of the till role, as a till connects (the suite proves its grants suffice). */
  db: Knex;
  /** The till user's URL (bin/pos is run with it). */
  url: string;
  name: string;
  /** The owner of the tables, for fixtures that do what no till may (backdating, breaking a ledger on purpose). */
  owner: Knex;
  ownerUrl: string;
}

/** A statement on the test server itself (make or drop a database). */
export async function admin(sql: string): Promise<void> {
  await serverQuery(inject('pgServerUrl'), sql);
}

/** A database of this test file's own: a copy of the migrated demo template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pos_test_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const ownerUrl = withDatabase(inject('pgServerUrl'), name);
  const url = asTestTill(ownerUrl);
  return { db: openDb({ url, poolMax: 20 }), url, name, owner: openDb({ url: ownerUrl, poolMax: 4 }), ownerUrl };
}

export async function dropTestDatabase(t: TestDatabase): Promise<void> {
  await t.db.destroy();
  await t.owner.destroy();
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

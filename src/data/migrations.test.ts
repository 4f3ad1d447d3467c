import { describe, expect, inject, it } from 'vitest';
import { admin } from '../testing/db';
import { openDb, withDatabase } from './db';
import { migrateLatest, migrateRollbackAll, pendingMigrations } from './migrations';

describe('migrations', () => {
  it('go up on an empty database, down to nothing, and up again', async () => {
    const name = `pos_migrations_${process.pid}`;
    await admin(`CREATE DATABASE ${name}`);
    const db = openDb({ url: withDatabase(inject('pgServerUrl'), name) });
    const tables = async () =>
      (await db('pg_tables').where('schemaname', 'public').whereNot('tablename', 'like', 'knex_%').orderBy('tablename').pluck('tablename')) as string[];
    try {
      expect((await pendingMigrations(db)).length).toBeGreaterThan(0);
      const applied = await migrateLatest(db);
      expect(applied).toEqual(await db('knex_migrations').orderBy('id').pluck('name'));
      expect(await pendingMigrations(db)).toEqual([]);
      expect(await tables()).toEqual(expect.arrayContaining(['sales', 'sale_lines', 'sale_tenders', 'sale_vat', 'items', 'terminals']));

      await migrateRollbackAll(db);
      expect(await tables()).toEqual([]);
      expect(await migrateLatest(db)).toEqual(applied);
    } finally {
      await db.destroy();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

import { describe, expect, inject, it } from 'vitest';
import { commitSale } from '../app/commitSale';
import { admin, createTestDatabase, dropTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { openDb, withDatabase } from './db';
import { migrateLatest, migrateRollbackAll, migrationConfig, migrationSource, pendingMigrations } from './migrations';

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

describe('migrations on a copy of the demo shop with sales in it', () => {
  it('go down one by one and up again, the tickets kept where their tables stay', async () => {
    const own = await createTestDatabase();
    try {
      const till = await terminal(own.db, 'T01');
      for (const lines of [[['BOUL-001', 2], ['CAVE-001', 1]], [['EPIC-001', 3]], [['SNAK-001', 1], ['BOUL-006', 4]]] as [string, number][][]) {
        await commitSale(own.db, await saleRequest(own.db, { terminal: till, lines }));
      }
      const sums = async () => (await own.owner.raw(`SELECT count(*)::int AS n, sum(total_cents)::bigint::text AS total,
        (SELECT sum(vat_cents)::bigint::text FROM sale_vat) AS vat FROM sales`)).rows[0] as { n: number; total: string; vat: string };
      const shop = await sums();
      expect(shop.n).toBeGreaterThanOrEqual(3);
      const address = async () => ((await own.owner('stores').where('code', 'M01').first('address')) as { address: string[] }).address;
      const printed = await address();
      expect(printed).toContain('SIRET 123 456 789 00015');

      // Down through this migrations: the tickets stay, the SIRET goes back into the address.
      const all = await migrationSource.getMigrations([]);
      const ours = all.filter((n) => n >= '20261208120000');
      for (let i = 0; i < ours.length; i++) await own.owner.migrate.down(migrationConfig);
      expect(await sums()).toEqual(shop);
      expect(await address()).toEqual(printed);
      await migrateLatest(own.owner);
      expect(await sums()).toEqual(shop);
      expect(await address()).toEqual(['12 rue de la République', '69002 Lyon', 'SIRET 123 456 789 00015']);
      expect(await pendingMigrations(own.owner)).toEqual([]);

      // Every migration down, one at a time, with the shop in it, then all up again.
      for (let i = all.length; i > 0; i--) await own.owner.migrate.down(migrationConfig);
      expect(await own.owner.schema.hasTable('sales')).toBe(false);
      await migrateLatest(own.owner);
      expect(await pendingMigrations(own.owner)).toEqual([]);
    } finally {
      await dropTestDatabase(own);
    }
  }, 120_000);
});

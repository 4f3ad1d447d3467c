// Upgrades: a till older than the schema refuses to start and names the version to install; a
// till finding a store server behind never migrates it on its own, `pos migrate` does.
import { describe, expect, it } from 'vitest';
import { migrationConfig } from '../data/migrations';
import { APP_VERSION, compareVersions } from '../domain/version';
import { createTestDatabase, dropTestDatabase } from '../testing/db';
import { testConfig } from '../testing/tui';
import { runCli } from '../cli/testCli';
import { Refusal } from './errors';
import { closeTill, openTill } from './till';
import pkg from '../../package.json';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SLOW = 120_000;

describe('upgrades', () => {
  it('knows its own version, as package.json says', () => {
    expect(APP_VERSION).toBe(pkg.version);
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1);
    expect(compareVersions('1.2.3', '1.2.3-rc1')).toBe(0);
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
  });

  it('an older till is refused by a newer schema, naming the version to install; the till it asks for starts', async () => {
    const own = await createTestDatabase();
    try {
      await own.owner('schema_versions').insert({ name: '20990101000000_future', min_till_version: '2.4.0', applied_by_version: '2.5.1' });
      await own.owner('knex_migrations').insert({ name: '20990101000000_future', batch: 100, migration_time: new Date() });
      const config = testConfig(own.url);
      const refused = await openTill(config, { migrate: true, appVersion: '2.3.9' }).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(Refusal);
      expect(refused).toMatchObject({ key: 'db.tillTooOld', params: { mine: '2.3.9', need: '2.4.0', by: '2.5.1' } });
      const till = await openTill(config, { migrate: true, appVersion: '2.4.0' });
      await closeTill(till);

      // The program as built (its package.json version) says so in one line.
      const root = await mkdtemp(join(tmpdir(), 'pos-upgrade-'));
      expect(await runCli(root, { DATABASE_URL: own.url }, ['item', 'list', '--limit', '1'])).toEqual({
        code: 1, stdout: '', stderr: `Cette caisse (version ${APP_VERSION}) est plus ancienne que la base (migrée par la version 2.5.1) : installez la version 2.4.0 ou plus récente\n`,
      });
      // Nor does it migrate that database.
      expect(await runCli(root, { DATABASE_URL: own.ownerUrl }, ['migrate'])).toEqual({
        code: 1, stdout: '', stderr: `Ce programme (${APP_VERSION}) est plus ancien que la base (migrée par la version 2.5.1) : il ne la migre pas ; lancez \`pos migrate\` avec la version 2.5.1 ou plus récente\n`,
      });
    } finally {
      await dropTestDatabase(own);
    }
  }, SLOW);

  it('a till finding the store server behind does not migrate it, even with the owner’s address; pos migrate does and records its version', async () => {
    const own = await createTestDatabase();
    try {
      await own.owner.migrate.down(migrationConfig);
      const pending = async () => (await own.owner('knex_migrations').pluck('name')).length;
      const before = await pending();
      const root = await mkdtemp(join(tmpdir(), 'pos-upgrade-'));
      const env = { DATABASE_URL: own.url, DATABASE_OWNER_URL: own.ownerUrl };
      expect(await runCli(root, env, ['item', 'list', '--limit', '1'])).toMatchObject({ code: 1, stderr: 'La base n’est pas à jour (1 migration(s) en attente) : lancez `pos migrate` avec le compte propriétaire (DATABASE_OWNER_URL)\n' });
      expect(await pending()).toBe(before);
      expect(await runCli(root, env, ['migrate'])).toMatchObject({ code: 0 });
      expect(await pending()).toBe(before + 1);
      expect(await own.owner('schema_versions').orderBy('applied_at', 'desc').first('applied_by_version')).toEqual({ applied_by_version: APP_VERSION });
      expect(await runCli(root, env, ['item', 'list', '--limit', '1'])).toMatchObject({ code: 0 });
    } finally {
      await dropTestDatabase(own);
    }
  }, SLOW);
});

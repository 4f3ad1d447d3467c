// knex's own CLI reads this file; the till migrates at start and with `pos migrate`, which
// also serves the embedded server. It runs as the owner of the tables (db.ownerUrl /
// DATABASE_OWNER_URL, else db.url / DATABASE_URL). For a store server, e.g.:
//   DATABASE_OWNER_URL=postgres://pos_owner@store-server/pos node --import tsx node_modules/knex/bin/cli.js migrate:status --knexfile knexfile.ts
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { loadConfig } from './src/config/load';
import { dbConfig } from './src/data/db';
import { migrationConfig } from './src/data/migrations';

export default async function knexfile(): Promise<Knex.Config> {
  const config = loadConfig({ root: dirname(fileURLToPath(import.meta.url)) });
  const url = config.db.ownerUrl || config.db.url;
  if (!url) throw new Error('knexfile: set DATABASE_OWNER_URL (or DATABASE_URL, db.ownerUrl, db.url); the embedded server is migrated by `pos migrate`');
  return { ...dbConfig({ url, applicationName: 'pos:knex-cli' }), migrations: migrationConfig };
}

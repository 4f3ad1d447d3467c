// knex's own CLI reads this file; the till migrates at start and with `pos migrate`, which
// also serves the embedded server. For a store server, e.g.:
//   DATABASE_URL=postgres://pos@store-server/pos node --import tsx node_modules/knex/bin/cli.js migrate:status --knexfile knexfile.ts
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { loadConfig } from './src/config/load';
import { dbConfig } from './src/data/db';
import { migrationConfig } from './src/data/migrations';

export default async function knexfile(): Promise<Knex.Config> {
  const config = loadConfig({ root: dirname(fileURLToPath(import.meta.url)) });
  if (!config.db.url) throw new Error('knexfile: set DATABASE_URL or db.url; the embedded server is migrated by `pos migrate`');
  return { ...dbConfig({ url: config.db.url, applicationName: 'pos:knex-cli' }), migrations: migrationConfig };
}

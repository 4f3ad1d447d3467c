// The bench's own database on the server: schema, demo shop, bulk catalog and the extra
// terminals of the concurrency run. Dropped at the end, so the bench leaves nothing behind.
import type { Knex } from 'knex';
import { seedDemo } from '../app/seedDemo';
import { openDb, withDatabase } from '../data/db';
import { migrateLatest } from '../data/migrations';
import { loadBulkCatalog, type BulkItem } from './catalog';
import { dropDatabase, recreateDatabase } from './server';

// BENCH_DATABASE names another: two benches on one server (two branches measured side by side)
// would otherwise drop each other's database.
export const BENCH_DATABASE = process.env.BENCH_DATABASE || 'pos_bench';

export interface BenchDatabase {
  url: string;
  db: Knex;
  bulk: BulkItem[];
  drop(): Promise<void>;
}

export async function prepareBenchDatabase(serverUrl: string, opts: { bulkItems: number; terminals: number }): Promise<BenchDatabase> {
  await recreateDatabase(serverUrl, BENCH_DATABASE);
  const url = withDatabase(serverUrl, BENCH_DATABASE);
  // Not "pos:…": the till stops an embedded server when no other "pos:" client is left, and
  // the bench must not count as a till (see keepServer() for when it must).
  const db = openDb({ url, poolMax: 4, applicationName: 'pos-bench:setup' });
  await migrateLatest(db);
  await seedDemo(db);
  const bulk = await loadBulkCatalog(db, opts.bulkItems);
  await addTerminals(db, opts.terminals);
  return {
    url,
    db,
    bulk,
    drop: async () => {
      await db.destroy();
      await dropDatabase(serverUrl, BENCH_DATABASE);
    },
  };
}

/** B01…B16 in the demo store: one per concurrent till, each with its own ticket counter. */
export function benchTerminalCode(i: number): string {
  return `B${String(i + 1).padStart(2, '0')}`;
}

export async function addTerminals(db: Knex, count: number): Promise<void> {
  const store = (await db('stores').where('code', 'M01').first('id')) as { id: number };
  const rows = Array.from({ length: count }, (_, i) => ({ code: benchTerminalCode(i), name: `Banc ${i + 1}`, store_id: store.id }));
  await db('terminals').insert(rows).onConflict('code').ignore();
}

// The bulk catalog of a large shop: 100,000 items beside the 200 of the demo, so that a scan
// is looked up in an index of realistic size rather than in a table that fits in one page.
import type { Knex } from 'knex';
import { ean13 } from '../domain/ean';

export interface BulkItem {
  barcode: string;
  name: string;
}

/** "Article banc 000042": short enough never to be cut on an 80-column basket line. */
export function bulkName(n: number): string {
  return `Article banc ${String(n).padStart(6, '0')}`;
}

/**
 * Inserts `count` items in one statement. Barcodes come from the domain's own ean13() (in-store
 * range 200…, apart from the demo's 376…), sent as one array and expanded by the server.
 */
export async function loadBulkCatalog(db: Knex, count: number): Promise<BulkItem[]> {
  const items: BulkItem[] = [];
  for (let n = 1; n <= count; n++) items.push({ barcode: ean13(`200${String(n).padStart(9, '0')}`), name: bulkName(n) });
  await db.raw(
    `INSERT INTO items (sku, barcode, name, price_cents, vat_rate_bp, active)
     SELECT 'BANC-' || lpad(n::text, 6, '0'), code, name,
            50 + (n * 37) % 5000,
            CASE WHEN n % 4 = 0 THEN 550 ELSE 2000 END,
            true
       FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS x(code, name, n)`,
    [items.map((i) => i.barcode), items.map((i) => i.name)],
  );
  // A settled table, as on a shop's server: statistics for the planner, the trigram index's
  // pending list merged, and no autovacuum left to wake up during the first measure.
  await db.raw('VACUUM (ANALYZE) items');
  return items;
}

/** mulberry32: numbers in [0, 1) that two runs with one seed draw alike. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded generator: every run scans the same items in the same order. */
export function shuffled<T>(list: readonly T[], seed = 42): T[] {
  const out = [...list];
  const next = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

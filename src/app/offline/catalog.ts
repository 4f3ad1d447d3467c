import { open, readFile, rename } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { fold, listActiveItems } from '../../data/items';
import { isValidGtin } from '../../domain/ean';
import type { CatalogItem } from '../../domain/item';
import { refuse } from '../errors';
import type { Lookup } from '../entryResolver';

// The catalogue a till sells from with the server away: every active item as the server last
// gave it, kept in the till's offline folder. Only items: other codes (cards, coupons, scale
// labels, vouchers) need the server.

const CATALOG = 'catalog.json';

/** Reads the catalogue from the server and keeps it (replaced whole). Returns how many items. */
export async function saveCatalog(db: Knex, dir: string): Promise<number> {
  const items = await listActiveItems(db);
  await mkdir(dir, { recursive: true });
  const file = join(dir, CATALOG);
  const handle = await open(`${file}.tmp`, 'w');
  try {
    await handle.writeFile(JSON.stringify(items));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(`${file}.tmp`, file);
  loaded.delete(dir);
  return items.length;
}

const loaded = new Map<string, CatalogItem[]>();

export async function loadCatalog(dir: string): Promise<CatalogItem[]> {
  let items = loaded.get(dir);
  if (!items) {
    try {
      items = JSON.parse(await readFile(join(dir, CATALOG), 'utf8')) as CatalogItem[];
    } catch {
      items = [];
    }
    loaded.set(dir, items);
  }
  return items;
}

/** What the entry line finds in the kept catalogue: a barcode or SKU, else words of a name. */
export function lookupKept(items: readonly CatalogItem[], text: string): Lookup {
  const t = text.trim();
  const byCode = /^\d{8,14}$/.test(t) ? items.find((i) => i.barcode === t) ?? items.find((i) => i.sku === t) : items.find((i) => i.sku === t.toUpperCase());
  if (byCode) return { kind: 'item', item: byCode };
  if (/^\d+$/.test(t)) {
    if (/^(\d{8}|\d{12,14})$/.test(t) && !isValidGtin(t)) refuse('item.badCheckDigit', { code: t });
    refuse('offline.unknownCode', { code: t });
  }
  const words = fold(t).split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.join('').length < 2) refuse('item.searchTooShort');
  const found = items.filter((i) => words.every((w) => fold(i.name).includes(w))).slice(0, 50);
  if (found.length === 0) refuse('offline.unknownCode', { code: t });
  if (found.length === 1) return { kind: 'item', item: found[0]! };
  return { kind: 'choices', items: found };
}

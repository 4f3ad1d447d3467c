import type { Db } from './db';

// Item key pages (see the item keys migration): a till shows its own pages when it has any,
// else its store's.

export interface KeyRow {
  label: string;
  itemId: number;
  sku: string;
  name: string;
  caption: string | null;
  priceCents: number;
  stocked: boolean;
}

export interface KeyPageRow {
  id: number;
  position: number;
  name: string;
  /** Null: the store's page. */
  terminalId: number | null;
  keys: KeyRow[];
}

/** Whose pages: the store's (terminalId null), or one till's own. */
export interface KeyScope {
  storeId: number;
  terminalId: number | null;
}

/** The pages of one scope exactly (the back office edits these), in order, with their keys in label order. */
export async function keyPagesOf(db: Db, scope: KeyScope): Promise<KeyPageRow[]> {
  const { rows } = await db.raw<{ rows: KeyPageRow[] }>(`
    SELECT p.id, p.position, p.name, p.terminal_id AS "terminalId",
           coalesce((SELECT json_agg(json_build_object('label', k.label, 'itemId', i.id, 'sku', i.sku, 'name', i.name, 'caption', k.caption,
                                                     'priceCents', i.price_cents, 'stocked', i.stocked) ORDER BY k.label COLLATE "C")
                       FROM item_keys k JOIN items i ON i.id = k.item_id WHERE k.page_id = p.id), '[]') AS keys
      FROM item_key_pages p
     WHERE p.store_id = ? AND p.terminal_id IS NOT DISTINCT FROM ?::integer
     ORDER BY p.position`, [scope.storeId, scope.terminalId]);
  return rows.map((r) => ({ ...r, keys: r.keys.map((k) => ({ ...k, priceCents: Number(k.priceCents) })) }));
}

/** What a till shows: its own pages, or its store's when it has none. */
export async function keyPagesForTill(db: Db, storeId: number, terminalId: number): Promise<KeyPageRow[]> {
  const own = await keyPagesOf(db, { storeId, terminalId });
  return own.length > 0 ? own : keyPagesOf(db, { storeId, terminalId: null });
}

/** Locks a scope's pages (two back offices editing one scope take turns). */
export async function lockScope(db: Db, scope: KeyScope): Promise<void> {
  await db.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`item_keys:${scope.storeId}:${scope.terminalId ?? ''}`]);
}

export async function insertPage(db: Db, scope: KeyScope, position: number, name: string): Promise<number> {
  const [row] = await db('item_key_pages').insert({ store_id: scope.storeId, terminal_id: scope.terminalId, position, name }).returning('id');
  return (row as { id: number }).id;
}

export async function deletePages(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db('item_key_pages').whereIn('id', ids).delete();
}

export async function putKey(db: Db, pageId: number, label: string, itemId: number, caption: string | null): Promise<void> {
  await db('item_keys').insert({ page_id: pageId, label, item_id: itemId, caption }).onConflict(['page_id', 'label']).merge(['item_id', 'caption']);
}

export async function deleteKey(db: Db, pageId: number, label: string): Promise<number> {
  return db('item_keys').where({ page_id: pageId, label }).delete();
}

export async function relabelKey(db: Db, pageId: number, from: string, to: string): Promise<void> {
  await db('item_keys').where({ page_id: pageId, label: from }).update({ label: to });
}

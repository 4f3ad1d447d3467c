import type { StockLevel, StockMovementKind } from '../domain/stock';
import type { Db } from './db';

// Stock figures and their ledger (see the stock migration: a movement moves its figure in its
// own statement, under the figure's row lock; nothing else does).

export interface MovementInsert {
  storeId: number;
  itemId: number;
  kind: StockMovementKind;
  /** The change; for a count, left to the database (what was counted less what the books say then). */
  qty?: number;
  counted?: number;
  saleId?: number | null;
  terminalId: number | null;
  operatorId: number;
  approvedBy?: number | null;
  otherStoreId?: number | null;
  reason?: string | null;
  reference?: string | null;
  /** When it happened, if not now: a sale made offline moves its stock at the time it was sold. */
  at?: string | null;
}

export interface MovementWritten {
  id: number;
  storeId: number;
  itemId: number;
  kind: StockMovementKind;
  qty: number;
  qtyAfter: number;
  /** A count: what the books said when it was booked. */
  expected: number | null;
}

/**
 * Writes movements in one statement, in (store, item) order: the figures are locked in that
 * order, so two writers never wait on each other in a circle. Items that are not stocked are
 * left out (a ticket's coffee moves nothing).
 */
export async function insertMovements(db: Db, moves: readonly MovementInsert[]): Promise<MovementWritten[]> {
  if (moves.length === 0) return [];
  const rows = moves.map((m) => ({
    store_id: m.storeId, item_id: m.itemId, kind: m.kind, qty: m.qty ?? null, counted: m.counted ?? null, sale_id: m.saleId ?? null,
    terminal_id: m.terminalId, operator_id: m.operatorId, approved_by: m.approvedBy ?? null, other_store_id: m.otherStoreId ?? null,
    reason: m.reason ?? null, reference: m.reference ?? null, at: m.at ?? null,
  }));
  const { rows: written } = await db.raw<{ rows: { id: number; store_id: number; item_id: number; kind: StockMovementKind; qty: number; qty_after: number; expected: number | null }[] }>(`
    INSERT INTO stock_movements (store_id, item_id, kind, qty, counted, sale_id, terminal_id, operator_id, approved_by, other_store_id, reason, reference, at)
    SELECT m.store_id, m.item_id, m.kind, m.qty, m.counted, m.sale_id, m.terminal_id, m.operator_id, m.approved_by, m.other_store_id, m.reason, m.reference,
           coalesce(m.at, clock_timestamp())
      FROM jsonb_to_recordset(?::jsonb) AS m(store_id int, item_id int, kind text, qty int, counted int, sale_id bigint, terminal_id int,
                                             operator_id int, approved_by int, other_store_id int, reason text, reference text, at timestamptz)
      JOIN items i ON i.id = m.item_id AND i.stocked
     ORDER BY m.store_id, m.item_id
    RETURNING id, store_id, item_id, kind, qty, qty_after, expected`, [JSON.stringify(rows)]);
  return written.map((r) => ({ id: r.id, storeId: r.store_id, itemId: r.item_id, kind: r.kind, qty: r.qty, qtyAfter: r.qty_after, expected: r.expected }));
}

/** An active item as the back room finds it by SKU or barcode. */
export interface StockItem {
  id: number;
  sku: string;
  name: string;
  stocked: boolean;
}

/** Active items by the codes typed (a SKU, any case, or a barcode; a barcode wins over a SKU of the same digits). */
export async function stockItemsByCode(db: Db, codes: readonly string[]): Promise<Map<string, StockItem>> {
  if (codes.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: (StockItem & { code: string })[] }>(`
    SELECT c.code, i.id, i.sku, i.name, i.stocked
      FROM unnest(?::text[]) AS c(code)
      JOIN LATERAL (SELECT * FROM items i WHERE i.active AND (i.sku = upper(c.code) OR i.barcode = c.code)
                     ORDER BY i.barcode IS NOT DISTINCT FROM c.code DESC LIMIT 1) i ON true`, [[...codes]]);
  return new Map(rows.map((r) => [r.code, { id: r.id, sku: r.sku, name: r.name, stocked: r.stocked }]));
}

export interface StockRow extends StockLevel {
  itemId: number;
  sku: string;
  name: string;
  stocked: boolean;
  /** The item's own threshold, and this store's over it (the level's `threshold` is the one that applies). */
  itemThreshold: number | null;
  storeThreshold: number | null;
  lastSaleAt: Date | null;
}

interface Row {
  item_id: number;
  sku: string;
  name: string;
  stocked: boolean;
  qty: number;
  v: number;
  item_threshold: number | null;
  store_threshold: number | null;
  last_sale_at: Date | null;
}

const ROW = `
  SELECT i.id AS item_id, i.sku, i.name, i.stocked, coalesce(s.qty, 0) AS qty, coalesce(s.last_movement_id, 0) AS v,
         i.stock_threshold AS item_threshold, s.threshold AS store_threshold, s.last_sale_at
    FROM items i LEFT JOIN stock_levels s ON s.item_id = i.id AND s.store_id = ?`;

function toRow(r: Row): StockRow {
  return {
    itemId: r.item_id, sku: r.sku, name: r.name, stocked: r.stocked, qty: r.qty, v: Number(r.v),
    threshold: r.store_threshold ?? r.item_threshold, itemThreshold: r.item_threshold, storeThreshold: r.store_threshold, lastSaleAt: r.last_sale_at,
  };
}

/** The figures of these items in a store (zero where nothing has moved yet). */
export async function stockOfItems(db: Db, storeId: number, itemIds: readonly number[]): Promise<Map<number, StockRow>> {
  if (itemIds.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: Row[] }>(`${ROW} WHERE i.id = ANY(?::int[])`, [storeId, [...itemIds]]);
  return new Map(rows.map((r) => [r.item_id, toRow(r)]));
}

/** Stocked active items at or under the threshold that applies in the store, by SKU. */
export async function lowStock(db: Db, storeId: number): Promise<StockRow[]> {
  const { rows } = await db.raw<{ rows: Row[] }>(`${ROW}
     WHERE i.active AND i.stocked AND coalesce(s.threshold, i.stock_threshold) IS NOT NULL
       AND coalesce(s.qty, 0) <= coalesce(s.threshold, i.stock_threshold)
     ORDER BY i.sku`, [storeId]);
  return rows.map(toRow);
}

/** Every stocked active item of the store's catalogue with its figure, by SKU, a page at a time. */
export async function stockList(db: Db, storeId: number, page: { limit: number; offset: number }): Promise<{ rows: StockRow[]; total: number }> {
  const { rows } = await db.raw<{ rows: (Row & { total: number })[] }>(`${ROW.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE i.active AND i.stocked ORDER BY i.sku LIMIT ? OFFSET ?`, [storeId, page.limit, page.offset]);
  return { rows: rows.map(toRow), total: rows[0]?.total ?? 0 };
}

export interface MovementRecord {
  id: number;
  kind: StockMovementKind;
  qty: number;
  qtyAfter: number;
  counted: number | null;
  expected: number | null;
  at: Date;
  operator: string;
  approvedBy: string | null;
  terminal: string | null;
  /** The ticket (T01-000042) of a sale or a return. */
  ticket: string | null;
  otherStore: string | null;
  reason: string | null;
  reference: string | null;
}

/** An item's latest movements in a store, newest first. */
export async function itemMovements(db: Db, storeId: number, itemId: number, limit: number): Promise<MovementRecord[]> {
  const { rows } = await db.raw<{ rows: Record<string, unknown>[] }>(`
    SELECT m.id, m.kind, m.qty, m.qty_after, m.counted, m.expected, m.at, o.name AS operator, a.name AS approved_by, t.code AS terminal,
           CASE WHEN s.id IS NOT NULL THEN st.code || '-' || lpad(s.ticket_no::text, 6, '0') END AS ticket,
           os.code AS other_store, m.reason, m.reference
      FROM stock_movements m
      JOIN operators o ON o.id = m.operator_id
      LEFT JOIN operators a ON a.id = m.approved_by
      LEFT JOIN terminals t ON t.id = m.terminal_id
      LEFT JOIN sales s ON s.id = m.sale_id
      LEFT JOIN terminals st ON st.id = s.terminal_id
      LEFT JOIN stores os ON os.id = m.other_store_id
     WHERE m.store_id = ? AND m.item_id = ?
     ORDER BY m.id DESC LIMIT ?`, [storeId, itemId, limit]);
  return rows.map((r) => ({
    id: r.id as number, kind: r.kind as StockMovementKind, qty: r.qty as number, qtyAfter: r.qty_after as number, counted: r.counted as number | null,
    expected: r.expected as number | null, at: r.at as Date, operator: r.operator as string, approvedBy: r.approved_by as string | null,
    terminal: r.terminal as string | null, ticket: r.ticket as string | null, otherStore: r.other_store as string | null,
    reason: r.reason as string | null, reference: r.reference as string | null,
  }));
}

/** The item's own threshold (null: none). */
export async function setItemThreshold(db: Db, itemId: number, threshold: number | null): Promise<void> {
  await db('items').where('id', itemId).update({ stock_threshold: threshold, updated_at: db.fn.now() });
}

/** A store's own threshold for the item (null: the item's applies). */
export async function setStoreThreshold(db: Db, storeId: number, itemId: number, threshold: number | null): Promise<void> {
  await db.raw(`
    INSERT INTO stock_levels (store_id, item_id, threshold) VALUES (?, ?, ?)
    ON CONFLICT (store_id, item_id) DO UPDATE SET threshold = EXCLUDED.threshold, updated_at = now()`, [storeId, itemId, threshold]);
}

export async function setItemStocked(db: Db, itemId: number, stocked: boolean): Promise<void> {
  await db('items').where('id', itemId).update({ stocked, updated_at: db.fn.now() });
}

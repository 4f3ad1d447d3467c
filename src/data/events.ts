import type { Db } from './db';

// The events every till follows (see the events migration). A reader goes by transaction id,
// not by event id: ids are taken when a row is written, but transactions commit in another
// order, so "every id above the last one read" would step over an id whose transaction was
// still running when a later one had committed. Every transaction below the oldest one still
// running (the snapshot's xmin) is finished: what a reader has read below that mark is all
// there will ever be. Above it, the events already read are remembered by id, so nothing is
// read twice and nothing waits for a slow transaction to end (the cursor below).

export const EVENT_KINDS = ['stock', 'item', 'voucher', 'coupon', 'giftcard', 'keys'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface LiveEvent {
  id: number;
  kind: EventKind;
  /** The store concerned; null: every store. */
  storeId: number | null;
  /** What changed: an item's id, a code… */
  subject: string;
  data: Record<string, unknown>;
  at: Date;
}

export interface EventInsert {
  kind: EventKind;
  storeId?: number | null;
  subject: string;
  data?: Record<string, unknown>;
  /** False: nothing a till shows changes; read at the next wake-up, it sends none of its own. */
  wake?: boolean;
}

/** Where a reader stands: every event of a transaction below `xmin` read, and above it those in `seen` (id → xid). */
export interface EventCursor {
  xmin: bigint;
  seen: ReadonlyMap<number, bigint>;
}

/**
 * Writes events in the caller's transaction (by thousands: a statement's parameters are
 * bounded). However many statements, the tills are woken once, when it commits (not at all
 * when none of them wakes).
 */
export async function publishEvents(db: Db, events: readonly EventInsert[]): Promise<void> {
  const rows = events.map((e) => ({ kind: e.kind, store_id: e.storeId ?? null, subject: e.subject, data: JSON.stringify(e.data ?? {}), wake: e.wake ?? true }));
  for (let i = 0; i < rows.length; i += 1000) await db('events').insert(rows.slice(i, i + 1000));
}

/**
 * The position of "now": every event committed so far counts as read. Run in the same
 * REPEATABLE READ transaction as the reading of a state, it is that state's position exactly.
 */
export async function cursorNow(db: Db): Promise<EventCursor> {
  const { rows } = await db.raw<{ rows: { xmin: string; seen: [number, string][] }[] }>(`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
           (SELECT coalesce(json_agg(json_build_array(id, xid::text)), '[]') FROM events WHERE xid >= pg_snapshot_xmin(pg_current_snapshot())) AS seen`);
  const r = rows[0]!;
  return { xmin: BigInt(r.xmin), seen: new Map(r.seen.map(([id, xid]) => [id, BigInt(xid)])) };
}

interface EventRow {
  id: number;
  xid: string;
  kind: EventKind;
  storeId: number | null;
  subject: string;
  data: Record<string, unknown>;
  at: string;
}

/**
 * The events after `cursor` for a store (and those for every store), in the order of their
 * transactions, `limit` at most, with the cursor after them. One statement: the rows and the
 * snapshot's xmin are of the same instant.
 */
export async function readEvents(db: Db, cursor: EventCursor, opts: { storeId: number; limit: number }): Promise<{ events: LiveEvent[]; cursor: EventCursor }> {
  const { rows } = await db.raw<{ rows: { xmin: string; events: EventRow[] }[] }>(`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
           (SELECT coalesce(json_agg(json_build_object('id', e.id, 'xid', e.xid::text, 'kind', e.kind, 'storeId', e.store_id, 'subject', e.subject, 'data', e.data, 'at', e.at) ORDER BY e.xid, e.id), '[]')
              FROM (SELECT * FROM events
                     WHERE xid >= ?::xid8 AND NOT (id = ANY(?::bigint[])) AND (store_id IS NULL OR store_id = ?)
                     ORDER BY xid, id LIMIT ?) e) AS events`,
  [cursor.xmin.toString(), [...cursor.seen.keys()], opts.storeId, opts.limit]);
  const r = rows[0]!;
  const events = r.events.map((e) => ({ id: e.id, kind: e.kind, storeId: e.storeId, subject: e.subject, data: e.data, at: new Date(e.at) }));
  // A full batch may have left events of its last transaction (and after): the mark stops there.
  let xmin = BigInt(r.xmin);
  const last = r.events.at(-1);
  if (r.events.length >= opts.limit && last && BigInt(last.xid) < xmin) xmin = BigInt(last.xid);
  if (xmin < cursor.xmin) xmin = cursor.xmin;
  const seen = new Map<number, bigint>();
  for (const [id, xid] of cursor.seen) if (xid >= xmin) seen.set(id, xid);
  for (const e of r.events) if (BigInt(e.xid) >= xmin) seen.set(e.id, BigInt(e.xid));
  return { events, cursor: { xmin, seen } };
}

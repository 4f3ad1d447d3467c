import type { Db } from './db';
import type { ClosingKind } from '../domain/closings/period';
import type { ClosingRecord } from '../domain/closings/record';
import { normalTotals, type Totals } from '../domain/closings/totals';

// Closings, the store's key, and the one query that sums tickets for them.

/** The database's refusal of a ticket dated in a closed period (its DETAIL: the ticket's day). */
export { CLOSED_PERIOD } from '../../migrations/20261208110000_closings';

/** Whose tickets: one till's, or a whole store's. */
export type Scope = { scope: 'terminal'; storeId: number; terminalId: number } | { scope: 'store'; storeId: number; terminalId: null };

export interface Closing extends ClosingRecord {
  id: number;
  hash: string;
  signature: string;
}

export interface StoreKeyRow {
  storeId: number;
  keyId: string;
  publicKey: string;
  privateKey: string;
}

export async function storeKeyRow(db: Db, storeId: number): Promise<StoreKeyRow | null> {
  const r = await db('store_keys').where('store_id', storeId).first();
  return r ? { storeId: r.store_id, keyId: r.key_id, publicKey: r.public_key, privateKey: r.private_key } : null;
}

/** The first key a store gets is its key for good: a second insert (another till, meanwhile) is ignored. */
export async function insertStoreKey(db: Db, storeId: number, key: { key_id: string; public_key: string; private_key: string }): Promise<void> {
  await db('store_keys').insert({ store_id: storeId, ...key }).onConflict('store_id').ignore();
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function fromRow(r: Record<string, any>): Closing {
  return {
    id: Number(r.id), format: r.format, scope: r.scope, storeId: r.store_id, terminalId: r.terminal_id, kind: r.kind, seq: r.seq,
    firstDay: r.first_day, lastDay: r.last_day, timeZone: r.time_zone, periodStart: r.period_start, periodEnd: r.period_end,
    totals: { tickets: r.tickets, totalCents: Number(r.total_cents), byVat: r.by_vat, byTender: r.by_tender, firstTicketNo: num(r.first_ticket_no), lastTicketNo: num(r.last_ticket_no) },
    perpetualCents: Number(r.perpetual_cents), automatic: r.automatic, operatorId: r.operator_id, closedAt: r.closed_at,
    prevHash: r.prev_hash, keyId: r.key_id, hash: r.hash, signature: r.signature,
  };
}

// Days as text, whatever the driver's date parsing: the record hashes "YYYY-MM-DD".
const COLUMNS = ['*', db_day('first_day'), db_day('last_day')];
function db_day(c: string): string {
  return `${c}::text AS ${c}`;
}

function chain(db: Db, s: Scope, kind: ClosingKind) {
  const q = db('closings').select(db.raw(COLUMNS.join(', '))).where({ kind, store_id: s.storeId, scope: s.scope });
  return s.terminalId === null ? q.whereNull('terminal_id') : q.where('terminal_id', s.terminalId);
}

export async function lastClosing(db: Db, s: Scope, kind: ClosingKind): Promise<Closing | null> {
  const r = await chain(db, s, kind).orderBy('seq', 'desc').first();
  return r ? fromRow(r) : null;
}

/** A chain's closings in order (seq), optionally only those whose first day falls in [from, to]. */
export async function closingsOf(db: Db, s: Scope, kind: ClosingKind, within?: { from: string; to: string }): Promise<Closing[]> {
  const q = chain(db, s, kind).orderBy('seq');
  if (within) q.whereBetween('first_day', [within.from, within.to]);
  return (await q).map(fromRow);
}

/** Every closing, grouped later by chain: what the verifier reads. */
export async function allClosings(db: Db): Promise<Closing[]> {
  return (await db('closings').select(db.raw(COLUMNS.join(', '))).orderBy(['store_id', 'scope', 'terminal_id', 'kind', 'seq'])).map(fromRow);
}

export async function insertClosing(db: Db, c: ClosingRecord & { hash: string; signature: string }): Promise<Closing> {
  const t = normalTotals(c.totals);
  const [row] = await db('closings')
    .insert({
      format: c.format, scope: c.scope, store_id: c.storeId, terminal_id: c.terminalId, kind: c.kind, seq: c.seq,
      first_day: c.firstDay, last_day: c.lastDay, time_zone: c.timeZone, period_start: c.periodStart, period_end: c.periodEnd,
      tickets: t.tickets, total_cents: t.totalCents, perpetual_cents: c.perpetualCents,
      by_vat: JSON.stringify(t.byVat), by_tender: JSON.stringify(t.byTender), first_ticket_no: t.firstTicketNo, last_ticket_no: t.lastTicketNo,
      automatic: c.automatic, operator_id: c.operatorId, closed_at: c.closedAt, prev_hash: c.prevHash, hash: c.hash, key_id: c.keyId, signature: c.signature,
    })
    .returning('id');
  return { ...c, totals: t, id: Number(row.id) };
}

/** The instants a run of days covers in a time zone: [start of first, start of the day after last). */
export async function periodBounds(db: Db, firstDay: string, lastDay: string, timeZone: string): Promise<{ start: Date; end: Date }> {
  const { rows } = await db.raw(`SELECT (?::date)::timestamp AT TIME ZONE ? AS start, (?::date + 1)::timestamp AT TIME ZONE ? AS "end"`, [firstDay, timeZone, lastDay, timeZone]);
  return { start: rows[0].start, end: rows[0].end };
}

/**
 * The tickets counted by closings, X reports and the verifier: THE one place that says which
 * tickets count. Training-mode tickets ("mode école") are left out here and nowhere else.
 */
function countedTickets(db: Db, s: Scope) {
  const q = db('sales as s').where('s.store_id', s.storeId).where('s.training', false);
  if (s.terminalId !== null) q.where('s.terminal_id', s.terminalId);
  return q;
}

/** The figures of a scope's tickets dated in [start, end). */
export async function ticketTotals(db: Db, s: Scope, start: Date, end: Date): Promise<Totals> {
  const within = (q: ReturnType<typeof countedTickets>) => q.where('s.created_at', '>=', start).where('s.created_at', '<', end);
  const [head] = await within(countedTickets(db, s)).select(
    db.raw('count(*)::int AS tickets, coalesce(sum(s.total_cents), 0)::bigint AS total, min(s.ticket_no) AS first_no, max(s.ticket_no) AS last_no, coalesce(sum(s.change_cents), 0)::bigint AS change'),
  );
  const vat = await within(countedTickets(db, s)).join('sale_vat as v', 'v.sale_id', 's.id').groupBy('v.rate_bp').orderBy('v.rate_bp')
    .select('v.rate_bp', db.raw('sum(v.gross_cents)::bigint AS gross, sum(v.vat_cents)::bigint AS vat, sum(v.net_cents)::bigint AS net'));
  const tenders = await within(countedTickets(db, s)).join('sale_tenders as t', 't.sale_id', 's.id').groupBy('t.kind').orderBy('t.kind')
    .select('t.kind', db.raw('sum(t.amount_cents)::bigint AS cents'));
  const change = Number(head.change);
  const byTender = tenders.map((t: { kind: string; cents: string }) => ({ kind: t.kind, cents: Number(t.cents) - (t.kind === 'cash' ? change : 0) }));
  if (change !== 0 && !byTender.some((t: { kind: string }) => t.kind === 'cash')) byTender.push({ kind: 'cash', cents: -change });
  return normalTotals({
    tickets: head.tickets,
    totalCents: Number(head.total),
    byVat: vat.map((v: Record<string, string>) => ({ rateBp: Number(v.rate_bp), grossCents: Number(v.gross), vatCents: Number(v.vat), netCents: Number(v.net) })),
    byTender,
    firstTicketNo: s.scope === 'terminal' ? num(head.first_no) : null,
    lastTicketNo: s.scope === 'terminal' ? num(head.last_no) : null,
  });
}

/** The sum of a scope's tickets dated before `end`: the perpetual grand total, recomputed. */
export async function ticketsTotalBefore(db: Db, s: Scope, end: Date): Promise<number> {
  const [r] = await countedTickets(db, s).where('s.created_at', '<', end).select(db.raw('coalesce(sum(s.total_cents), 0)::bigint AS total'));
  return Number(r.total);
}

/** The first ticket of a scope dated in [from, before), or null: a day left unclosed. */
export async function firstTicketBetween(db: Db, s: Scope, from: Date | null, before: Date): Promise<Date | null> {
  const q = countedTickets(db, s).where('s.created_at', '<', before);
  if (from) q.where('s.created_at', '>=', from);
  const r = await q.min('s.created_at as at').first();
  return r?.at ?? null;
}

/**
 * The first ticket of a till dated before `day` (in the zone) and after its last day closing:
 * a day left open. One statement, on every sale when closings.autoClose is on.
 */
export async function firstOpenTicketBefore(db: Db, s: Scope & { scope: 'terminal' }, day: string, timeZone: string): Promise<Date | null> {
  const r = await countedTickets(db, s)
    .where('s.created_at', '<', db.raw('(?::date)::timestamp AT TIME ZONE ?', [day, timeZone]))
    .where('s.created_at', '>=', db.raw("coalesce((SELECT max(c.period_end) FROM closings c WHERE c.terminal_id = ? AND c.kind = 'day'), '-infinity')", [s.terminalId]))
    .min('s.created_at as at')
    .first();
  return r?.at ?? null;
}

/**
 * The day (YYYY-MM-DD, in its closing's zone) of a ticket this till would make at `at`, when a
 * closing already covers it (a Z made before the day's end); null when the ticket may be made,
 * and for a till in training mode, whose tickets belong to no period. The database's refusal
 * (pos_refuse_closed_sale) asked ahead, in the same terms.
 */
export async function closedDayAt(db: Db, place: { storeId: number; terminalId: number }, at: Date): Promise<string | null> {
  const { rows } = await db.raw<{ rows: { day: string }[] }>(
    `SELECT ((?::timestamptz) AT TIME ZONE c.time_zone)::date::text AS day
       FROM terminals t JOIN closings c ON c.store_id = ? AND (c.terminal_id = t.id OR c.terminal_id IS NULL) AND c.period_end > ?
      WHERE t.id = ? AND NOT t.training_mode
      ORDER BY c.period_end DESC LIMIT 1`,
    [at, place.storeId, at, place.terminalId],
  );
  return rows[0]?.day ?? null;
}

/** The tills of a store. */
export async function storeTerminals(db: Db, storeId: number): Promise<{ id: number; code: string }[]> {
  return db('terminals').where('store_id', storeId).orderBy('id').select('id', 'code');
}

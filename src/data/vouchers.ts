import type { Cents } from '../domain/money';
import { ticketLabel } from '../domain/sale';
import type { MovementKind, Voucher, VoucherChannel, VoucherMovement, VoucherOrigin, VoucherStatus } from '../domain/voucher';
import { customerName } from './customers';
import type { Db } from './db';
import { fold } from './items';
import { movementSql, toLedgerMovement, type LedgerMovementRow } from './ledgerMovements';

// Vouchers and their ledger. The till writes ledger rows only: each row's trigger (see the
// till_role migration, pos_voucher_move) moves the cached balance in the same statement, under
// the voucher's row lock, and writes the balance after it; a row that does not qualify (not
// active, expired, not enough left) is not written. A new voucher writes its own `issue` row.

const VOUCHER_SQL = `
  SELECT v.id, v.code, v.origin, v.initial_cents, v.balance_cents, v.status, v.note,
         v.created_at, v.expires_on::text AS expires_on, v.expires_at, v.closed_at,
         c.id AS customer_id, c.code AS customer_code, c.first_name, c.last_name, c.company,
         s.code AS store_code, t.code AS terminal_code, sa.ticket_no
  FROM vouchers v
  JOIN stores s ON s.id = v.store_id
  LEFT JOIN terminals t ON t.id = v.terminal_id
  LEFT JOIN customers c ON c.id = v.customer_id
  LEFT JOIN sales sa ON sa.id = v.sale_id`;

interface VoucherRow {
  id: number;
  code: string;
  origin: VoucherOrigin;
  initial_cents: number;
  balance_cents: number;
  status: VoucherStatus;
  note: string;
  created_at: Date;
  expires_on: string;
  expires_at: Date;
  closed_at: Date | null;
  customer_id: number | null;
  customer_code: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  store_code: string;
  terminal_code: string | null;
  ticket_no: number | null;
}

function toVoucher(r: VoucherRow): Voucher {
  return {
    id: r.id,
    code: r.code,
    origin: r.origin,
    initialCents: r.initial_cents,
    balanceCents: r.balance_cents,
    status: r.status,
    customer: r.customer_id === null ? null : { id: r.customer_id, code: r.customer_code!, name: customerName({ first_name: r.first_name ?? '', last_name: r.last_name ?? '', company: r.company }) },
    storeCode: r.store_code,
    terminalCode: r.terminal_code,
    ticket: r.ticket_no !== null && r.terminal_code ? ticketLabel(r.terminal_code, r.ticket_no) : null,
    createdAt: r.created_at,
    expiresOn: r.expires_on,
    expiresAt: r.expires_at,
    closedAt: r.closed_at,
    note: r.note,
  };
}

export async function findVoucher(db: Db, code: string): Promise<Voucher | null> {
  const { rows } = await db.raw<{ rows: VoucherRow[] }>(`${VOUCHER_SQL} WHERE v.code = ?`, [code]);
  return rows[0] ? toVoucher(rows[0]) : null;
}

/** The last valid day and the instant after it, in the shop's time zone, `months` from today. */
export async function defaultExpiry(db: Db, timeZone: string, months: number, now: Date): Promise<{ expiresOn: string; expiresAt: Date }> {
  // Today is the shop's day at `now` (the till's clock), not the server's nor UTC's.
  const { rows } = await db.raw<{ rows: { expires_on: string; expires_at: Date }[] }>(
    `SELECT d::text AS expires_on, ((d + 1)::timestamp AT TIME ZONE ?) AS expires_at
     FROM (SELECT ((?::timestamptz AT TIME ZONE ?)::date + make_interval(months => ?))::date AS d) x`,
    [timeZone, now.toISOString(), timeZone, months],
  );
  return { expiresOn: rows[0]!.expires_on, expiresAt: rows[0]!.expires_at };
}

/** The instant a voucher whose last day is `day` stops being valid. */
export async function endOfDay(db: Db, day: string, timeZone: string): Promise<Date> {
  const { rows } = await db.raw<{ rows: { at: Date }[] }>('SELECT ((?::date + 1)::timestamp AT TIME ZONE ?) AS at', [day, timeZone]);
  return rows[0]!.at;
}

export interface NewVoucher {
  code: string;
  origin: VoucherOrigin;
  amountCents: Cents;
  customerId: number | null;
  storeId: number;
  terminalId: number | null;
  saleId: number | null;
  issuedBy: number | null;
  approvedBy: number | null;
  expiresOn: string;
  expiresAt: Date;
  note: string;
}

/** The voucher and its `issue` row, in one statement (the row is written by the voucher's trigger). */
export async function insertVoucher(db: Db, v: NewVoucher): Promise<{ id: number; createdAt: Date }> {
  const { rows } = await db.raw<{ rows: { id: number; created_at: Date }[] }>(
    `INSERT INTO vouchers (code, origin, initial_cents, customer_id, store_id, terminal_id, sale_id, issued_by, approved_by, note, expires_on, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?)
     RETURNING id, created_at`,
    [v.code, v.origin, v.amountCents, v.customerId, v.storeId, v.terminalId, v.saleId, v.issuedBy, v.approvedBy, v.note, v.expiresOn, v.expiresAt],
  );
  return { id: rows[0]!.id, createdAt: rows[0]!.created_at };
}

export function isCodeTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'vouchers_code_unique';
}

export function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'voucher_movements_caller_key_unique';
}

export interface Debit {
  code: string;
  amountCents: Cents;
  channel: VoucherChannel;
  storeId: number | null;
  terminalId: number | null;
  operatorId: number | null;
  saleId: number | null;
  orderRef: string | null;
  apiKeyId: number | null;
  idempotencyKey: string | null;
}

export interface DebitDone {
  movementId: number;
  voucherId: number;
  balanceAfterCents: Cents;
  at: Date;
}

/**
 * Takes `amountCents` from an active, unexpired voucher holding at least that much, and writes
 * the `use` row, in one statement; null when the voucher does not qualify (anymore). Under
 * concurrent debits the UPDATE waits for the row and checks the balance again, so a voucher
 * never pays more than it holds.
 */
export async function debitVoucher(db: Db, d: Debit): Promise<DebitDone | null> {
  const { rows } = await db.raw<{ rows: { id: number; voucher_id: number; balance_after_cents: number; at: Date }[] }>(
    `INSERT INTO voucher_movements (voucher_id, kind, amount_cents, channel, store_id, terminal_id, operator_id, sale_id, order_ref, api_key_id, idempotency_key)
     SELECT id, 'use', ?, ?, ?, ?, ?, ?, ?, ?, ? FROM vouchers WHERE code = ?
     RETURNING id, voucher_id, balance_after_cents, at`,
    [-d.amountCents, d.channel, d.storeId, d.terminalId, d.operatorId, d.saleId, d.orderRef, d.apiKeyId, d.idempotencyKey, d.code],
  );
  const r = rows[0];
  return r ? { movementId: r.id, voucherId: r.voucher_id, balanceAfterCents: r.balance_after_cents, at: r.at } : null;
}

/** Locks the vouchers a sale takes from, in id order, so that two sales never wait on each other in a circle. */
export async function lockVouchers(db: Db, codes: readonly string[]): Promise<void> {
  await db.raw('SELECT pos_lock_vouchers(?::text[])', [[...codes]]);
}

export interface KeyedUse {
  code: string;
  amountCents: Cents;
  channel: VoucherChannel;
  orderRef: string | null;
  balanceAfterCents: Cents;
  at: Date;
  movementId: number;
}

/**
 * The use a caller made under an idempotency key, to answer its retry as the first time. Keys
 * are the caller's own: another API key's use of the same key is not this one (null: no API key).
 */
export async function findUseByKey(db: Db, apiKeyId: number | null, key: string): Promise<KeyedUse | null> {
  const r = await db('voucher_movements as m')
    .join('vouchers as v', 'v.id', 'm.voucher_id')
    .select('m.id', 'v.code', 'm.amount_cents', 'm.channel', 'm.order_ref', 'm.balance_after_cents', 'm.at')
    // The very expression of the unique index, so that it serves this lookup.
    .whereRaw('coalesce(m.api_key_id, 0) = ?', [apiKeyId ?? 0])
    .where('m.idempotency_key', key)
    .first();
  return r ? { movementId: r.id, code: r.code, amountCents: -r.amount_cents, channel: r.channel, orderRef: r.order_ref, balanceAfterCents: r.balance_after_cents, at: r.at } : null;
}

export interface Closing {
  operatorId: number | null;
  storeId: number | null;
  terminalId: number | null;
  note: string;
}

/** Cancels what is left on an active, unexpired voucher; null when there is none such. */
export async function cancelVoucherRow(db: Db, code: string, by: Closing): Promise<{ voucherId: number; cancelledCents: Cents } | null> {
  // The amount is what the trigger finds left under the voucher's lock.
  const { rows } = await db.raw<{ rows: { voucher_id: number; amount_cents: number }[] }>(
    `INSERT INTO voucher_movements (voucher_id, kind, operator_id, store_id, terminal_id, note)
     SELECT id, 'cancel', ?, ?, ?, ? FROM vouchers WHERE code = ?
     RETURNING voucher_id, amount_cents`,
    [by.operatorId, by.storeId, by.terminalId, by.note, code],
  );
  const r = rows[0];
  return r ? { voucherId: r.voucher_id, cancelledCents: -r.amount_cents } : null;
}

/**
 * Marks every active voucher past its expiry as expired and writes off its balance. Rows are
 * locked in id order; a second run at the same time finds them no longer active: running it
 * again, from cron or by hand, changes nothing twice.
 */
/** The vouchers past their last day still active, by id. */
export async function dueVoucherIds(db: Db): Promise<number[]> {
  const rows: { id: number }[] = await db('vouchers').select('id').where('status', 'active').andWhere('expires_at', '<=', db.fn.now()).orderBy('id');
  return rows.map((r) => r.id);
}

/**
 * Expires these vouchers (those still active and due): an 'expire' movement each, which writes
 * their balance off; the amounts written off by id.
 */
export async function expireVouchersById(db: Db, ids: readonly number[]): Promise<Map<number, Cents>> {
  const { rows } = await db.raw<{ rows: { voucher_id: number; amount_cents: number }[] }>(
    `INSERT INTO voucher_movements (voucher_id, kind)
     SELECT id, 'expire' FROM vouchers WHERE id = ANY(?::bigint[]) AND status = 'active' AND expires_at <= now() ORDER BY id
     RETURNING voucher_id, amount_cents`,
    [ids as number[]],
  );
  return new Map(rows.map((r) => [Number(r.voucher_id), -Number(r.amount_cents)]));
}

/** The codes of these vouchers, in the order of their codes. */
export async function voucherCodesById(db: Db, ids: readonly number[]): Promise<{ id: number; code: string }[]> {
  const { rows } = await db.raw<{ rows: { id: number; code: string }[] }>('SELECT id, code FROM vouchers WHERE id = ANY(?::bigint[]) ORDER BY code', [ids as number[]]);
  return rows.map((r) => ({ id: Number(r.id), code: r.code }));
}

const MOVEMENT_SQL = movementSql('voucher_movements');

type MovementRow = LedgerMovementRow<MovementKind, VoucherChannel>;

function toMovement(r: MovementRow): VoucherMovement {
  return { ...toLedgerMovement(r) };
}

export async function movementsOf(db: Db, voucherId: number): Promise<VoucherMovement[]> {
  const { rows } = await db.raw<{ rows: MovementRow[] }>(`${MOVEMENT_SQL} WHERE m.voucher_id = ? ORDER BY m.id`, [voucherId]);
  return rows.map(toMovement);
}

/** What a ticket did to vouchers (issued by a refund, or spent), for its receipt and a reprint. */
export async function voucherMovementsOfSale(db: Db, saleId: number): Promise<(VoucherMovement & { voucher: Voucher })[]> {
  const { rows } = await db.raw<{ rows: (MovementRow & { voucher_code: string })[] }>(
    `${MOVEMENT_SQL.replace('SELECT m.kind', 'SELECT v.code AS voucher_code, m.kind')} JOIN vouchers v ON v.id = m.voucher_id WHERE m.sale_id = ? ORDER BY m.id`,
    [saleId],
  );
  const out = [];
  for (const r of rows) {
    const voucher = await findVoucher(db, r.voucher_code);
    out.push({ ...toMovement(r), voucher: voucher! });
  }
  return out;
}

export interface VoucherFilter {
  /** The code or its beginning, canonical (upper case, no dashes). */
  code?: string;
  /** A customer's code, or words of their name. */
  customer?: string;
  /** Valid at some point of this period (days, shop time zone). */
  validFrom?: string;
  validTo?: string;
  status?: VoucherStatus;
  timeZone: string;
}

export interface VoucherPage {
  total: number;
  vouchers: Voucher[];
}

/** Vouchers matching the filter, newest first, one page. */
export async function searchVouchers(db: Db, f: VoucherFilter, page: { limit: number; offset: number }): Promise<VoucherPage> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.code) {
    where.push("v.code LIKE ? ESCAPE '\\'");
    args.push(`${f.code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.customer) {
    const words = fold(f.customer).split(/\s+/).filter(Boolean).slice(0, 5);
    const byName = words.map(() => "pos_fold(c.last_name || ' ' || c.first_name || ' ' || coalesce(c.company, '')) LIKE ? ESCAPE '\\'");
    where.push(`(c.code = ? OR (${byName.join(' AND ') || 'false'}))`);
    args.push(f.customer.trim(), ...words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (f.validFrom) {
    where.push('v.expires_at > (?::date::timestamp AT TIME ZONE ?)');
    args.push(f.validFrom, f.timeZone);
  }
  if (f.validTo) {
    where.push('v.created_at < ((?::date + 1)::timestamp AT TIME ZONE ?)');
    args.push(f.validTo, f.timeZone);
  }
  if (f.status === 'active') where.push("v.status = 'active' AND v.expires_at > now()");
  else if (f.status === 'expired') where.push("(v.status = 'expired' OR (v.status = 'active' AND v.expires_at <= now()))");
  else if (f.status) {
    where.push('v.status = ?');
    args.push(f.status);
  }
  const { rows } = await db.raw<{ rows: (VoucherRow & { total: number })[] }>(
    `${VOUCHER_SQL.replace('SELECT v.id', 'SELECT count(*) OVER ()::int AS total, v.id')}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY v.created_at DESC, v.id DESC LIMIT ? OFFSET ?`,
    [...args, page.limit, page.offset],
  );
  // Past the last page the window count is lost with the rows: count again.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) total = (await searchVouchers(db, f, { limit: 1, offset: 0 })).total;
  return { total, vouchers: rows.map(toVoucher) };
}

/** Every voucher issued to a customer, newest first (the customer's record shows them). */
export async function vouchersOfCustomer(db: Db, customerId: number): Promise<(Voucher & { movements: VoucherMovement[] })[]> {
  const { rows } = await db.raw<{ rows: VoucherRow[] }>(`${VOUCHER_SQL} WHERE v.customer_id = ? ORDER BY v.created_at DESC, v.id DESC`, [customerId]);
  const out = [];
  for (const r of rows) out.push({ ...toVoucher(r), movements: await movementsOf(db, r.id) });
  return out;
}

export interface Liability {
  /** The instant the figures are taken at. */
  at: Date;
  outstandingCents: Cents;
  vouchers: number;
  issuedCents: Cents;
  usedCents: Cents;
  cancelledCents: Cents;
  expiredCents: Cents;
  /** Past their expiry at that instant but not yet marked expired: owed no more. */
  lapsedCents: Cents;
}

/**
 * What the shop owes on vouchers at the end of `day` (shop time zone), from the ledger alone:
 * the sum of the movements before that instant of the vouchers still valid then.
 */
export async function voucherLiability(db: Db, day: string | null, timeZone: string): Promise<Liability> {
  const at = day === null ? 'now()' : '((?::date + 1)::timestamp AT TIME ZONE ?)';
  const { rows } = await db.raw<{ rows: Record<string, number | Date>[] }>(
    `WITH t AS (SELECT ${at} AS at),
     b AS (
       SELECT m.voucher_id, v.expires_at > t.at AS valid, sum(m.amount_cents)::bigint AS balance
       FROM voucher_movements m JOIN vouchers v ON v.id = m.voucher_id, t
       WHERE m.at < t.at GROUP BY m.voucher_id, v.expires_at, t.at),
     k AS (
       SELECT m.kind, sum(m.amount_cents)::bigint AS cents FROM voucher_movements m, t WHERE m.at < t.at GROUP BY m.kind)
     SELECT (SELECT at FROM t) AS at,
            coalesce((SELECT sum(balance) FROM b WHERE valid), 0)::bigint AS outstanding,
            (SELECT count(*) FROM b WHERE valid AND balance > 0)::int AS vouchers,
            coalesce((SELECT sum(balance) FROM b WHERE NOT valid), 0)::bigint AS lapsed,
            coalesce((SELECT cents FROM k WHERE kind = 'issue'), 0)::bigint AS issued,
            coalesce((SELECT -cents FROM k WHERE kind = 'use'), 0)::bigint AS used,
            coalesce((SELECT -cents FROM k WHERE kind = 'cancel'), 0)::bigint AS cancelled,
            coalesce((SELECT -cents FROM k WHERE kind = 'expire'), 0)::bigint AS expired`,
    day === null ? [] : [day, timeZone],
  );
  const r = rows[0]!;
  return {
    at: r.at as Date,
    outstandingCents: r.outstanding as number,
    vouchers: r.vouchers as number,
    issuedCents: r.issued as number,
    usedCents: r.used as number,
    cancelledCents: r.cancelled as number,
    expiredCents: r.expired as number,
    lapsedCents: r.lapsed as number,
  };
}

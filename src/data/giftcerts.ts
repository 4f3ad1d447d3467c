import type { Knex } from 'knex';
import type { UseKind } from '../domain/giftcert';
import type { Cents } from '../domain/money';
import type { Db } from './db';

// The ledger of e-shop gift certificate uses (migrations/…_giftcert_uses.ts): append-only, one
// row per step of a use. The rows of one use are written one at a time under an advisory lock
// on the use (a row lock would need UPDATE rights the tills are not to have on a ledger), so a
// ticket and a compensation can never both claim the same debit.

export interface UseRow {
  id: number;
  /** Null on the debit row, which is the use. */
  useId: number | null;
  kind: UseKind;
  provider: string | null;
  certificateId: string | null;
  codeHash: string | null;
  codeLast4: string | null;
  amountCents: Cents | null;
  balanceBeforeCents: Cents | null;
  balanceWrittenCents: Cents | null;
  balanceAfterCents: Cents | null;
  mismatch: boolean | null;
  reason: string | null;
  saleKey: string | null;
  saleId: number | null;
  storeId: number;
  terminalId: number | null;
  operatorId: number | null;
  at: Date;
}

/** A row as read: on a `sale` row, the ticket's till and number. */
export interface UseRowRead extends UseRow {
  ticketTerminal: string | null;
  ticketNo: number | null;
}

export type NewUseRow = Partial<Omit<UseRow, 'id' | 'at' | 'kind' | 'storeId'>> & Pick<UseRow, 'kind' | 'storeId'>;

/** A debit row with what a person needs to see it: where, who, and the ticket if any. */
export interface UseSummary extends UseRow {
  storeCode: string;
  terminalCode: string | null;
  operatorName: string | null;
}

const COLUMNS: Record<keyof UseRow, string> = {
  id: 'id', useId: 'use_id', kind: 'kind', provider: 'provider', certificateId: 'certificate_id', codeHash: 'code_hash',
  codeLast4: 'code_last4', amountCents: 'amount_cents', balanceBeforeCents: 'balance_before_cents',
  balanceWrittenCents: 'balance_written_cents', balanceAfterCents: 'balance_after_cents', mismatch: 'mismatch',
  reason: 'reason', saleKey: 'sale_key', saleId: 'sale_id', storeId: 'store_id', terminalId: 'terminal_id',
  operatorId: 'operator_id', at: 'at',
};

const SELECT = Object.entries(COLUMNS).map(([k, c]) => `u.${c} AS "${k}"`).join(', ');
const ROWS = `SELECT ${SELECT}, st.code AS "ticketTerminal", sa.ticket_no AS "ticketNo"
  FROM giftcert_uses u LEFT JOIN sales sa ON sa.id = u.sale_id LEFT JOIN terminals st ON st.id = sa.terminal_id`;

/** The kinds after which nothing more happens to a use. */
const CLOSING: readonly UseKind[] = ['not_debited', 'sale', 'recredited'];

// Two int keys: a space of their own, apart from the one-bigint keys (src/testing/barrier.ts).
const LOCK_CLASS = 0x67_63_75; // "gcu"
const CERTIFICATE_LOCK_CLASS = 0x67_63_63; // "gcc"

export async function insertUseRow(db: Db, row: NewUseRow): Promise<number> {
  const values = Object.fromEntries(Object.entries(row).map(([k, v]) => [COLUMNS[k as keyof UseRow], v ?? null]));
  const [inserted] = (await db('giftcert_uses').insert(values).returning('id')) as { id: number }[];
  return inserted!.id;
}

/** Held until the transaction ends: the rows of this use are read and written by one at a time. */
export async function lockUse(trx: Knex.Transaction, useId: number): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [LOCK_CLASS, useId % 2_147_483_647]);
}

/** Held until the transaction ends: our tills write this certificate one at a time. */
export async function lockCertificate(trx: Knex.Transaction, provider: string, certificateId: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [CERTIFICATE_LOCK_CLASS, `${provider}:${certificateId}`]);
}

/** The debit row and every row after it, in the order written; empty for an unknown use. */
export async function useRows(db: Db, useId: number): Promise<UseRowRead[]> {
  return (await db.raw(`${ROWS} WHERE (u.id = ? AND u.kind = 'debit') OR u.use_id = ? ORDER BY u.id`, [useId, useId])).rows as UseRowRead[];
}

function summaries(db: Db) {
  return db('giftcert_uses as u')
    .join('stores as s', 's.id', 'u.store_id')
    .leftJoin('terminals as t', 't.id', 'u.terminal_id')
    .leftJoin('operators as o', 'o.id', 'u.operator_id')
    .where('u.kind', 'debit')
    .select(db.raw(SELECT), 's.code as storeCode', 't.code as terminalCode', 'o.name as operatorName');
}

/** Uses not closed yet (taken but on no ticket, or an outcome never recorded), oldest first. */
export async function openUses(db: Db): Promise<{ use: UseSummary; rows: UseRowRead[] }[]> {
  const heads = (await summaries(db)
    .whereNotExists((q) => q.select(db.raw('1')).from('giftcert_uses as c').whereRaw('c.use_id = u.id').whereIn('c.kind', CLOSING))
    .orderBy('u.id')) as UseSummary[];
  const out = [];
  for (const use of heads) out.push({ use, rows: await useRows(db, use.id) });
  return out;
}

/** The uses of one certificate (by its code's hash), newest first, with each one's rows. */
export async function usesOfCode(db: Db, codeHash: string, limit = 50): Promise<{ use: UseSummary; rows: UseRowRead[] }[]> {
  const heads = (await summaries(db).where('u.code_hash', codeHash).orderBy('u.id', 'desc').limit(limit)) as UseSummary[];
  const out = [];
  for (const use of heads) out.push({ use, rows: await useRows(db, use.id) });
  return out;
}

/** The certificates a ticket was paid with: each debit's code (last four) and the balance read back after it. */
export async function usesOfSale(db: Db, saleId: number): Promise<{ useId: number; codeLast4: string; balanceAfterCents: Cents | null }[]> {
  return (await db.raw(
    `SELECT d.id AS "useId", d.code_last4 AS "codeLast4", o.balance_after_cents AS "balanceAfterCents"
     FROM giftcert_uses s
     JOIN giftcert_uses d ON d.id = s.use_id
     LEFT JOIN giftcert_uses o ON o.use_id = d.id AND o.kind = 'debited'
     WHERE s.kind = 'sale' AND s.sale_id = ?
     ORDER BY d.id`,
    [saleId],
  )).rows;
}

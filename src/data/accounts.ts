import type { Account, AccountMovement, AccountMovementKind } from '../domain/customer/account';
import type { Db } from './db';

export async function customerAccount(db: Db, customerId: number): Promise<Account | null> {
  const r = await db('customer_accounts').where('customer_id', customerId).first('balance_cents', 'overdraft_limit_cents');
  return r ? { balanceCents: r.balance_cents, overdraftLimitCents: r.overdraft_limit_cents } : null;
}

/** Sets the overdraft limit, unless the balance already owes more than the new limit allows. */
export async function setOverdraftLimit(trx: Db, customerId: number, limitCents: number): Promise<boolean> {
  await trx.raw('INSERT INTO customer_accounts (customer_id) VALUES (?) ON CONFLICT (customer_id) DO NOTHING', [customerId]);
  const n = await trx('customer_accounts').where('customer_id', customerId).andWhere('balance_cents', '>=', -limitCents).update({ overdraft_limit_cents: limitCents, updated_at: trx.fn.now() });
  return n > 0;
}

// The balance moves only by a row of account_movements, whose trigger (pos_account_move, see the
// till_role migration) moves it in the same statement and writes the balance after it.

export interface AccountMove {
  customerId: number;
  kind: AccountMovementKind;
  saleId?: number | null;
  method?: 'cash' | 'card' | 'cheque' | 'transfer' | null;
  storeId?: number | null;
  terminalId?: number | null;
  operatorId?: number | null;
  channel?: 'store' | 'web' | 'pickup' | 'backoffice';
  note?: string | null;
}

async function move(trx: Db, m: AccountMove, amountCents: number): Promise<number | null> {
  const [row] = (await trx('account_movements')
    .insert({
      customer_id: m.customerId,
      kind: m.kind,
      amount_cents: amountCents,
      sale_id: m.saleId ?? null,
      method: m.method ?? null,
      store_id: m.storeId ?? null,
      terminal_id: m.terminalId ?? null,
      operator_id: m.operatorId ?? null,
      channel: m.channel ?? 'store',
      note: m.note ?? null,
    })
    .returning('balance_after_cents')) as { balance_after_cents: number }[];
  return row?.balance_after_cents ?? null;
}

/** Puts money on the account (opened at zero if it did not exist) with its ledger row; returns the new balance. */
export async function creditAccount(trx: Db, m: AccountMove, cents: number): Promise<number> {
  return (await move(trx, m, cents))!;
}

/**
 * Takes money from the account with its ledger row, in one statement, only if it stays within
 * its overdraft limit (two tills paying at once cannot both pass it). Returns the new balance,
 * or null when the account cannot pay that much (or there is none): nothing is written then.
 */
export async function debitAccount(trx: Db, m: AccountMove, cents: number): Promise<number | null> {
  return move(trx, m, -cents);
}

const MOVEMENT_SQL = `
  SELECT m.created_at AS at, m.kind, m.amount_cents, m.balance_after_cents,
         coalesce(t.code || '-' || lpad(s.ticket_no::text, 6, '0'), m.method) AS ref
    FROM account_movements m
    LEFT JOIN sales s ON s.id = m.sale_id
    LEFT JOIN terminals t ON t.id = s.terminal_id`;

interface MovementRow {
  at: Date;
  kind: AccountMovementKind;
  amount_cents: number;
  balance_after_cents: number;
  ref: string | null;
}

const toMovement = (r: MovementRow): AccountMovement => ({ at: r.at, kind: r.kind, amountCents: r.amount_cents, balanceAfterCents: r.balance_after_cents, ref: r.ref });

/**
 * One month of a customer's account, in the shop's time zone: the balance when it began (the
 * balance after the last movement before it) and its movements in order.
 */
export async function accountMonth(db: Db, customerId: number, month: { year: number; month: number }, timeZone: string): Promise<{ openingCents: number; movements: AccountMovement[] }> {
  const start = `${month.year}-${String(month.month).padStart(2, '0')}-01`;
  const bounds = `(?::timestamp AT TIME ZONE ?)`;
  const { rows: before } = await db.raw<{ rows: { balance_after_cents: number }[] }>(
    `SELECT balance_after_cents FROM account_movements WHERE customer_id = ? AND created_at < ${bounds} ORDER BY id DESC LIMIT 1`,
    [customerId, start, timeZone],
  );
  const { rows } = await db.raw<{ rows: MovementRow[] }>(
    `${MOVEMENT_SQL} WHERE m.customer_id = ? AND m.created_at >= ${bounds} AND m.created_at < ((?::timestamp + interval '1 month') AT TIME ZONE ?)
      ORDER BY m.id`,
    [customerId, start, timeZone, start, timeZone],
  );
  return { openingCents: before[0]?.balance_after_cents ?? 0, movements: rows.map(toMovement) };
}

export async function accountMovements(db: Db, customerId: number, limit: number): Promise<AccountMovement[]> {
  const { rows } = await db.raw<{ rows: MovementRow[] }>(`${MOVEMENT_SQL} WHERE m.customer_id = ? ORDER BY m.id DESC LIMIT ?`, [customerId, limit]);
  return rows.map(toMovement);
}

/** The account's balance after this sale's movements, for the receipt; null if it did not touch it. */
export async function accountAfterSale(db: Db, saleId: number): Promise<{ balanceAfterCents: number; overdraftLimitCents: number } | null> {
  const { rows } = await db.raw<{ rows: { balance_after_cents: number; overdraft_limit_cents: number }[] }>(
    `SELECT m.balance_after_cents, a.overdraft_limit_cents FROM account_movements m
       JOIN customer_accounts a ON a.customer_id = m.customer_id
      WHERE m.sale_id = ? ORDER BY m.id DESC LIMIT 1`,
    [saleId],
  );
  return rows[0] ? { balanceAfterCents: rows[0].balance_after_cents, overdraftLimitCents: rows[0].overdraft_limit_cents } : null;
}

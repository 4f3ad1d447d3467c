import type { Db } from './db';

export type Role = 'cashier' | 'manager' | 'admin';

export interface OperatorRow {
  id: number;
  code: string;
  name: string;
  role: Role;
  pinHash: string;
  active: boolean;
  /** The end of a lock-out still running (the database's clock), or null. */
  lockedUntil: Date | null;
}

export async function findOperator(db: Db, code: string): Promise<OperatorRow | null> {
  // The lock is compared with the server's clock, the one pos_pin_failed set it by.
  const r = await db('operators')
    .select('id', 'code', 'name', 'role', 'pin_hash', 'active', db.raw('CASE WHEN locked_until > now() THEN locked_until END AS locked_until'))
    .where('code', code)
    .first();
  return r ? { id: r.id, code: r.code, name: r.name, role: r.role, pinHash: r.pin_hash, active: r.active, lockedUntil: r.locked_until ?? null } : null;
}

/** Counts a wrong PIN and logs it (pos_pin_failed); returns the end of the lock it caused, if any. */
export async function recordFailedPin(
  db: Db,
  a: { operatorId: number; terminalId: number | null; attempts: number; lockSeconds: number; details: Record<string, unknown> },
): Promise<Date | null> {
  const { rows } = await db.raw('SELECT pos_pin_failed(?, ?, ?, ?, ?::jsonb) AS until', [a.operatorId, a.terminalId, a.attempts, a.lockSeconds, JSON.stringify(a.details)]);
  return (rows[0]?.until as Date | null) ?? null;
}

export async function recordGoodPin(db: Db, operatorId: number): Promise<void> {
  await db.raw('SELECT pos_pin_ok(?)', [operatorId]);
}

/** Lifts the lock (pos_operator_unlock, which logs it); true when the operator was locked. */
export async function unlockOperator(db: Db, a: { operatorId: number; managerId: number; terminalId: number | null; details: Record<string, unknown> }): Promise<boolean> {
  const { rows } = await db.raw('SELECT pos_operator_unlock(?, ?, ?, ?::jsonb) AS was', [a.operatorId, a.managerId, a.terminalId, JSON.stringify(a.details)]);
  return rows[0]?.was === true;
}

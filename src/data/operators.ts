import type { Db } from './db';

export type Role = 'cashier' | 'manager';

export interface OperatorRow {
  id: number;
  code: string;
  name: string;
  role: Role;
  pinHash: string;
  active: boolean;
}

export async function findOperator(db: Db, code: string): Promise<OperatorRow | null> {
  const r = await db('operators').select('id', 'code', 'name', 'role', 'pin_hash', 'active').where('code', code).first();
  return r ? { id: r.id, code: r.code, name: r.name, role: r.role, pinHash: r.pin_hash, active: r.active } : null;
}

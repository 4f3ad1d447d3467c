import type { Db } from '../data/db';
import { findOperator, type Role } from '../data/operators';
import { refuse } from './errors';
import { verifyPin } from './pin';

export interface Operator {
  id: number;
  code: string;
  name: string;
  role: Role;
}

/** An operator by code and PIN; one message for both kinds of mistake, so codes cannot be probed. */
export async function login(db: Db, code: string, pin: string): Promise<Operator> {
  const op = await findOperator(db, code.trim());
  if (!op || !op.active || !verifyPin(pin, op.pinHash)) refuse('login.failed');
  return { id: op.id, code: op.code, name: op.name, role: op.role };
}

/** A manager's code and PIN, typed at the till to approve an override, a discount, a cancel. */
export async function managerApproval(db: Db, code: string, pin: string): Promise<Operator> {
  const op = await login(db, code, pin);
  if (op.role !== 'manager') refuse('approval.notManager', { name: op.name });
  return op;
}

/** An operator by code alone, for scripted sales (`pos sale create --operator`). */
export async function operatorByCode(db: Db, code: string): Promise<Operator> {
  const op = await findOperator(db, code.trim());
  if (!op || !op.active) refuse('operator.unknown', { code });
  return { id: op.id, code: op.code, name: op.name, role: op.role };
}

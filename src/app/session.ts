import type { Config } from '../config/schema';
import { insertAudit } from '../data/audit';
import type { Db } from '../data/db';
import { findOperator, recordFailedPin, recordGoodPin, unlockOperator, type Role } from '../data/operators';
import { refuse } from './errors';
import { journalEvent } from './fiscal/journal';
import { verifyPinAsync } from './pin';

export interface Operator {
  id: number;
  code: string;
  name: string;
  role: Role;
}

/**
 * Where a PIN is checked: the database, this till (written in the audit log) and the
 * lock-out settings. A Till is one; `via` says whether the screen or a command asked.
 */
export interface PinGate {
  db: Db;
  terminal: { id: number } | null;
  config: Pick<Config, 'operators' | 'timeZone'>;
  via?: 'till' | 'cli';
}

export const isManager = (op: { role: Role }) => op.role === 'manager' || op.role === 'admin';

/** "17:42" (today) or "2026-12-07 17:42", in the shop's time zone: when a lock ends. */
export function when(d: Date, timeZone: string): string {
  const day = (x: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(x);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit' }).format(d);
  return day(d) === day(new Date()) ? time : `${day(d)} ${time}`;
}

/**
 * An operator by code and PIN; one message for both kinds of mistake, so codes cannot be
 * probed. A wrong PIN is counted and logged (pos_pin_failed); at the configured count the
 * operator is locked, and while locked even the right PIN is refused, saying until when.
 */
export async function login(gate: PinGate, code: string, pin: string, purpose = 'login'): Promise<Operator> {
  const { db, config } = gate;
  const terminalId = gate.terminal?.id ?? null;
  const details = { purpose, via: gate.via ?? 'till' };
  const op = await findOperator(db, code.trim());
  if (!op || !op.active) {
    // Who typed an unknown code is nobody the log can name; the code typed says enough.
    await insertAudit(db, [{ action: 'pin.unknownOperator', terminalId, operatorId: op?.id ?? null, details: { ...details, code: code.trim().slice(0, 20) } }]);
    refuse('login.failed');
  }
  if (op.lockedUntil) {
    await insertAudit(db, [{ action: 'pin.whileLocked', terminalId, operatorId: op.id, details: { ...details, until: op.lockedUntil.toISOString() } }]);
    refuse('login.locked', { name: op.name, until: when(op.lockedUntil, config.timeZone) });
  }
  if (!(await verifyPinAsync(pin, op.pinHash))) {
    const { attempts, minutes } = config.operators.lockout;
    const until = await recordFailedPin(db, { operatorId: op.id, terminalId, attempts, lockSeconds: minutes * 60, details });
    if (until) refuse('login.lockedNow', { name: op.name, until: when(until, config.timeZone) });
    refuse('login.failed');
  }
  await recordGoodPin(db, op.id);
  // A sign-in on a till (or its idle lock lifted) is an event of its technical journal.
  if (terminalId !== null && (purpose === 'login' || purpose === 'idleUnlock')) {
    await journalEvent(db, { terminalId, kind: 'login', operatorId: op.id, details });
  }
  const signedIn = { id: op.id, code: op.code, name: op.name, role: op.role };
  hashAtSignIn.set(signedIn, op.pinHash);
  return signedIn;
}

// The PIN hash each operator signed in with, kept by this process only: a till locked for idle
// time while the server is away (selling offline) must let its own operator back in.
const hashAtSignIn = new WeakMap<Operator, string>();

/** An operator signed in with the server away (offline/signIn.ts), by the hash kept for it. */
export function signedInWith(op: Operator, pinHash: string): Operator {
  hashAtSignIn.set(op, pinHash);
  return op;
}

/**
 * The hash the signed-in operator's PIN was checked against when they signed in: for the idle
 * lock while the server cannot be reached (offline/signIn.ts counts the wrong PINs then).
 */
export function signedInHash(op: Operator): string | undefined {
  return hashAtSignIn.get(op);
}

/**
 * A manager's code and PIN, typed at the till (or given to a command) to approve `action`: an
 * override, a discount, a cancel. A cashier's code and PIN are refused, and the refusal is
 * logged with the action it was for.
 */
export async function managerApproval(gate: PinGate, code: string, pin: string, action = 'approval'): Promise<Operator> {
  const op = await login(gate, code, pin, action);
  await requireManager(gate, op, action, 'approval.notManager');
  return op;
}

/**
 * An operator already checked (PIN, or the service operator) who must be a manager or admin
 * for `action`, a change of a rule: anyone else is refused, and the refusal logged as an
 * approval's is.
 */
export async function requireManager(gate: PinGate, op: Operator, action: string, message: 'approval.notManager' | 'rule.notManager' = 'rule.notManager'): Promise<void> {
  if (isManager(op)) return;
  await insertAudit(gate.db, [{ action: 'approval.refused', terminalId: gate.terminal?.id ?? null, operatorId: op.id, details: { action, role: op.role, via: gate.via ?? 'till' } }]);
  refuse(message, { name: op.name });
}

/** An operator already checked who must be an admin (stores, tills): anyone else refused and logged. */
export async function requireAdmin(gate: PinGate, op: Operator, action: string): Promise<void> {
  if (op.role === 'admin') return;
  await insertAudit(gate.db, [{ action: 'approval.refused', terminalId: gate.terminal?.id ?? null, operatorId: op.id, details: { action, role: op.role, via: gate.via ?? 'till' } }]);
  refuse('rule.notAdmin', { name: op.name });
}

/**
 * The operator scripts act under (config operators.serviceOperator), without a PIN; each use
 * is logged as the service's, with the command it ran. Never a manager's approval.
 */
export async function serviceOperator(gate: PinGate, command: string): Promise<Operator> {
  const code = gate.config.operators.serviceOperator;
  if (!code) refuse('cli.pinNeeded');
  const op = await findOperator(gate.db, code);
  if (!op || !op.active) refuse('operator.unknown', { code });
  await insertAudit(gate.db, [{ action: 'service.command', terminalId: gate.terminal?.id ?? null, operatorId: op.id, details: { command, via: gate.via ?? 'cli' } }]);
  return { id: op.id, code: op.code, name: op.name, role: op.role };
}

/** A manager (code and PIN checked) lifts `code`'s lock-out; logged by the database. */
export async function unlock(gate: PinGate, code: string, manager: { code: string; pin: string }): Promise<{ operator: Operator; wasLocked: boolean }> {
  const by = await managerApproval(gate, manager.code, manager.pin, 'operator.unlock');
  const op = await findOperator(gate.db, code.trim());
  if (!op) refuse('operator.unknown', { code });
  const wasLocked = await unlockOperator(gate.db, { operatorId: op.id, managerId: by.id, terminalId: gate.terminal?.id ?? null, details: { via: gate.via ?? 'till' } });
  return { operator: { id: op.id, code: op.code, name: op.name, role: op.role }, wasLocked };
}

import { randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../config/schema';
import { refuse } from '../errors';
import { verifyPinAsync } from '../pin';
import { signedInWith, when, type Operator } from '../session';
import { appendLine, readLines, withJournal } from './journal';
import { keptOperators } from './operators';

// Signing in with the server away, against the operators the till kept (operators.ts). What
// the server would have written in the audit log (wrong PINs, a lock-out, an unknown code, a
// PIN typed while locked) and each sign-in are lines of an append-only file beside the sales'
// journal, written to the audit log when the server is back, each at the time it happened.
// Wrong PINs are counted here with the configured lock-out: at its count the operator is locked
// at this till until the server is back (no manager can lift it meanwhile: an approval needs
// the server), and no PIN of theirs is tried until then.

const AUTH = 'auth.jsonl';

export type AuthAction = 'login.offline' | 'pin.failed' | 'pin.lockout' | 'pin.unknownOperator' | 'pin.whileLocked';

export interface AuthEvent {
  v: 1;
  /** Its audit row is found by it: a replay cut short and run again writes none twice. */
  id: string;
  action: AuthAction;
  at: string;
  terminalId: number;
  operatorId: number | null;
  details: Record<string, unknown>;
}

export interface OfflineGate {
  dir: string;
  terminalId: number;
  config: Pick<Config, 'operators' | 'timeZone'>;
}

export async function readAuth(dir: string): Promise<AuthEvent[]> {
  return (await readLines<AuthEvent>(join(dir, AUTH))).filter((e) => e?.v === 1 && typeof e.id === 'string');
}

/** Wrong PINs of `operatorId` since their last sign-in or lock-out here, and whether one locked them. */
export function offlineMisses(events: readonly AuthEvent[], operatorId: number): { misses: number; locked: boolean } {
  let misses = 0;
  let locked = false;
  for (const e of events) {
    if (e.operatorId !== operatorId) continue;
    if (e.action === 'pin.failed') misses += 1;
    else if (e.action === 'login.offline') misses = 0;
    else if (e.action === 'pin.lockout') [misses, locked] = [0, true];
  }
  return { misses, locked };
}

/** The operator signed in at the idle lock, by the hash of their sign-in: for one the kept copy lacks. */
export interface SignedIn {
  operator: Operator;
  pinHash: string;
}

/**
 * An operator by code and PIN with the server away: the same one message for an unknown code and
 * a wrong PIN as online. `purpose`: 'login', 'idleUnlock'.
 */
export function signInOffline(gate: OfflineGate, code: string, pin: string, purpose = 'login', now = () => new Date(), signedIn?: SignedIn): Promise<Operator> {
  return withJournal(gate.dir, () => check(gate, code.trim(), pin, purpose, now, signedIn));
}

async function check(gate: OfflineGate, code: string, pin: string, purpose: string, now: () => Date, signedIn?: SignedIn): Promise<Operator> {
  const details = { purpose, via: 'till', offline: true };
  const log = (action: AuthAction, operatorId: number | null, more: Record<string, unknown> = {}) =>
    appendLine(gate.dir, AUTH, { v: 1, id: randomUUID(), action, at: now().toISOString(), terminalId: gate.terminalId, operatorId, details: { ...details, ...more } } satisfies AuthEvent);
  const op = (await keptOperators(gate.dir)).find((o) => o.code === code) ??
    (signedIn?.operator.code === code ? { ...signedIn.operator, pinHash: signedIn.pinHash, lockedUntil: null } : undefined);
  if (!op) {
    await log('pin.unknownOperator', null, { code: code.slice(0, 20) });
    refuse('login.failed');
  }
  const { attempts, minutes } = gate.config.operators.lockout;
  const { misses, locked } = offlineMisses(await readAuth(gate.dir), op.id);
  if (locked) {
    await log('pin.whileLocked', op.id);
    refuse('login.offlineLocked');
  }
  if (op.lockedUntil && new Date(op.lockedUntil) > now()) {
    await log('pin.whileLocked', op.id, { until: op.lockedUntil });
    refuse('login.locked', { name: op.name, until: when(new Date(op.lockedUntil), gate.config.timeZone) });
  }
  if (!(await verifyPinAsync(pin, op.pinHash))) {
    await log('pin.failed', op.id, { attempt: misses + 1, max: attempts });
    if (misses + 1 >= attempts) {
      // What the server would set; here the lock holds until the server is back.
      await log('pin.lockout', op.id, { attempts: misses + 1, until: new Date(now().getTime() + minutes * 60_000).toISOString(), untilServer: true });
    }
    refuse('login.failed');
  }
  await log('login.offline', op.id);
  return signedInWith({ id: op.id, code: op.code, name: op.name, role: op.role }, op.pinHash);
}

/**
 * The journal's sign-ins and PIN refusals written to the audit log, each at its time, each once
 * (found by its id); then, if no line came meanwhile, the file is kept under a name of its own and
 * the offline count starts again. Returns how many rows were written now.
 */
export async function replayAuth(db: Knex, dir: string): Promise<number> {
  const events = await readAuth(dir);
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({ action: e.action, terminal_id: e.terminalId, operator_id: e.operatorId, at: e.at, details: { ...e.details, offlineId: e.id } }));
  const { rowCount } = await db.raw(`
    INSERT INTO audit_log (action, terminal_id, operator_id, details, at)
    SELECT e.action, e.terminal_id, e.operator_id, e.details, e.at
      FROM jsonb_to_recordset(?::jsonb) AS e(action text, terminal_id int, operator_id int, details jsonb, at timestamptz)
     WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.at = e.at AND a.details->>'offlineId' = e.details->>'offlineId')`, [JSON.stringify(rows)]);
  const sent = new Set(events.map((e) => e.id));
  await withJournal(dir, async () => {
    const now = await readAuth(dir);
    if (now.every((e) => sent.has(e.id))) {
      await rename(join(dir, AUTH), join(dir, `auth-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.done`)).catch(() => undefined);
    }
  });
  return rowCount ?? 0;
}

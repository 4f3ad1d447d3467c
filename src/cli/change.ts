import type { Knex } from 'knex';
import type { Command } from 'commander';
import { ruleChange, type RuleChange } from '../app/ruleChange';
import { requireAdmin, requireManager, type Operator, type PinGate } from '../app/session';
import { findTerminal } from '../data/places';
import type { Ctx } from './context';
import { withDatabase } from './connection';
import { cliOperator } from './pins';

// A command that changes something names its operator (--operator, PIN from POS_PIN or typed,
// or the configured service operator), and a change of a rule needs a manager or an admin.
// The change and its audit row are one transaction: who, approved by whom, what, which till.

/** Who may make a change: any operator, or a manager or admin (a rule: prices, discounts, limits, keys). */
export type Needs = 'operator' | 'manager' | 'admin';

export interface Change {
  /** --operator; undefined: the configured service operator, else refused. */
  operator: string | undefined;
  /** The command, as the PIN check, a service run and a refusal are logged: `coupon.define`. */
  command: string;
  /** The audit row's action: `coupon_define`. */
  action: string;
  needs: Needs;
}

/** A gate with a database a transaction can be opened on: a till, or what withGate gives. */
export type ChangeGate = PinGate & { db: Knex };

/** The operator of a change, checked; a manager or admin when the change needs one (a refusal is logged). */
export async function changeOperator(ctx: Ctx, gate: PinGate, operator: string | undefined, command: string, needs: Needs): Promise<Operator> {
  const op = await cliOperator(ctx, gate, operator, command);
  if (needs === 'manager') await requireManager({ ...gate, via: 'cli' }, op, command);
  if (needs === 'admin') await requireAdmin({ ...gate, via: 'cli' }, op, command);
  return op;
}

/**
 * The operator checked first (nothing is written for a refusal but its log), then the change
 * and its audit row together; `details` says what changed (null: nothing did, no row).
 */
export async function cliChange<T>(ctx: Ctx, gate: ChangeGate, c: Change, work: (trx: Knex.Transaction, op: Operator) => Promise<T>, details: (done: T) => Record<string, unknown> | null): Promise<T> {
  const op = await changeOperator(ctx, gate, c.operator, c.command, c.needs);
  const by = { terminalId: gate.terminal?.id ?? null, operatorId: op.id, managed: c.needs !== 'operator', via: 'cli' as const };
  return ruleChange(gate.db, by, { action: c.action, work: (trx) => work(trx, op), details });
}

/** A change the back office makes too (its work and its row are the app's): made by the checked operator. */
export function cliRuleChange<T>(ctx: Ctx, gate: ChangeGate, c: Omit<Change, 'action'>, change: RuleChange<T>): Promise<T> {
  return cliChange(ctx, gate, { ...c, action: change.action }, (trx) => change.work(trx), (done) => change.details(done));
}

/**
 * For commands that need no till of their own (a store server may have none yet): the
 * database, and this till when the database knows it, so the audit log says where.
 */
export function withGate<T>(ctx: Ctx, work: (gate: ChangeGate) => Promise<T>): Promise<T> {
  return withDatabase(ctx.config, async (db) => work({ db, terminal: await findTerminal(db, ctx.config.terminal), config: ctx.config, via: 'cli' }));
}

export const OPERATOR_HELP: Record<Needs, string> = {
  operator: 'operator code (PIN: POS_PIN or typed; none for the configured service operator)',
  manager: 'a manager’s or admin’s code (PIN: POS_PIN or typed; none for a configured service operator of that role)',
  admin: 'an admin’s code (PIN: POS_PIN or typed; none for a configured service operator of that role)',
};

/** --operator on a command that changes something, its help saying who may. */
export function operatorOption(cmd: Command, needs: Needs): Command {
  return cmd.option('--operator <code>', OPERATOR_HELP[needs]);
}

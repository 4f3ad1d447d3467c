import type { Knex } from 'knex';
import { creditAccount, setOverdraftLimit } from '../../data/accounts';
import { insertAudit } from '../../data/audit';
import { NO_LIMITS, overpayment, type MoneyLimits } from '../../domain/limits';
import { MAX_CENTS } from '../../domain/money';
import { refuse } from '../errors';

export type PaymentMethod = 'cash' | 'card' | 'cheque' | 'transfer';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'card', 'cheque', 'transfer'];

export interface Who {
  storeId: number | null;
  terminalId: number | null;
  operatorId: number | null;
  channel: 'store' | 'backoffice';
  /** The screen (the default) or a command, for the audit row of a limit changed. */
  via?: 'till' | 'cli';
}

/** The shop's margin for paying ahead, and whether the person taking the payment confirmed one beyond it. */
export interface PaymentCheck {
  limits: MoneyLimits;
  confirmed: boolean;
}

/**
 * Money paid onto a customer's account (settling what they owe, or paying ahead): a ledger row.
 * One far above what is owed (see overpayment()) is refused until confirmed: the balance it is
 * judged on is the one the payment lands on, in the same statement, not one read before.
 */
export async function payOntoAccount(db: Knex, customerId: number, cents: number, method: PaymentMethod, who: Who, check: PaymentCheck = { limits: NO_LIMITS, confirmed: false }): Promise<number> {
  if (!Number.isInteger(cents) || cents <= 0 || cents > MAX_CENTS) refuse('account.paymentInvalid');
  return db.transaction(async (trx) => {
    const balance = await creditAccount(trx, { customerId, kind: 'payment', method, ...who }, cents);
    const far = check.confirmed ? null : overpayment(cents, balance - cents, check.limits);
    if (far) refuse('account.overpayment', {}, { amount: cents, owed: far.owedCents, beyond: far.beyondCents });
    return balance;
  });
}

/** A new overdraft limit; refused while the account owes more than it would allow. */
export async function changeOverdraftLimit(db: Knex, customerId: number, limitCents: number, who: Who): Promise<void> {
  if (!Number.isInteger(limitCents) || limitCents < 0 || limitCents > MAX_CENTS) refuse('account.limitInvalid');
  await db.transaction(async (trx) => {
    if (!(await setOverdraftLimit(trx, customerId, limitCents))) refuse('account.limitBelowDebt');
    // A limit is a manager's decision (the screen and the command both check one): the operator approves it.
    await insertAudit(trx, [{ action: 'account_limit', terminalId: who.terminalId, operatorId: who.operatorId, approverId: who.operatorId, details: { customer_id: customerId, limit_cents: limitCents, via: who.via ?? 'till' } }]);
  });
}

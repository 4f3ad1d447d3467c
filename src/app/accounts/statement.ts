import { accountMonth } from '../../data/accounts';
import type { Db } from '../../data/db';
import { statementOf, type Statement } from '../../domain/customer/account';

/**
 * A month's statement of a customer's account, in the shop's time zone. A ledger whose
 * balances do not follow each other is a fault (logged), never a wrong statement.
 */
export async function accountStatement(db: Db, customerId: number, month: { year: number; month: number }, timeZone: string): Promise<Statement> {
  const { openingCents, movements } = await accountMonth(db, customerId, month, timeZone);
  const s = statementOf(openingCents, movements);
  if ('broken' in s) throw new Error(`account ledger of customer ${customerId} does not add up at ${s.broken.at.toISOString()}`);
  return s;
}

import type { Knex } from 'knex';
import { audited } from './audited';
import type { Db } from '../data/db';

/** Who makes a change and where: the CLI and the back office give the same, so their rows read alike. */
export interface ChangeBy {
  /** The till it was made on; null when the database does not know this one (a store server's CLI). */
  terminalId: number | null;
  operatorId: number;
  /** The change needs a manager or an admin: the operator, checked as one, is its approver. */
  managed: boolean;
  via: 'cli' | 'till';
}

/**
 * A rule change as the CLI and the back office both make it: what it does, and the audit row it
 * leaves (its action, and what changed; null: nothing did, no row). One per change, so both
 * write the same row.
 */
export interface RuleChange<T> {
  action: string;
  work(trx: Knex.Transaction): Promise<T>;
  details(done: T): Record<string, unknown> | null;
}

/**
 * A rule change (a coupon, a reward, a key, a limit…) and its audit row in one transaction,
 * made the same way from the CLI (`cliChange`) and the back office. A refusal inside `work`
 * leaves neither.
 */
export function ruleChange<T>(db: Db, by: ChangeBy, c: RuleChange<T>): Promise<T> {
  return audited(db, (trx) => c.work(trx), (done) => {
    const changed = c.details(done);
    return changed && { action: c.action, terminalId: by.terminalId, operatorId: by.operatorId, approverId: by.managed ? by.operatorId : null, details: { ...changed, via: by.via } };
  });
}

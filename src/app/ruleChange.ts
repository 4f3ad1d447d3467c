import type { Knex } from 'knex';
import { insertAudit } from '../data/audit';
import type { Db } from '../data/db';
import { journalEvent } from './fiscal/journal';

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
  return db.transaction(async (trx) => {
    const done = await c.work(trx);
    const changed = c.details(done);
    if (!changed) return done;
    const details = { ...changed, via: by.via };
    await insertAudit(trx, [{ action: c.action, terminalId: by.terminalId, operatorId: by.operatorId, approverId: by.managed ? by.operatorId : null, details }]);
    // A configuration change is an event of the till's technical journal (a store server's CLI,
    // on no till the database knows, has no journal: the audit row says it).
    if (by.terminalId !== null) await journalEvent(trx, { terminalId: by.terminalId, kind: 'config_change', operatorId: by.operatorId, details: { action: c.action, ...details } });
    return done;
  });
}

import type { Knex } from 'knex';
import { insertAudit, type AuditEntry } from '../data/audit';
import type { Db } from '../data/db';

/**
 * A change and its audit row in one transaction: the row is there if and only if the change
 * is (a refusal inside `work` rolls both back). `entry` sees what the change returned, so the
 * row can say what changed, or that nothing did (null: no row).
 */
export async function audited<T>(db: Db, work: (trx: Knex.Transaction) => Promise<T>, entry: (done: T) => AuditEntry | null): Promise<T> {
  return db.transaction(async (trx) => {
    const done = await work(trx);
    const row = entry(done);
    if (row) await insertAudit(trx, [row]);
    return done;
  });
}

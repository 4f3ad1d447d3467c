import type { Knex } from 'knex';
import { insertAudit } from '../data/audit';
import type { Db } from '../data/db';
import { journalEvent } from './fiscal/journal';

/** The audit line and the journal's event of a drawer opened outside a sale (who asked, which manager approved), together. */
export async function recordNoSale(db: Db, terminalId: number, operatorId: number, managerId: number, drawer: string): Promise<void> {
  const write = async (trx: Db) => {
    await insertAudit(trx, [{ action: 'no_sale', terminalId, operatorId, approverId: managerId, details: { drawer } }]);
    await journalEvent(trx, { terminalId, kind: 'no_sale', operatorId, details: { approver: managerId, drawer } });
  };
  await (db.isTransaction ? write(db) : (db as Knex).transaction(write));
}

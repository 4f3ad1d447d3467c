import { insertAudit } from '../data/audit';
import type { Db } from '../data/db';

/** The audit line of a drawer opened outside a sale: who asked, which manager approved. */
export async function recordNoSale(db: Db, terminalId: number, operatorId: number, managerId: number, drawer: string): Promise<void> {
  await insertAudit(db, [{ action: 'no_sale', terminalId, operatorId, approverId: managerId, details: { drawer } }]);
}

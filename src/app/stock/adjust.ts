import { isManager } from '../session';
import type { Knex } from 'knex';
import { insertMovements } from '../../data/stock';
import { parseStockQty } from '../../domain/stock';
import { refuse } from '../errors';
import type { Operator } from '../session';
import { booked, type Booked, type StockPlace } from './book';
import { itemByCode } from './item';

const REASON_MAX = 200;

/** Why a figure is changed by hand: said, on one line, 200 characters at most. */
export function checkReason(text: string | undefined): string {
  const reason = (text ?? '').trim().replace(/\s+/g, ' ');
  if (reason === '') refuse('stock.reasonMissing');
  if (reason.length > REASON_MAX) refuse('stock.reasonTooLong', { max: REASON_MAX });
  return reason;
}

/**
 * A figure changed by hand (breakage, theft, a mistake found), up or down, with its reason,
 * approved by a manager: one movement, in its own transaction.
 */
export async function adjustStock(db: Knex, place: Omit<StockPlace, 'operatorId'>, o: { code: string; qty: string; reason?: string; manager: Operator; operatorId?: number }): Promise<Booked> {
  if (!isManager(o.manager)) refuse('approval.notManager', { name: o.manager.name });
  const read = parseStockQty(o.qty, 'adjust');
  if ('error' in read) refuse(read.error, { text: o.qty.trim() });
  const reason = checkReason(o.reason);
  return db.transaction(async (trx) => {
    const item = await itemByCode(trx, o.code, { stocked: true });
    const written = await insertMovements(trx, [{
      ...place, itemId: item.id, kind: 'adjust', qty: read.qty, operatorId: o.operatorId ?? o.manager.id, approvedBy: o.manager.id, reason,
    }]);
    return booked([{ item }], written)[0]!;
  });
}

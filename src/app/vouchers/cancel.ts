import { isManager } from '../session';
import type { Knex } from 'knex';
import { insertAudit } from '../../data/audit';
import { publishEvents } from '../../data/events';
import type { Terminal } from '../../data/places';
import { cancelVoucherRow, findVoucher } from '../../data/vouchers';
import type { Voucher } from '../../domain/voucher';
import { refuse } from '../errors';
import type { Operator } from '../session';
import { readVoucherCode, refuseUnspendable } from './codes';

/**
 * Cancels what is left on a voucher (a slip given by mistake, a lost one reissued), by a
 * manager; the ledger keeps the amount written off. A used, expired or cancelled voucher is
 * refused with its reason.
 */
export async function cancelVoucher(db: Knex, o: { code: string; manager: Operator; terminal: Terminal | null; reason?: string }): Promise<Voucher> {
  if (!isManager(o.manager)) refuse('approval.notManager', { name: o.manager.name });
  const code = readVoucherCode(o.code);
  const note = (o.reason ?? '').trim().slice(0, 200);
  const done = await db.transaction(async (trx) => {
    const row = await cancelVoucherRow(trx, code, { operatorId: o.manager.id, storeId: o.terminal?.storeId ?? null, terminalId: o.terminal?.id ?? null, note });
    if (row) {
      await insertAudit(trx, [{
        action: 'voucher_cancel', terminalId: o.terminal?.id ?? null, operatorId: o.manager.id, approverId: o.manager.id,
        details: { code, cancelled_cents: row.cancelledCents, reason: note },
      }]);
      // Every till hears of it at once (its next lookup and its commit refuse the code anyway).
      await publishEvents(trx, [{ kind: 'voucher', subject: code, data: { status: 'cancelled' } }]);
    }
    return row;
  });
  const v = await findVoucher(db, code);
  if (!v) refuse('voucher.unknown', { code: o.code.trim() });
  if (!done) refuseUnspendable(v);
  return v;
}

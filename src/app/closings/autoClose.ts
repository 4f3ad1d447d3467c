import type { Knex } from 'knex';
import { insertAudit } from '../../data/audit';
import { closedDayAt, firstOpenTicketBefore, type Closing, type Scope } from '../../data/closings';
import { nowOf } from '../../domain/clock';
import { dayIn } from '../../domain/closings/period';
import { formatDay } from '../../domain/day';
import { refuse } from '../errors';
import { getLog } from '../log';
import type { AutoClosePolicy, SaleEffect, SaleNote } from '../saleEffects';
import { closePeriod } from './close';
import { headsDoc, saveHeads } from './heads';
import { auditOf, journalClosings } from './service';

// A day a till left unclosed is closed (its Z, marked automatic) in the transaction of the
// till's first sale of a later day, before that sale is saved; the cashier is told, the audit
// log says it, and the heads file is written once it is committed. With closings.autoClose off,
// the day stays open until someone closes it (its sales are still refused once it is closed).

/** Closes the till's days with tickets before today's that are still open; what was closed. */
export async function closeLeftOpen(trx: Knex.Transaction, scope: Scope & { scope: 'terminal' }, p: AutoClosePolicy, now: Date, operatorId: number): Promise<Closing[]> {
  const today = dayIn(now, p.timeZone);
  const made: Closing[] = [];
  for (;;) {
    const at = await firstOpenTicketBefore(trx, scope, today, p.timeZone);
    if (!at) return made;
    made.push(...(await closePeriod(trx, scope, 'day', dayIn(at, p.timeZone), { timeZone: p.timeZone, fiscalStartMonth: p.fiscalYearStartMonth, now, operatorId }, true)));
  }
}

export const autoCloseEffect: SaleEffect = {
  name: 'closings',
  // A sale made through an outage and sent now is not a sale of a new day: closing its day
  // here would refuse the rest of that day's journal.
  applies: (req, policy) => policy.closings?.autoClose === true && !req.offline,
  async apply(trx, sale): Promise<SaleNote[]> {
    const p = sale.policy.closings;
    if (!p?.autoClose) return [];
    const scope: Scope & { scope: 'terminal' } = { scope: 'terminal', storeId: sale.insert.storeId, terminalId: sale.insert.terminalId };
    const made = await closeLeftOpen(trx, scope, p, nowOf(sale.policy), sale.insert.operatorId);
    if (made.length === 0) return [];
    await insertAudit(trx, made.map((c) => auditOf(c, 'till', sale.insert.terminalId)));
    await journalClosings(trx, made, 'till', sale.insert.terminalId);
    // Written once committed (a sale refused later by another effect takes its closings back too).
    const heads = await headsDoc(trx, scope.storeId, nowOf(sale.policy));
    trx.executionPromise
      .then(() => saveHeads(p.dataDir, heads))
      .catch((err: unknown) => getLog(p.dataDir).error({ err }, 'closing heads file not written'));
    return made.filter((c) => c.kind === 'day').map((c) => ({ key: 'closing.autoClosed', params: { day: formatDay(c.firstDay) } }));
  },
  // Whatever the policy: a day already closed (its Z made early) refuses the ticket at the
  // commit, after the customer has paid; said here, as the payment screen opens, instead.
  async beforePayment(db, _basket, place, policy) {
    const day = await closedDayAt(db, place, nowOf(policy));
    if (day) refuse('closing.dayClosed', { day: formatDay(day) });
  },
};

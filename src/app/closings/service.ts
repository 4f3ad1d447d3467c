import type { Knex } from 'knex';
import type { Config } from '../../config/schema';
import { insertAudit } from '../../data/audit';
import type { Closing, Scope } from '../../data/closings';
import { nowOf } from '../../domain/clock';
import { addDays, dayIn, monthPeriod, yearPeriod, type ClosingKind } from '../../domain/closings/period';
import { trainingMode } from '../../data/training';
import { refuse } from '../errors';
import { journalEvent } from '../fiscal/journal';
import { closePeriod, type CloseContext } from './close';
import { writeHeads, type HeadsDoc } from './heads';

// Closing as the CLI, the back room and the till ask for it: in one transaction, each closing
// with its audit row and its technical journal (JET) event,
// then the heads file written from what was committed.

export type ClosingConfig = Pick<Config, 'timeZone' | 'dataDir' | 'clock' | 'closings'>;

export function closeContext(config: ClosingConfig, operatorId: number | null): CloseContext {
  return { timeZone: config.timeZone, fiscalStartMonth: config.closings.fiscalYearStartMonth, now: nowOf(config), operatorId };
}

/** The period asked for by default: today for a day, the last ended month or fiscal year. */
export function defaultDay(kind: ClosingKind, config: ClosingConfig): string {
  const today = dayIn(nowOf(config), config.timeZone);
  if (kind === 'day') return today;
  if (kind === 'month') return addDays(monthPeriod(today).firstDay, -1);
  return addDays(yearPeriod(today, config.closings.fiscalYearStartMonth).firstDay, -1);
}

export function auditOf(c: Closing, via: string, terminalId: number | null): { action: string; terminalId: number | null; operatorId: number | null; details: Record<string, unknown> } {
  return {
    action: c.automatic ? 'closing_auto' : 'closing',
    terminalId: c.terminalId ?? terminalId,
    operatorId: c.operatorId,
    details: { scope: c.scope, kind: c.kind, first_day: c.firstDay, last_day: c.lastDay, seq: c.seq, total_cents: c.totals.totalCents, perpetual_cents: c.perpetualCents, hash: c.hash, via },
  };
}

/**
 * Each closing in the technical journal (JET), in the closing's transaction: on its till's
 * journal, a store closing on the journal of the till that asked for it (or, asked with no till,
 * the store's first till: the JET is kept per till).
 */
export async function journalClosings(trx: Knex.Transaction, made: readonly Closing[], via: string, terminalId: number | null): Promise<void> {
  for (const c of made) {
    const till = c.terminalId ?? terminalId ?? (await trx('terminals').where('store_id', c.storeId).orderBy('id').first('id'))?.id;
    if (till === undefined) continue;
    await journalEvent(trx, {
      terminalId: till, kind: 'closing', operatorId: c.operatorId,
      details: { scope: c.scope, store_id: c.storeId, terminal_id: c.terminalId, kind: c.kind, first_day: c.firstDay, last_day: c.lastDay, seq: c.seq, automatic: c.automatic, total_cents: c.totals.totalCents, perpetual_cents: c.perpetualCents, hash: c.hash, via },
    });
  }
}

/** Inside a transaction: the closings, their audit rows and journal events. */
export async function closeIn(trx: Knex.Transaction, config: ClosingConfig, req: { scope: Scope; kind: ClosingKind; day?: string; operatorId: number | null; via: string; terminalId: number | null }): Promise<Closing[]> {
  // A closing is real: not made from a till in training mode, whose every document says FACTICE.
  if (req.terminalId !== null && (await trainingMode(trx, req.terminalId))) refuse('training.noClosing');
  const made = await closePeriod(trx, req.scope, req.kind, req.day ?? defaultDay(req.kind, config), closeContext(config, req.operatorId));
  await insertAudit(trx, made.map((c) => auditOf(c, req.via, req.terminalId)));
  await journalClosings(trx, made, req.via, req.terminalId);
  return made;
}

/** A closing on its own (back room): committed, then the heads file. */
export async function closeNow(db: Knex, config: ClosingConfig, req: Parameters<typeof closeIn>[2]): Promise<{ closings: Closing[]; heads: HeadsDoc }> {
  const closings = await db.transaction((trx) => closeIn(trx, config, req));
  return { closings, heads: await writeHeads(db, req.scope.storeId, config.dataDir, nowOf(config)) };
}

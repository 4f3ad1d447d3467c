import type { Knex } from 'knex';
import {
  firstTicketBetween, insertClosing, lastClosing, closingsOf, periodBounds, storeTerminals, ticketTotals, ticketsTotalBefore,
  type Closing, type Scope,
} from '../../data/closings';
import { childKind, dayIn, periodOf, type ClosingKind, type Period } from '../../domain/closings/period';
import { canonicalClosing, closingHash, CLOSING_FORMAT, GENESIS, type ClosingRecord } from '../../domain/closings/record';
import { sumTotals, type Totals } from '../../domain/closings/totals';
import { formatDay } from '../../domain/day';
import { refuse } from '../errors';
import { TICKETS_LOCK } from '../../../migrations/20261208110000_closings';
import { signText, storeKey } from './keys';

// Making closings. A day's figures come from its tickets; a month's are the sum of its days'
// closings, a year's of its months' (the verifier checks both against the tickets). A closing
// first closes what it builds on and what comes before it: the days of a month left open, the
// earlier days of the till with tickets, each as an automatic closing; so a chain has no period
// with tickets left out, and each perpetual grand total is the previous one plus the period's.

export interface CloseContext {
  timeZone: string;
  fiscalStartMonth: number;
  /** The clock's now: which day is today, and the closing's time. */
  now: Date;
  operatorId: number | null;
}

export function chainName(s: Scope, kind: ClosingKind): string {
  return `${s.scope}:${s.storeId}:${s.terminalId ?? ''}:${kind}`;
}

/**
 * Closes the period of `kind` holding `day` for the scope, after whatever must be closed first
 * (returned before it, each marked automatic). Refused: a period already closed, one before
 * the last closed, a day to come, a month or year not ended.
 */
export async function closePeriod(trx: Knex.Transaction, scope: Scope, kind: ClosingKind, day: string, ctx: CloseContext, automatic = false): Promise<Closing[]> {
  const period = periodOf(kind, day, ctx.fiscalStartMonth);
  const today = dayIn(ctx.now, ctx.timeZone);
  if (kind === 'day' && period.firstDay > today) refuse('closing.future', { period: shown(period) });
  if (kind !== 'day' && period.lastDay >= today) refuse('closing.notEnded', { period: shown(period) });
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [chainName(scope, kind)]);
  // Tickets in flight on these tills commit before the figures are read; later ones wait, then
  // meet the trigger (see the closings migration). In id order: two closings never deadlock.
  const tills = scope.terminalId === null ? (await storeTerminals(trx, scope.storeId)).map((x) => x.id) : [scope.terminalId];
  for (const id of tills) await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [TICKETS_LOCK, id]);

  let last = await lastClosing(trx, scope, kind);
  if (last && last.firstDay === period.firstDay) refuse('closing.already', { period: shown(period) });
  if (last && last.firstDay > period.firstDay) refuse('closing.outOfOrder', { period: shown(period), last: labelOf(last, ctx) });
  const bounds = await periodBounds(trx, period.firstDay, period.lastDay, ctx.timeZone);
  const made: Closing[] = [];

  // Earlier periods of this chain with tickets, left open: closed first, in order.
  for (;;) {
    const at = await firstTicketBetween(trx, scope, last?.periodEnd ?? null, bounds.start);
    if (!at) break;
    made.push(...(await closePeriod(trx, scope, kind, dayIn(at, ctx.timeZone), ctx, true)));
    last = await lastClosing(trx, scope, kind);
  }

  let totals: Totals;
  const child = childKind(kind);
  if (child) {
    made.push(...(await closeOpen(trx, scope, child, bounds.end, ctx)));
    totals = sumTotals((await closingsOf(trx, scope, child, { from: period.firstDay, to: period.lastDay })).map((c) => c.totals));
  } else {
    if (scope.scope === 'store') {
      for (const t of await storeTerminals(trx, scope.storeId)) {
        made.push(...(await closeOpen(trx, { scope: 'terminal', storeId: scope.storeId, terminalId: t.id }, 'day', bounds.end, ctx)));
      }
    }
    totals = await ticketTotals(trx, scope, bounds.start, bounds.end);
  }

  const perpetualCents = last ? last.perpetualCents + totals.totalCents : await ticketsTotalBefore(trx, scope, bounds.end);
  const key = await storeKey(trx, scope.storeId);
  const record: ClosingRecord = {
    format: CLOSING_FORMAT, scope: scope.scope, storeId: scope.storeId, terminalId: scope.terminalId, kind, seq: (last?.seq ?? 0) + 1,
    firstDay: period.firstDay, lastDay: period.lastDay, timeZone: ctx.timeZone, periodStart: bounds.start, periodEnd: bounds.end,
    totals, perpetualCents, automatic, operatorId: ctx.operatorId, closedAt: ctx.now, prevHash: last?.hash ?? GENESIS, keyId: key.keyId,
  };
  // Whole milliseconds: what timestamptz keeps (microseconds), read back as a Date, is what was hashed.
  made.push(await insertClosing(trx, { ...record, hash: closingHash(record), signature: signText(key, canonicalClosing(record)) }));
  return made;
}

/** Closes every period of `kind` of the scope with tickets before `before` that is still open. */
async function closeOpen(trx: Knex.Transaction, scope: Scope, kind: ClosingKind, before: Date, ctx: CloseContext): Promise<Closing[]> {
  const made: Closing[] = [];
  for (;;) {
    const last = await lastClosing(trx, scope, kind);
    const at = await firstTicketBetween(trx, scope, last?.periodEnd ?? null, before);
    if (!at) return made;
    made.push(...(await closePeriod(trx, scope, kind, dayIn(at, ctx.timeZone), ctx, true)));
  }
}

function labelOf(c: Closing, ctx: CloseContext): string {
  return shown(periodOf(c.kind, c.firstDay, ctx.fiscalStartMonth));
}

/** A period as the shop reads it: 20/11/2026, 11/2026, 2026 (or 04/2026 – 03/2027). */
export function shown(p: Period): string {
  if (p.kind === 'day') return formatDay(p.firstDay);
  if (p.kind === 'month') return p.firstDay.slice(5, 7) + '/' + p.firstDay.slice(0, 4);
  return p.firstDay.endsWith('-01-01') ? p.firstDay.slice(0, 4) : `${p.firstDay.slice(5, 7)}/${p.firstDay.slice(0, 4)} – ${p.lastDay.slice(5, 7)}/${p.lastDay.slice(0, 4)}`;
}

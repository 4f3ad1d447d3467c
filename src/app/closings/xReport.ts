import type { Knex } from 'knex';
import { lastClosing, periodBounds, ticketTotals, ticketsTotalBefore, type Closing, type Scope } from '../../data/closings';
import { nowOf } from '../../domain/clock';
import { dayIn, periodOf, type ClosingKind } from '../../domain/closings/period';
import type { Totals } from '../../domain/closings/totals';
import type { ClosingConfig } from './service';

// The X report: the running period's figures at any time, read only (nothing is closed or
// signed). Same totals query as the closings, so an X read just before a Z says what the Z will.

export interface XReport {
  scope: Scope;
  kind: ClosingKind;
  firstDay: string;
  lastDay: string;
  at: Date;
  totals: Totals;
  /** The perpetual grand total as of now (every counted ticket since the first sale). */
  perpetualCents: number;
  lastClosing: Closing | null;
  /** The period is closed already (after its Z, no sale can go in). */
  closed: boolean;
}

export async function xReport(db: Knex, config: ClosingConfig, scope: Scope, kind: ClosingKind = 'day'): Promise<XReport> {
  const at = nowOf(config);
  const period = periodOf(kind, dayIn(at, config.timeZone), config.closings.fiscalYearStartMonth);
  // The period's tickets so far: none can be dated after now, so its end bounds them.
  const { start, end } = await periodBounds(db, period.firstDay, period.lastDay, config.timeZone);
  const last = await lastClosing(db, scope, kind);
  return {
    scope, kind, firstDay: period.firstDay, lastDay: period.lastDay, at,
    totals: await ticketTotals(db, scope, start, end),
    perpetualCents: await ticketsTotalBefore(db, scope, end),
    lastClosing: last,
    closed: last !== null && last.firstDay === period.firstDay,
  };
}

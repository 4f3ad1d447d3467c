import type { Knex } from 'knex';
import { findStoreByCode, findTerminal } from '../../data/places';
import type { ReportFilter } from '../../data/reports/filter';
import { giftCardFigures, type GiftCardReportRow, type GiftCardTotals } from '../../data/reports/giftCards';
import { liabilityFigures, type LiabilityFigures } from '../../data/reports/liabilities';
import { paymentFigures, type PaymentFigures } from '../../data/reports/payments';
import { salesFigures, type SalesFigures } from '../../data/reports/sales';
import { readPeriod, todayIn } from '../../domain/report/period';
import { refuse } from '../errors';
import type { Config } from '../../config/schema';

export const REPORT_KINDS = ['sales', 'payments', 'liabilities', 'giftcards'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What was typed (command line or screen): days as JJ/MM/AAAA or AAAA-MM-JJ, store and till codes. */
export interface ReportQuery {
  from?: string | null;
  to?: string | null;
  store?: string | null;
  terminal?: string | null;
}

/** Where the figures come from, said with them. */
export interface ReportScope {
  filter: ReportFilter;
  store: string | null;
  terminal: string | null;
}

export type Report =
  | { kind: 'sales'; scope: ReportScope; sales: SalesFigures }
  | { kind: 'payments'; scope: ReportScope; payments: PaymentFigures }
  | { kind: 'liabilities'; scope: ReportScope; liabilities: LiabilityFigures }
  | { kind: 'giftcards'; scope: ReportScope; cards: GiftCardReportRow[]; totals: GiftCardTotals };

/**
 * The typed query read, each mistake refused with its message: a day, a period backwards, a store or till unknown.
 * Its days are those of the store named (or of the till's store): its own time zone, else
 * `timeZone` (the configuration's, or the asking till's store's); "today" is in that zone too.
 */
export async function readReportQuery(db: Knex, q: ReportQuery, timeZone: string, now = new Date()): Promise<ReportScope> {
  let zone: string | null = null;
  let storeId: number | undefined;
  let terminalId: number | undefined;
  let store: string | null = null;
  let terminal: string | null = null;
  if (q.store?.trim()) {
    const s = await findStoreByCode(db, q.store.trim().toUpperCase());
    if (!s) refuse('report.storeUnknown', { code: q.store.trim() });
    storeId = s.id;
    store = s.code;
    zone = s.timeZone;
  }
  if (q.terminal?.trim()) {
    const t = await findTerminal(db, q.terminal.trim().toUpperCase());
    if (!t) refuse('report.terminalUnknown', { code: q.terminal.trim() });
    if (storeId != null && t.storeId !== storeId) refuse('report.terminalElsewhere', { terminal: t.code, store: store! });
    terminalId = t.id;
    terminal = t.code;
    zone = t.storeTimeZone;
  }
  const filterZone = zone ?? timeZone;
  const read = readPeriod(q, todayIn(filterZone, now));
  if ('error' in read) refuse(read.error, read.params);
  const filter: ReportFilter = { period: read.period, timeZone: filterZone };
  if (storeId !== undefined) filter.storeId = storeId;
  if (terminalId !== undefined) filter.terminalId = terminalId;
  return { filter, store, terminal };
}

/** The days of the store of this machine's till (config.terminal): its time zone, else the configuration's. */
export async function tillStoreZone(db: Knex, config: Pick<Config, 'terminal' | 'timeZone'>): Promise<string> {
  return (await findTerminal(db, config.terminal).catch(() => null))?.storeTimeZone ?? config.timeZone;
}

/**
 * One report, read in one snapshot (REPEATABLE READ, read only): the figures of its parts are
 * of the same instant, so they add up even while the tills sell.
 */
export async function runReport(db: Knex, kind: ReportKind, scope: ReportScope): Promise<Report> {
  return db.transaction(
    async (trx) => {
      // A month of a busy shop is a million tickets: their hash joins and sorts stay in memory.
      await trx.raw("SET LOCAL work_mem = '64MB'");
      const f = scope.filter;
      switch (kind) {
        case 'sales':
          return { kind, scope, sales: await salesFigures(trx, f) };
        case 'payments':
          return { kind, scope, payments: await paymentFigures(trx, f) };
        case 'liabilities':
          return { kind, scope, liabilities: await liabilityFigures(trx, f) };
        case 'giftcards':
          return { kind, scope, ...(await giftCardFigures(trx, f)) };
      }
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

/** A report by its name as typed; an unknown name refused with the known ones. */
export function reportKind(text: string): ReportKind {
  const k = text.trim().toLowerCase();
  if (!(REPORT_KINDS as readonly string[]).includes(k)) refuse('report.kindUnknown', { text, known: REPORT_KINDS.join(', ') });
  return k as ReportKind;
}

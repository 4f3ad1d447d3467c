// The back office's reports over the generated chain, as `pos report` runs them (the same use
// case, the whole chain, no store named): each several times, the first one reading cold pages.
import type { Knex } from 'knex';
import { readReportQuery, runReport, type ReportKind } from '../../app/reports/reports';
import { todayIn } from '../../domain/report/period';

export interface ReportTiming {
  /** "sales, 30 days": what was asked. */
  report: string;
  kind: ReportKind;
  from: string;
  to: string;
  /** One per run. */
  ms: number[];
}

function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function timeReports(db: Knex, runs: number, timeZone: string): Promise<ReportTiming[]> {
  const today = todayIn(timeZone);
  const monthAgo = daysBefore(today, 29);
  const asked: Omit<ReportTiming, 'ms'>[] = [
    { report: 'sales, 30 days', kind: 'sales', from: monthAgo, to: today },
    { report: 'payments, 30 days', kind: 'payments', from: monthAgo, to: today },
    { report: 'liabilities, today', kind: 'liabilities', from: today, to: today },
    { report: 'gift cards, today', kind: 'giftcards', from: today, to: today },
  ];
  const out: ReportTiming[] = [];
  for (const a of asked) {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const began = performance.now();
      const scope = await readReportQuery(db, { from: a.from, to: a.to }, timeZone);
      await runReport(db, a.kind, scope);
      ms.push(performance.now() - began);
    }
    out.push({ ...a, ms });
  }
  return out;
}

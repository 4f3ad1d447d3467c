import type { Period } from '../../domain/report/period';

/** Whose figures a report adds up: a period of the shop's days, maybe one store or one till. */
export interface ReportFilter {
  period: Period;
  timeZone: string;
  storeId?: number | null;
  terminalId?: number | null;
}

/**
 * The period's first and last instants as SQL (`from_at`, `to_at`, the end excluded): midnight
 * of the shop's time zone, whatever the server's. `(day + 1)::timestamp AT TIME ZONE tz` is the
 * next midnight there, on the day the clocks change too.
 */
export function periodSql(f: ReportFilter): { sql: string; bindings: string[] } {
  return {
    sql: '(?::date)::timestamp AT TIME ZONE ? AS from_at, (?::date + 1)::timestamp AT TIME ZONE ? AS to_at',
    bindings: [f.period.from, f.timeZone, f.period.to, f.timeZone],
  };
}

/** `AND alias.store_id = … AND alias.terminal_id = …` as the filter asks. */
export function placeSql(f: ReportFilter, alias: string): { sql: string; bindings: number[] } {
  let sql = '';
  const bindings: number[] = [];
  if (f.storeId != null) {
    sql += ` AND ${alias}.store_id = ?`;
    bindings.push(f.storeId);
  }
  if (f.terminalId != null) {
    sql += ` AND ${alias}.terminal_id = ?`;
    bindings.push(f.terminalId);
  }
  return { sql, bindings };
}

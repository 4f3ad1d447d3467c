// Which days a closing covers. A day closing covers one day; a month closing a calendar month;
// a year closing the shop's fiscal year, which starts on the first day of a configured month
// (1: the calendar year). Days are "YYYY-MM-DD" strings, as in src/domain/day.ts; which instants
// they cover is the database's to say, in the shop's time zone.

export type ClosingKind = 'day' | 'month' | 'year';

export interface Period {
  kind: ClosingKind;
  firstDay: string;
  lastDay: string;
  /** How the period is named: "2026-11-20", "2026-11", "2026" (or "2026-04/2027-03" for a fiscal year not on the calendar). */
  label: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

export function dayPeriod(day: string): Period {
  return { kind: 'day', firstDay: day, lastDay: day, label: day };
}

/** The calendar month holding `day`. */
export function monthPeriod(day: string): Period {
  const [y, m] = parts(day);
  return { kind: 'month', firstDay: ymd(y, m, 1), lastDay: ymd(y, m, daysIn(y, m)), label: `${pad(y, 4)}-${pad(m)}` };
}

/** The fiscal year holding `day`, starting on the first of `startMonth`. */
export function yearPeriod(day: string, startMonth = 1): Period {
  const [y, m] = parts(day);
  const startYear = m >= startMonth ? y : y - 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const label = startMonth === 1 ? pad(startYear, 4) : `${pad(startYear, 4)}-${pad(startMonth)}/${pad(endYear, 4)}-${pad(endMonth)}`;
  return { kind: 'year', firstDay: ymd(startYear, startMonth, 1), lastDay: ymd(endYear, endMonth, daysIn(endYear, endMonth)), label };
}

export function periodOf(kind: ClosingKind, day: string, fiscalStartMonth = 1): Period {
  return kind === 'day' ? dayPeriod(day) : kind === 'month' ? monthPeriod(day) : yearPeriod(day, fiscalStartMonth);
}

/** What a closing of `kind` is built on: days for a month, months for a year. */
export function childKind(kind: ClosingKind): ClosingKind | null {
  return kind === 'year' ? 'month' : kind === 'month' ? 'day' : null;
}

/**
 * A period typed on the command line: a day for any kind ("2026-11-20"), a month for a month or
 * a year ("2026-11"), a year for a year ("2026": the fiscal year starting in it). Null: not one.
 */
export function readPeriodText(kind: ClosingKind, text: string, fiscalStartMonth = 1): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t) && kind === 'year') return ymd(Number(t), fiscalStartMonth, 1);
  const month = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (month && kind !== 'day') {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? ymd(Number(month[1]), m, 1) : null;
  }
  return null;
}

/** The business day of an instant in a time zone: "2026-11-20". */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day before or after. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

import { formatDay, readDay, type DayError } from '../day';

// What a report covers: whole days of the shop's calendar, from the first to the last included.
// Which instants a day covers is the shop's time zone's business (the database applies it), so
// a day is kept as "YYYY-MM-DD" here.

export interface Period {
  from: string;
  to: string;
}

export type PeriodRead = { period: Period } | { error: DayError | 'report.periodInvalid'; params: Record<string, string | number> };

/**
 * The days typed (JJ/MM/AAAA or AAAA-MM-JJ), either may be left out: no end is `today`, no
 * start is the end's day (one day's report). A start after the end is refused.
 */
export function readPeriod(typed: { from?: string | null; to?: string | null }, today: string): PeriodRead {
  const day = (text: string | null | undefined, otherwise: string) => (text?.trim() ? readDay(text) : { day: otherwise });
  const to = day(typed.to, today);
  if (!('day' in to)) return to;
  const from = day(typed.from, to.day);
  if (!('day' in from)) return from;
  if (from.day > to.day) return { error: 'report.periodInvalid', params: { from: formatDay(from.day), to: formatDay(to.day) } };
  return { period: { from: from.day, to: to.day } };
}

/** Days from the first to the last, both counted. */
export function periodDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every day of the period, in order: a chart by day has a bar (maybe empty) for each. */
export function daysOf(p: Period): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${p.from}T00:00:00Z`), end = Date.parse(`${p.to}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Today in the shop's time zone, as a day. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** How old a balance is at the report's date, by when its card or voucher was sold or issued. */
export const AGE_BANDS = ['0-3', '3-6', '6-12', '12+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The tenders a payments report lists, always all of them and in this order (zeros included). */
export const REPORT_TENDERS = ['cash', 'card', 'voucher', 'gift_card', 'giftcert', 'account'] as const;

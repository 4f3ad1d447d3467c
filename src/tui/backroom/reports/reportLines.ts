import type { Report } from '../../../app/reports/reports';
import { reportText } from '../../../app/reports/text';
import { formatDay } from '../../../domain/day';
import { formatEuros, type Lang } from '../../../domain/money';
import { daysOf } from '../../../domain/report/period';
import { t } from '../../../i18n/messages';
import { barChart, type ChartRow } from '../../bars';

/** The longest period charted a bar a day. */
const MAX_DAYS = 62;

/**
 * A sales report's chart: by hour for one day (the hours from the first sale to the last), by
 * day for a longer period (every day, the closed ones empty).
 */
export function salesChart(r: Report, lang: Lang, width: number): string[] {
  if (r.kind !== 'sales' || r.sales.tickets === 0) return [];
  const money = (c: number) => formatEuros(c, lang);
  const { period } = r.scope.filter;
  let rows: ChartRow[];
  let title: string;
  if (period.from === period.to) {
    const open = r.sales.hours.map((h, i) => ({ ...h, i })).filter((h) => h.tickets > 0);
    const first = open[0]!.i;
    const last = open[open.length - 1]!.i;
    rows = r.sales.hours.slice(first, last + 1).map((h, j) => ({ label: `${String(first + j).padStart(2, '0')}h`, value: h.cents, text: money(h.cents) }));
    title = t(lang, 'report.screen.chartHour');
  } else if (daysOf(period).length > MAX_DAYS) {
    // Beyond two months a bar a day makes a chart longer than any screen: a bar a month.
    const byMonth = new Map<string, number>();
    for (const d of r.sales.days) byMonth.set(d.day.slice(0, 7), (byMonth.get(d.day.slice(0, 7)) ?? 0) + d.cents);
    const months = [...new Set(daysOf(period).map((d) => d.slice(0, 7)))];
    rows = months.map((m) => ({ label: `${m.slice(5)}/${m.slice(0, 4)}`, value: byMonth.get(m) ?? 0, text: money(byMonth.get(m) ?? 0) }));
    title = t(lang, 'report.screen.chartMonth');
  } else {
    const byDay = new Map(r.sales.days.map((d) => [d.day, d.cents]));
    rows = daysOf(period).map((day) => ({ label: formatDay(day).slice(0, 5), value: byDay.get(day) ?? 0, text: money(byDay.get(day) ?? 0) }));
    title = t(lang, 'report.screen.chartDay');
  }
  return [title, ...barChart(rows, width), ''];
}

/** What the screen scrolls through: the chart, then the report's tables fitted to the width. */
export function reportLines(r: Report, lang: Lang, width: number): string[] {
  const [title, ...rest] = reportText(r, lang, width);
  return [title!, ...salesChart(r, lang, width), ...rest];
}

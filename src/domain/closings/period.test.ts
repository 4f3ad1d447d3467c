import { describe, expect, it } from 'vitest';
import { addDays, dayIn, monthPeriod, periodOf, readPeriodText, yearPeriod } from './period';
import { sumTotals, totalsDiff, type Totals } from './totals';

describe('closing periods', () => {
  it('a month, a leap February, a calendar year and a fiscal year starting in April', () => {
    expect(monthPeriod('2026-11-20')).toEqual({ kind: 'month', firstDay: '2026-11-01', lastDay: '2026-11-30', label: '2026-11' });
    expect(monthPeriod('2028-02-10').lastDay).toBe('2028-02-29');
    expect(yearPeriod('2026-11-20')).toEqual({ kind: 'year', firstDay: '2026-01-01', lastDay: '2026-12-31', label: '2026' });
    expect(yearPeriod('2026-03-31', 4)).toEqual({ kind: 'year', firstDay: '2025-04-01', lastDay: '2026-03-31', label: '2025-04/2026-03' });
    expect(yearPeriod('2026-04-01', 4).firstDay).toBe('2026-04-01');
    expect(periodOf('day', '2026-11-20')).toMatchObject({ firstDay: '2026-11-20', lastDay: '2026-11-20' });
  });

  it('reads a month or a year for the closings that take them, nothing else', () => {
    expect(readPeriodText('month', '2026-11')).toBe('2026-11-01');
    expect(readPeriodText('year', '2026', 7)).toBe('2026-07-01');
    expect(readPeriodText('day', '2026-11')).toBeNull();
    expect(readPeriodText('month', '2026-13')).toBeNull();
    expect(readPeriodText('month', '2026')).toBeNull();
  });

  it('names the business day in the shop’s zone, across midnight and the clock change', () => {
    expect(dayIn(new Date('2026-11-20T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-21');
    expect(dayIn(new Date('2026-03-29T00:30:00Z'), 'Europe/Paris')).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('sums days into a month: by rate, by tender, ticket numbers first to last', () => {
    const a: Totals = { tickets: 2, totalCents: 1000, byVat: [{ rateBp: 2000, grossCents: 1000, vatCents: 167, netCents: 833 }], byTender: [{ kind: 'cash', cents: 1000 }], firstTicketNo: 1, lastTicketNo: 2 };
    const b: Totals = { tickets: 1, totalCents: 110, byVat: [{ rateBp: 550, grossCents: 110, vatCents: 6, netCents: 104 }, { rateBp: 2000, grossCents: 0, vatCents: 0, netCents: 0 }], byTender: [{ kind: 'card', cents: 110 }], firstTicketNo: 3, lastTicketNo: 3 };
    const sum = sumTotals([a, b]);
    expect(sum).toEqual({
      tickets: 3, totalCents: 1110, firstTicketNo: 1, lastTicketNo: 3,
      byVat: [{ rateBp: 550, grossCents: 110, vatCents: 6, netCents: 104 }, { rateBp: 2000, grossCents: 1000, vatCents: 167, netCents: 833 }],
      byTender: [{ kind: 'card', cents: 110 }, { kind: 'cash', cents: 1000 }],
    });
    expect(totalsDiff(sum, { ...sum, totalCents: 1111, byTender: [{ kind: 'cash', cents: 1110 }] })).toEqual(['total_cents', 'by_tender']);
  });
});

import { describe, expect, it } from 'vitest';
import { daysOf, periodDays, readPeriod, todayIn } from './period';

describe('a report period', () => {
  it('reads both ways of writing a day; one left out is the other, none is today', () => {
    expect(readPeriod({ from: '01/12/2026', to: '2026-12-31' }, '2026-12-06')).toEqual({ period: { from: '2026-12-01', to: '2026-12-31' } });
    expect(readPeriod({ to: '15/11/2026' }, '2026-12-06')).toEqual({ period: { from: '2026-11-15', to: '2026-11-15' } });
    expect(readPeriod({ from: '2026-12-01' }, '2026-12-06')).toEqual({ period: { from: '2026-12-01', to: '2026-12-06' } });
    expect(readPeriod({ from: ' ', to: null }, '2026-12-06')).toEqual({ period: { from: '2026-12-06', to: '2026-12-06' } });
  });

  it('refuses a day that is none, and a period backwards, saying which', () => {
    expect(readPeriod({ from: 'hier' }, '2026-12-06')).toEqual({ error: 'day.invalid', params: { text: 'hier' } });
    expect(readPeriod({ to: '30/02/2026' }, '2026-12-06')).toMatchObject({ error: 'day.noSuchDay' });
    expect(readPeriod({ from: '02/12/2026', to: '01/12/2026' }, '2026-12-06')).toEqual({ error: 'report.periodInvalid', params: { from: '02/12/2026', to: '01/12/2026' } });
  });

  it('counts its days, the change of clocks included', () => {
    expect(periodDays({ from: '2026-03-28', to: '2026-03-30' })).toBe(3);
    expect(daysOf({ from: '2026-10-24', to: '2026-10-26' })).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(daysOf({ from: '2028-02-28', to: '2028-03-01' })).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it("takes today in the shop's time zone, not the server's", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(todayIn('Europe/Paris', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayIn('UTC', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

import { describe, expect, it } from 'vitest';
import { formatSchedule, inSchedule, localTime, parseSchedule } from './schedule';

const PARIS = 'Europe/Paris';

describe('coupon schedules', () => {
  it('reads days and windows in French or English, and writes them back', () => {
    expect(parseSchedule('mar-jeu 14:00-16:00')).toEqual([{ days: [2, 3, 4], from: 840, to: 960 }]);
    expect(parseSchedule('tue-thu 14h-16h; sat')).toEqual([{ days: [2, 3, 4], from: 840, to: 960 }, { days: [6], from: 0, to: 0 }]);
    expect(parseSchedule('ven,sam 22h30-2h')).toEqual([{ days: [5, 6], from: 1350, to: 120 }]);
    expect(parseSchedule('sam-lun 9-24:00')).toEqual([{ days: [1, 6, 7], from: 540, to: 0 }]);
    expect(parseSchedule('')).toEqual([]);
    expect(parseSchedule('Mardi 14-16')).toEqual([{ days: [2], from: 840, to: 960 }]);
    for (const bad of ['marx 14-16', 'ma 14-16', 'mar 25:00-26:00', 'mar 14:00', 'mar 14:61-15:00', 'lun-xyz']) expect(parseSchedule(bad)).toBeNull();
    expect(formatSchedule(parseSchedule('mar-jeu 14:00-16:00; ven,sam 22:30-02:00; dim')!)).toBe('mar-jeu 14:00-16:00; ven,sam 22:30-02:00; dim');
    expect(formatSchedule(parseSchedule('lun-dim 8-12')!, 'en')).toBe('mon-sun 08:00-12:00');
  });

  it('a window inside one day: Tuesday to Thursday 14:00–16:00, Paris time', () => {
    const s = parseSchedule('mar-jeu 14:00-16:00')!;
    // Wednesday 25 November 2026: Paris is UTC+1 in winter.
    expect(inSchedule(s, new Date('2026-11-25T13:00:00Z'), PARIS)).toBe(true); // 14:00
    expect(inSchedule(s, new Date('2026-11-25T14:59:00Z'), PARIS)).toBe(true); // 15:59
    expect(inSchedule(s, new Date('2026-11-25T15:00:00Z'), PARIS)).toBe(false); // 16:00: the end is excluded
    expect(inSchedule(s, new Date('2026-11-25T12:59:00Z'), PARIS)).toBe(false); // 13:59
    expect(inSchedule(s, new Date('2026-11-23T13:30:00Z'), PARIS)).toBe(false); // Monday
    // Summer time: 14:30 in Paris is 12:30 UTC.
    expect(inSchedule(s, new Date('2026-07-01T12:30:00Z'), PARIS)).toBe(true);
    expect(inSchedule(s, new Date('2026-07-01T14:30:00Z'), PARIS)).toBe(false);
    expect(inSchedule([], new Date(), PARIS)).toBe(true);
  });

  it('a window across midnight belongs to the day it starts', () => {
    const s = parseSchedule('ven 22:00-02:00')!;
    expect(inSchedule(s, new Date('2026-11-27T21:00:00Z'), PARIS)).toBe(true); // Friday 22:00
    expect(inSchedule(s, new Date('2026-11-28T00:59:00Z'), PARIS)).toBe(true); // Saturday 01:59
    expect(inSchedule(s, new Date('2026-11-28T01:00:00Z'), PARIS)).toBe(false); // Saturday 02:00
    expect(inSchedule(s, new Date('2026-11-27T00:30:00Z'), PARIS)).toBe(false); // Friday 01:30: Thursday's night, not Friday's
    expect(inSchedule(s, new Date('2026-11-28T21:30:00Z'), PARIS)).toBe(false); // Saturday 22:30
    // Sunday night into Monday wraps the week.
    const sunday = parseSchedule('dim 23:00-01:00')!;
    expect(inSchedule(sunday, new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe(false); // Monday 23:30
    expect(inSchedule(sunday, new Date('2026-11-30T00:30:00Z'), 'UTC')).toBe(true); // Monday 00:30, Sunday's night
  });

  it('reads the shop\'s wall clock, not the machine\'s: one instant, three shops', () => {
    const instant = new Date('2026-11-27T23:30:00Z'); // Friday 23:30 UTC
    expect(localTime(instant, 'UTC')).toEqual({ day: '2026-11-27', weekday: 5, minutes: 1410 });
    expect(localTime(instant, PARIS)).toEqual({ day: '2026-11-28', weekday: 6, minutes: 30 });
    expect(localTime(instant, 'America/Martinique')).toEqual({ day: '2026-11-27', weekday: 5, minutes: 1170 });
    const saturdayMorning = parseSchedule('sam 00:00-12:00')!;
    expect(inSchedule(saturdayMorning, instant, PARIS)).toBe(true);
    expect(inSchedule(saturdayMorning, instant, 'America/Martinique')).toBe(false);
  });

  it('a whole day, and 24 hours from a time when start and end are the same', () => {
    const day = parseSchedule('mer')!;
    expect(inSchedule(day, new Date('2026-11-25T00:00:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(day, new Date('2026-11-25T23:59:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(day, new Date('2026-11-26T00:00:00Z'), 'UTC')).toBe(false);
    const noonToNoon = parseSchedule('mer 12:00-12:00')!;
    expect(inSchedule(noonToNoon, new Date('2026-11-26T11:59:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(noonToNoon, new Date('2026-11-26T12:00:00Z'), 'UTC')).toBe(false);
  });

  it('keeps to the wall clock across the changes of time (last Sundays of March and October, Paris)', () => {
    const tuesday = parseSchedule('mar 14:00-16:00')!;
    // 14:00–16:00 is 13:00–15:00 UTC in winter time, 12:00–14:00 UTC in summer time.
    const cases: [string, string, boolean][] = [
      ['Tue 24 March, winter, 14:00', '2026-03-24T13:00:00Z', true],
      ['Tue 24 March, winter, 16:00', '2026-03-24T15:00:00Z', false],
      ['Tue 31 March, summer since Sunday, 13:59', '2026-03-31T11:59:00Z', false],
      ['Tue 31 March, summer, 14:00', '2026-03-31T12:00:00Z', true],
      ['Tue 31 March, summer, 15:59', '2026-03-31T13:59:00Z', true],
      ['Tue 31 March, summer, 16:00 (still 15:00 by winter time)', '2026-03-31T14:00:00Z', false],
      ['Tue 20 October, summer, 14:00', '2026-10-20T12:00:00Z', true],
      ['Tue 20 October, summer, 16:00', '2026-10-20T14:00:00Z', false],
      ['Tue 27 October, winter since Sunday, 13:00 (14:00 by summer time)', '2026-10-27T12:00:00Z', false],
      ['Tue 27 October, winter, 14:00', '2026-10-27T13:00:00Z', true],
      ['Tue 27 October, winter, 15:59', '2026-10-27T14:59:00Z', true],
      ['Tue 27 October, winter, 16:00', '2026-10-27T15:00:00Z', false],
    ];
    for (const [what, at, open] of cases) expect([what, inSchedule(tuesday, new Date(at), PARIS)]).toEqual([what, open]);
    // A night window over the change itself: Saturday 22:00 to Sunday 04:00 lasts five hours in
    // March (02:00 is skipped) and seven in October (02:00–03:00 comes twice); its end stays at 04:00.
    const night = parseSchedule('sam 22:00-04:00')!;
    expect(inSchedule(night, new Date('2026-03-29T01:59:00Z'), PARIS)).toBe(true); // 03:59 summer time
    expect(inSchedule(night, new Date('2026-03-29T02:00:00Z'), PARIS)).toBe(false); // 04:00
    expect(inSchedule(night, new Date('2026-10-25T00:30:00Z'), PARIS)).toBe(true); // 02:30, the first time
    expect(inSchedule(night, new Date('2026-10-25T01:30:00Z'), PARIS)).toBe(true); // 02:30, the second time
    expect(inSchedule(night, new Date('2026-10-25T02:59:00Z'), PARIS)).toBe(true); // 03:59 winter time
    expect(inSchedule(night, new Date('2026-10-25T03:00:00Z'), PARIS)).toBe(false); // 04:00
  });
});

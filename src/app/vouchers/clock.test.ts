// The day a voucher is issued, and so the day it expires, is the shop's day by the till's clock:
// at 23:59 in Paris, just after midnight in Paris (still the day before in UTC), and on the
// nights the clocks change. The clock is fixed through the configuration; nothing waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../config/schema';
import { fixedClock } from '../../domain/clock';
import { useTestDatabase } from '../../testing/db';
import { testConfig } from '../../testing/tui';
import type { Operator } from '../session';
import { closeTill, openTill, type Till } from '../till';
import { expiryFor, issueVoucher } from './issue';

const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

describe('voucher expiry by the till’s clock (Europe/Paris)', () => {
  const testDb = useTestDatabase();
  let till: Till;
  beforeAll(async () => {
    till = await openTill(testConfig(testDb().url));
  });
  afterAll(async () => {
    await closeTill(till);
  });

  const at = (instant: string): Config => ({ ...till.config, timeZone: 'Europe/Paris', vouchers: { validityMonths: 12 }, clock: fixedClock(instant) });
  const issue = (config: Config, expiresOn?: string) =>
    issueVoucher(till.db, config, { origin: 'manual', amountCents: 500, terminal: till.terminal, operatorId: MANAGER.id, approver: MANAGER, expiresOn });

  it('a year from the shop’s day, to the end of that day in Paris, whatever the hour and the season', async () => {
    const cases: [string, string, string, string][] = [
      // [instant, what the Paris clock shows, last valid day, the instant it stops]
      ['2026-03-28T23:30:00Z', '29/03/2026 00:30, still the 28th in UTC', '2027-03-29', '2027-03-29T22:00:00.000Z'],
      ['2026-03-29T21:59:00Z', '29/03/2026 23:59, the day the clocks go forward', '2027-03-29', '2027-03-29T22:00:00.000Z'],
      ['2026-10-24T22:30:00Z', '25/10/2026 00:30, summer time', '2027-10-25', '2027-10-25T22:00:00.000Z'],
      ['2026-10-25T22:59:00Z', '25/10/2026 23:59, the day the clocks go back', '2027-10-25', '2027-10-25T22:00:00.000Z'],
      ['2026-12-31T22:59:00Z', '31/12/2026 23:59, winter time', '2027-12-31', '2027-12-31T23:00:00.000Z'],
    ];
    expect(cases).toHaveLength(5);
    for (const [instant, paris, day, end] of cases) {
      const v = await issue(at(instant));
      expect({ paris, expiresOn: v.expiresOn, expiresAt: new Date(v.expiresAt).toISOString() }).toEqual({ paris, expiresOn: day, expiresAt: end });
    }
  });

  it('a last day asked for is refused once it is over in Paris, not before', async () => {
    // The day is checked, not issued: the database keeps its own clock for what it stores.
    const lastDay = (config: Config, day: string) => expiryFor(till.db, config, day);
    // 23:59 in Paris on the day the clocks go forward: today may still be the last day, yesterday not.
    const lateSunday = at('2026-03-29T21:59:00Z');
    expect(await lastDay(lateSunday, '2026-03-29')).toEqual({ expiresOn: '2026-03-29', expiresAt: new Date('2026-03-29T22:00:00Z') });
    await expect(lastDay(lateSunday, '2026-03-28')).rejects.toMatchObject({ key: 'voucher.expiryPast', params: { date: '28/03/2026' } });
    // A minute later it is Monday in Paris (still Sunday in UTC): Sunday is over.
    await expect(lastDay(at('2026-03-29T22:00:30Z'), '2026-03-29')).rejects.toMatchObject({ key: 'voucher.expiryPast', params: { date: '29/03/2026' } });
    // The night the clocks go back has 25 hours: its last day ends at midnight winter time.
    expect(await lastDay(at('2026-10-25T22:59:00Z'), '2026-10-25')).toEqual({ expiresOn: '2026-10-25', expiresAt: new Date('2026-10-25T23:00:00Z') });
  });
});

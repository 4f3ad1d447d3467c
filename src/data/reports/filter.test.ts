// A report's days are the shop's (Europe/Paris), whatever the server's time zone: midnight there,
// on the days the clocks change too, as PostgreSQL reckons them.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { periodSql, type ReportFilter } from './filter';

describe('the instants a report period covers', () => {
  const testDb = useTestDatabase();
  const bounds = async (from: string, to: string, timeZone = 'Europe/Paris') => {
    const f: ReportFilter = { period: { from, to }, timeZone };
    const p = periodSql(f);
    // The session's own time zone (New York here) changes nothing.
    const rows = await testDb().db.transaction(async (trx) => {
      await trx.raw("SET LOCAL TIME ZONE 'America/New_York'");
      return (await trx.raw<{ rows: { from_at: Date; to_at: Date }[] }>(`SELECT ${p.sql}`, p.bindings)).rows;
    });
    return [rows[0]!.from_at.toISOString(), rows[0]!.to_at.toISOString()];
  };

  it('runs from midnight to midnight in Paris: 23:00 UTC in winter, 22:00 in summer', async () => {
    expect(await bounds('2026-12-06', '2026-12-06')).toEqual(['2026-12-05T23:00:00.000Z', '2026-12-06T23:00:00.000Z']);
    expect(await bounds('2026-07-01', '2026-07-31')).toEqual(['2026-06-30T22:00:00.000Z', '2026-07-31T22:00:00.000Z']);
    // The night the clocks go forward the day has 23 hours; back, 25.
    expect(await bounds('2026-03-29', '2026-03-29')).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(await bounds('2026-10-25', '2026-10-25')).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect(await bounds('2026-12-06', '2026-12-06', 'UTC')).toEqual(['2026-12-06T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
  });
});

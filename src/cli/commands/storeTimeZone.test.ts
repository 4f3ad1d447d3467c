// A store in another time zone than the configuration's (Europe/Paris) has its own days: a report
// of it and its tills' closings cut the days at its midnight, and the database then refuses a
// ticket of that closed day by the same zone. Instants are given (sellAt, --date, --from/--to):
// nothing here reads the real date.
import { describe, expect, it } from 'vitest';
import { sellAt } from '../../testing/sellAt';
import { useCli } from '../testCli';

describe('a store’s own time zone decides its days (pos report, pos close)', () => {
  const { db, pos } = useCli();

  it('Asia/Tokyo: 01:30 on the 21st in Tokyo is the 21st in its report and out of the 20th’s Z', async () => {
    await db().owner('stores').where('code', 'M01').update({ time_zone: 'Asia/Tokyo' });
    // 23:00 on the 20th in Tokyo (15:00 in Paris), and 01:30 on the 21st in Tokyo (17:30 on the 20th in Paris).
    const late = await sellAt(db().db, 'T01', '2026-11-20T14:00:00Z', [['CAVE-001', 1]], { tenders: [['card', null]] });
    const next = await sellAt(db().db, 'T01', '2026-11-20T16:30:00Z', [['CAVE-001', 2]], { tenders: [['card', null]] });

    for (const args of [['--json'], ['--json', '--terminal', 'T01']]) {
      for (const store of [[], ['--store', 'M01']]) {
        const r = await pos(...args, 'report', 'sales', '--from', '2026-11-21', '--to', '2026-11-21', ...store);
        expect(r).toMatchObject({ code: 0, stderr: '' });
        expect(JSON.parse(r.stdout)).toMatchObject({ time_zone: 'Asia/Tokyo', tickets: 1, total_cents: next.sale.totalCents });
      }
    }
    const day20 = JSON.parse((await pos('--json', 'report', 'sales', '--from', '2026-11-20', '--to', '2026-11-20')).stdout);
    expect(day20).toMatchObject({ tickets: 1, total_cents: late.sale.totalCents });

    const z = await pos('close', 'day', '--date', '2026-11-20', '--operator', '2', '--json');
    expect(z).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(z.stdout).closings[0]).toMatchObject({
      kind: 'day', first_day: '2026-11-20', time_zone: 'Asia/Tokyo', tickets: 1, total_cents: late.sale.totalCents,
      period_start: '2026-11-19T15:00:00.000Z', period_end: '2026-11-20T15:00:00.000Z',
    });
    // The database refuses a ticket of the closed day, named in the store's zone: 20:00 in Tokyo, 12:00 in Paris.
    await expect(sellAt(db().db, 'T01', '2026-11-20T11:00:00Z', [['CAVE-001', 1]], { tenders: [['card', null]] })).rejects.toMatchObject({ params: { day: expect.stringMatching(/20\/11\/2026|2026-11-20/) } });
    // The 21st (Tokyo) is still open: a ticket at 02:00 there goes in.
    await expect(sellAt(db().db, 'T01', '2026-11-20T17:00:00Z', [['CAVE-001', 1]], { tenders: [['card', null]] })).resolves.toBeTruthy();
  });
});

// `pos close` through bin/pos against real PostgreSQL: a past day's Z by a manager (text and
// JSON), refused twice and to a cashier, the X report, the public key, and `pos close verify`
// passing, then failing once a closing was edited behind the till's back.
import { describe, expect, it } from 'vitest';
import { sellAt } from '../../testing/sellAt';
import { useCli } from '../testCli';

describe('pos close', () => {
  const { db, pos } = useCli();

  it('closes a day, refuses it twice, shows X, exports the key and verifies the chain', async () => {
    const sale = await sellAt(db().db, 'T01', '2026-11-20T10:00:00+01:00', [['CAVE-001', 2]], { tenders: [['card', null]] });

    const cashier = await pos('close', 'day', '--date', '2026-11-20', '--operator', '1');
    expect(cashier.code).toBe(1);
    expect(cashier.stderr).not.toBe('');

    const z = await pos('close', 'day', '--date', '2026-11-20', '--operator', '2', '--json');
    expect(z).toMatchObject({ code: 0, stderr: '' });
    const [closing] = JSON.parse(z.stdout).closings;
    expect(closing).toMatchObject({ scope: 'terminal', kind: 'day', first_day: '2026-11-20', tickets: 1, total_cents: sale.sale.totalCents, perpetual_cents: sale.sale.totalCents, by_tender: [{ kind: 'card', cents: sale.sale.totalCents }] });

    const again = await pos('close', 'day', '--date', '20/11/2026', '--operator', '2');
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr.trim()).toBe('Période 20/11/2026 déjà clôturée');

    const month = await pos('close', 'month', '--date', '2026-11', '--store', '--operator', '2');
    expect(month.code).toBe(0);
    expect(month.stdout).toContain('CLÔTURE MENSUELLE');
    expect(month.stdout).toContain('GRAND TOTAL PERPÉTUEL');
    expect(month.stdout).toContain('Têtes des chaînes');

    const x = await pos('close', 'x', '--json');
    expect(x).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(x.stdout)).toMatchObject({ scope: 'terminal', kind: 'day' });

    const key = await pos('close', 'key', '--json');
    expect(JSON.parse(key.stdout).public_key).toContain('BEGIN PUBLIC KEY');

    expect(await pos('close', 'verify')).toMatchObject({ code: 0, stderr: '' });
    await db().owner.raw(`ALTER TABLE closings DISABLE TRIGGER closings_frozen;
      UPDATE closings SET perpetual_cents = perpetual_cents + 1 WHERE id = ${closing.id};
      ALTER TABLE closings ENABLE TRIGGER closings_frozen`);
    const broken = await pos('close', 'verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).breaks[0]).toMatchObject({ kind: 'changed', id: closing.id, fields: ['perpetual_cents'] });
  });
});

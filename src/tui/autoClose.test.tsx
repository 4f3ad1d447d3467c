// At the till, on a clock fixed to the morning of 21/11/2026: the day before was left open; the
// first sale closes it (its Z, automatic), the cashier is told on the message line, the heads
// file is written; the sale goes through. (Tickets of the day before are dated as sold then.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock';
import { useTestDatabase } from '../testing/db';
import { sellAt } from '../testing/sellAt';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';
import { until } from '../testing/until';

describe('the till closes a day left open', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('before its first sale of the next day, and says so', async () => {
    const { db, url } = testDb();
    await sellAt(db, 'T01', '2026-11-20T18:00:00+01:00', [['BOUL-001', 2]]);
    const config = { ...testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }), clock: fixedClock('2026-11-21T09:00:00+01:00') };
    const s = start(config);
    await s.signIn();
    await s.frame((f) => f.includes('TOTAL'));
    await s.type('BOUL-006\r');
    await s.frame((f) => f.includes('Croissant'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('\r');
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré') && f.includes('clôturée automatiquement'));
    expect(done.split('\n').map((l) => l.trim()).join(' ')).toContain('Journée du 20/11/2026 restée ouverte : clôturée automatiquement (Z) avant cette vente');
    const z = await db('closings').where({ kind: 'day', automatic: true }).first();
    expect({ tickets: z.tickets, total: Number(z.total_cents), automatic: z.automatic }).toEqual({ tickets: 1, total: 260, automatic: true });
    await until(() => existsSync(join(config.dataDir, 'closing-heads.json')), 'the heads file');
  });
});

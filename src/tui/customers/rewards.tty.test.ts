// The loyalty reward as the shop runs it: the bundle (bin/pos) in a real terminal. A circle of
// imports once left the bundle without the reward evaluator while every test from the sources
// passed; this test sees what the cashier sees.
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { startTill, type TmuxTill } from '../../testing/tmux';
import { needs } from '../../testing/tools';

describe.skipIf(!needs('tmux', 'the loyalty reward in a real terminal'))('a loyalty reward at the till, in the bundle', () => {
  const testDb = useTestDatabase();
  let dataDir = '';
  let till: TmuxTill | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-tty-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await till?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('Ctrl+F takes 10 € off for 200 points: the total, the ticket and the points agree', async () => {
    const { db, url } = testDb();
    const sophie = (await db('customers').where('code', 'FID-000001').first('id')) as { id: number };
    const pointsBefore = Number((await db('loyalty_balances').where('customer_id', sophie.id).first('points')).points);
    till = await startTill({ DATABASE_URL: url, POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt') });
    await till.waitFor((s) => s.includes('Ouverture de session') && s.includes('base OK'));
    await till.keys('1', 'Enter', '1234', 'Enter');
    await till.waitFor((s) => s.includes('TOTAL'));

    await till.keys('FID-000001', 'Enter');
    await till.waitFor((s) => s.includes('Lambert'));
    await till.keys('2*3760000000765', 'Enter');
    await till.waitFor((s) => /TOTAL\s+17,98 €/.test(s));
    await till.keys('C-f');
    const rewarded = await till.waitFor((s) => /TOTAL\s+7,98 €/.test(s));
    expect(rewarded).toContain('10 € offerts');
    expect(rewarded).not.toMatch(/inconnue|unknown/i);

    await till.keys('F12');
    await till.waitFor((s) => s.includes('Encaissement'));
    await till.keys('Enter');
    await till.waitFor((s) => /Reste à payer\s+0,00 €/.test(s));
    await till.keys('Enter');
    await till.waitFor((s) => s.includes('enregistré'));

    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale).toMatchObject({ customer_id: sophie.id, total_cents: 798 });
    const moves = await db('loyalty_movements').where({ customer_id: sophie.id, sale_id: sale.id, unit: 'points' }).orderBy('id');
    const spent = moves.filter((m) => Number(m.amount) < 0).reduce((s, m) => s + Number(m.amount), 0);
    const earned = moves.filter((m) => Number(m.amount) > 0).reduce((s, m) => s + Number(m.amount), 0);
    expect(spent).toBe(-200);
    // One point per whole euro paid (the demo's programme): 7,98 € earns 7.
    expect(earned).toBe(7);
    const after = Number((await db('loyalty_balances').where('customer_id', sophie.id).first('points')).points);
    expect(after).toBe(pointsBefore - 200 + 7);
    await till.keys('C-q');
  });
});

import { describe, expect, it } from 'vitest';
import { insertReward } from '../../data/loyalty';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const CTRL_F = '\x06';

describe('the reward picker at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('lists the rewards the customer has reached, Esc leaves it, ↓ Enter applies the one chosen and the sale pays for it in points', async () => {
    const { db, url } = testDb();
    // Sophie (demo card FID-000001) has 230 points: the demo's "10 € offerts" (200) and this one (50).
    const smallId = await insertReward(db, { name: '2 € offerts', unit: 'points', cost: 50, gift: { kind: 'amount', cents: 200 }, automatic: false });
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type('FID-000001\r');
    await s.frame((f) => f.includes('Lambert Sophie'));

    await s.type(CTRL_F);
    const picker = await s.frame((f) => f.includes('Cadeaux atteints par Lambert Sophie'));
    // The dearest first.
    expect(picker.indexOf('10 € offerts')).toBeLessThan(picker.indexOf('2 € offerts'));
    await s.type(KEYS.esc);
    await s.frame((f) => !f.includes('Cadeaux atteints') && /TOTAL\s+8,99 €/.test(f));

    await s.type(CTRL_F);
    await s.frame((f) => f.includes('Cadeaux atteints par Lambert Sophie'));
    await s.type(KEYS.down);
    await s.type('\r');
    await s.frame((f) => f.includes('Cadeau fidélité appliqué : 2 € offerts') && /TOTAL\s+6,99 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => /Reste à payer\s+6,99 €/.test(f));
    await s.type('\r');
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));

    const customer = await db('customers').where('code', 'FID-000001').first('id');
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale).toMatchObject({ customer_id: customer.id, total_cents: 699 });
    const moves = await db('loyalty_movements').where({ sale_id: sale.id, unit: 'points' }).orderBy('id').select('kind', 'amount', 'reward_id');
    expect(moves).toEqual([{ kind: 'spend', amount: -50, reward_id: smallId }, { kind: 'earn', amount: 6, reward_id: null }]);
    expect(await db('loyalty_balances').where('customer_id', customer.id).first('points')).toEqual({ points: 230 - 50 + 6 });
    s.ui.unmount();
  });
});

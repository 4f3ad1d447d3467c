import { afterEach, describe, expect, it } from 'vitest';
import { commitSale } from '../../app/commitSale';
import { createCustomer } from '../../app/customers/manage';
import { customerSale } from '../../app/customers/testSale';
import { rewardKey } from '../../app/loyalty/reward';
import { insertReward as insertRewardRow } from '../../data/loyalty';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const CTRL_F = '\x06';

describe('the reward picker at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  // The rewards a test makes are its own: put aside after it, so the pickers of the other tests
  // list the demo's rewards and theirs only, in whatever order the tests run.
  const made: number[] = [];
  const insertReward = async (...args: Parameters<typeof insertRewardRow>) => {
    const id = await insertRewardRow(...args);
    made.push(id);
    return id;
  };
  afterEach(async () => {
    if (made.length) await testDb().db('loyalty_rewards').whereIn('id', made.splice(0)).update({ active: false });
  });

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

  it('offers only the rewards reached, points and visits alike; one another till has just spent is refused with its message and the cashier picks another', async () => {
    const { db, url } = testDb();
    // Hugo (demo card FID-000002): 40 points, 9 visits. He reaches these two, not the demo's
    // "10 € offerts" (200 points) nor "Café offert" (10 visits) nor this 100-point one.
    const croissant = await db('items').where('sku', 'BOUL-006').first('id');
    const euroId = await insertReward(db, { name: '1 € offert', unit: 'points', cost: 30, gift: { kind: 'amount', cents: 100 }, automatic: false });
    const croissantId = await insertReward(db, { name: 'Croissant offert', unit: 'visits', cost: 5, gift: { kind: 'item', itemId: croissant.id }, automatic: false });
    await insertReward(db, { name: '5 € offerts', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    const hugo = await db('customers').where('code', 'FID-000002').first('id');
    expect(await db('loyalty_balances').where('customer_id', hugo.id).first('points', 'visits')).toEqual({ points: 40, visits: 9 });

    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type('FID-000002\r');
    await s.frame((f) => f.includes('Marchand Hugo'));
    await s.type(CTRL_F);
    const picker = await s.frame((f) => f.includes('Cadeaux atteints par Marchand Hugo'));
    expect(picker).toMatch(/1 € offert\s+30 points\s+1,00 € de remise/);
    expect(picker).toMatch(/Croissant offert\s+5 passages\s+Croissant offert/);
    expect(picker.indexOf('1 € offert')).toBeLessThan(picker.indexOf('Croissant offert'));
    for (const out of ['5 € offerts', '10 € offerts', 'Café offert']) expect(picker).not.toContain(out);

    // Meanwhile Hugo's card pays for "1 € offert" at the other till: 40 − 30 + 7 points for 7,99 €.
    const t02 = await terminal(db, 'T02');
    await commitSale(db, await customerSale(db, {
      terminal: t02, customer: 'FID-000002', lines: [['CAVE-001', 1]],
      then: async (b) => { const r = await rewardKey(db, b, euroId); if (!('actions' in r)) throw new Error('no reward'); return r.actions; },
    }));
    expect(await db('loyalty_balances').where('customer_id', hugo.id).first('points', 'visits')).toEqual({ points: 17, visits: 10 });
    const movesBefore = await db('loyalty_movements').where('customer_id', hugo.id).count<{ n: string }[]>({ n: '*' });

    // Here the picker still offers it (as it was when the card was scanned), but Enter reads the balance again.
    const bells = s.bells();
    await s.type('\r');
    const refused = await s.frame((f) => f.includes('Cadeau refusé : le client a 17 points, il en faut 30'));
    // Nothing is put on the ticket; the picker stays, for another choice.
    expect(refused).toContain('Cadeaux atteints par Marchand Hugo');
    expect(refused).not.toContain('Cadeau fidélité appliqué');
    expect(s.bells()).toBeGreaterThan(bells);

    // ↑ stays on the first; ↓ then Enter: the visits reward, its free croissant put on the ticket and given.
    await s.type(KEYS.up);
    await s.type(KEYS.up);
    await s.type(KEYS.down);
    await s.type('\r');
    const applied = await s.frame((f) => f.includes('Cadeau fidélité appliqué : Croissant offert') && /TOTAL\s+8,99 €/.test(f));
    expect(applied).toContain('Croissant');
    expect(applied).toMatch(/Croissant offert\s+-1,20 €/);
    await s.type(KEYS.f12);
    await s.frame((f) => /Reste à payer\s+8,99 €/.test(f));
    await s.type('\r');
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));

    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale).toMatchObject({ customer_id: hugo.id, total_cents: 899 });
    const moves = await db('loyalty_movements').where({ sale_id: sale.id }).orderBy('id').select('unit', 'kind', 'amount', 'balance_after', 'reward_id');
    expect(moves).toEqual([
      { unit: 'visits', kind: 'spend', amount: -5, balance_after: 5, reward_id: croissantId },
      { unit: 'points', kind: 'earn', amount: 8, balance_after: 25, reward_id: null },
      { unit: 'visits', kind: 'earn', amount: 1, balance_after: 6, reward_id: null },
    ]);
    const after = await db('loyalty_movements').where('customer_id', hugo.id).count<{ n: string }[]>({ n: '*' });
    expect(Number(after[0]!.n)).toBe(Number(movesBefore[0]!.n) + 3);
    expect(await db('loyalty_balances').where('customer_id', hugo.id).first('points', 'visits')).toEqual({ points: 25, visits: 6 });
    s.ui.unmount();
  });

  it('says how far a customer is from a reward they have not reached, and a reward spent elsewhere before the payment is refused at the commit, changing nothing', async () => {
    const { db, url } = testDb();
    await insertReward(db, { name: 'Bonbon offert', unit: 'visits', cost: 1, gift: { kind: 'amount', cents: 10 }, automatic: false });
    const sacId = await insertReward(db, { name: 'Sac offert', unit: 'points', cost: 55, gift: { kind: 'amount', cents: 300 }, automatic: false });
    await insertReward(db, { name: 'Stylo offert', unit: 'points', cost: 20, gift: { kind: 'amount', cents: 50 }, automatic: false });
    const zoe = await createCustomer(db, { firstName: 'Zoé', lastName: 'Petit', card: 'FID-0077' }, { terminalId: null, operatorId: 2 });
    // A ledger row moves the balance (the ledger's trigger).
    await db('loyalty_movements').insert({ customer_id: zoe.id, unit: 'points', kind: 'adjust', amount: 60, channel: 'backoffice' });

    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    // The Brasserie (demo card FID-000003) has no point and no visit: the key says what is missing, no picker.
    await s.type('FID-000003\r');
    await s.frame((f) => f.includes('Brasserie du Marché'));
    await s.type(CTRL_F);
    const missing = await s.frame((f) => f.includes('Pas encore de cadeau'));
    expect(missing).toContain('Pas encore de cadeau : il manque 1 passage pour « Bonbon offert »');
    expect(missing).not.toContain('Cadeaux atteints');

    // Zoé's card in its place (60 points): the picker, and Enter takes the first, the dearest.
    await s.type('FID-0077\r');
    await s.frame((f) => f.includes('Petit Zoé'));
    await s.type(CTRL_F);
    await s.frame((f) => f.includes('Cadeaux atteints par Petit Zoé'));
    await s.type('\r');
    await s.frame((f) => f.includes('Cadeau fidélité appliqué : Sac offert') && /TOTAL\s+5,99 €/.test(f));

    // The other till spends it first: 60 − 55 + 5 points.
    await commitSale(db, await customerSale(db, {
      terminal: await terminal(db, 'T02'), customer: 'FID-0077', lines: [['CAVE-001', 1]],
      then: async (b) => { const r = await rewardKey(db, b, sacId); if (!('actions' in r)) throw new Error('no reward'); return r.actions; },
    }));
    const salesBefore = await db('sales').count<{ n: string }[]>({ n: '*' });
    const movesBefore = await db('loyalty_movements').where('customer_id', zoe.id).orderBy('id').select('kind', 'amount');

    await s.type(KEYS.f12);
    await s.frame((f) => /Reste à payer\s+5,99 €/.test(f));
    await s.type('\r');
    await s.type('\r');
    const refused = await s.frame((f) => f.includes('Cadeau refusé : le client a 10 points, il en faut 55'));
    expect(refused).not.toContain('enregistré');
    expect(await db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(salesBefore);
    expect(await db('loyalty_movements').where('customer_id', zoe.id).orderBy('id').select('kind', 'amount')).toEqual(movesBefore);
    expect(await db('loyalty_balances').where('customer_id', zoe.id).first('points')).toEqual({ points: 10 });
    s.ui.unmount();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { defineCoupon } from '../../app/coupons/definitions';
import { EMPTY_FIELDS } from '../../app/coupons/definitionFields';
import { generateCodes } from '../../app/coupons/generate';
import { insertTerminal } from '../../data/stores';
import { useTestDatabase } from '../../testing/db';
import { seededRandom } from '../catalog';
import { sampleChain } from './sample';

describe('what the chain load samples', () => {
  const testDb = useTestDatabase();

  beforeAll(async () => {
    const { owner } = testDb();
    const store = (await owner('stores').where('code', 'M01').first('id')) as { id: number };
    // Two tills shaped as the generator names them, and one retired.
    for (const code of ['S001-T01', 'S001-T02', 'S001-T03']) await insertTerminal(owner, { code, name: code, storeId: store.id, devices: {} });
    await owner('terminals').where('code', 'S001-T03').update({ retired_at: owner.fn.now() });
    const today = new Date().toISOString().slice(0, 10);
    await defineCoupon(owner, { ...EMPTY_FIELDS, symbol: 'TOUT5', name: 'Tout −5 %', value: '5' });
    await generateCodes(owner, { symbol: 'TOUT5', count: 30, status: 'active' }, today);
    // Read by TABLESAMPLE only once the planner knows the tables' sizes.
    await owner.raw('ANALYZE items, customer_cards, vouchers, gift_cards');
  });

  it('takes the generated chain’s tills first, then the others, then adds its own', async () => {
    const { owner } = testDb();
    const pick = async (tills: number) => (await sampleChain(owner, { tills, seed: 1, rows: 10 }, seededRandom(1))).terminals.map((t) => t.code);
    expect(await pick(2)).toEqual(['S001-T01', 'S001-T02']);
    expect(await pick(4)).toEqual(['S001-T01', 'S001-T02', 'T01', 'T02']);
    expect(await pick(6)).toEqual(['S001-T01', 'S001-T02', 'T01', 'T02', 'B01', 'B02']);
    // Added once: the next run finds them among the others.
    expect(await pick(6)).toEqual(['S001-T01', 'S001-T02', 'B01', 'B02', 'T01', 'T02']);
  });

  it('draws the same rows from the same seed, a few pages of each table', async () => {
    const { owner } = testDb();
    const a = await sampleChain(owner, { tills: 1, seed: 7, rows: 5 }, seededRandom(7));
    const b = await sampleChain(owner, { tills: 1, seed: 7, rows: 5 }, seededRandom(7));
    expect(b).toEqual(a);
    expect(a.barcodes.length).toBeGreaterThan(0);
    expect(a.barcodes.length).toBeLessThanOrEqual(5);
    expect(a.cards.length).toBeGreaterThan(0);
  });

  it('offers only coupons any basket takes: not the demo’s (a minimum and a customer asked; wines only)', async () => {
    const { owner } = testDb();
    const { coupons } = await sampleChain(owner, { tills: 1, seed: 3, rows: 10 }, seededRandom(3));
    expect(coupons.length).toBeGreaterThan(0);
    expect(coupons.every((c) => c.startsWith('TOUT5'))).toBe(true);
  });
});

import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { Refusal } from '../errors';
import { costFromText, itemPointsFromText, programFromText, rewardFromText, type RewardText } from './formInput';
import { findItemsForPoints, itemsWithPoints, setItemPoints } from './itemPoints';
import { addReward, changeProgram } from './program';
import { changeRewardCost, turnReward } from './rewardChanges';
import { loyaltySettings } from './settings';

/** The refusal's message key, or null when it went through. */
async function refusal(work: () => unknown): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (e) {
    if (e instanceof Refusal) return e.key;
    throw e;
  }
}

const snapshot = async (db: Knex) => ({
  settings: await db('loyalty_settings').first('points_per_euro', 'count_visits', 'points_expire_months', 'card_prefix'),
  rewards: await db('loyalty_rewards').orderBy('id').select('id', 'cost', 'active'),
  items: await db('items').where('loyalty_points', '>', 0).orderBy('id').select('sku', 'loyalty_points'),
});

const reward = (over: Partial<RewardText>): RewardText => ({ name: 'Test', unit: 'points', cost: '50', gift: 'amount', value: '2', automatic: false, ...over });

describe('the loyalty program as the back office sets it, against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('refuses each bad value of the program with the use case’s message, and changes nothing', async () => {
    const { db } = testDb();
    const before = await snapshot(db);
    const program = { pointsPerEuro: '1', countVisits: true, expiry: '', cardPrefix: 'FID' };
    const cases: [Partial<typeof program>, string][] = [
      [{ pointsPerEuro: 'deux' }, 'loyalty.pointsPerEuroInvalid'],
      [{ pointsPerEuro: '1,5' }, 'loyalty.pointsPerEuroInvalid'],
      [{ pointsPerEuro: '-1' }, 'loyalty.pointsPerEuroInvalid'],
      [{ pointsPerEuro: '1001' }, 'loyalty.pointsPerEuroInvalid'],
      [{ expiry: '0' }, 'loyalty.expiryInvalid'],
      [{ expiry: '121' }, 'loyalty.expiryInvalid'],
      [{ expiry: 'un an' }, 'loyalty.expiryInvalid'],
      [{ cardPrefix: 'FI D' }, 'loyalty.prefixInvalid'],
      [{ cardPrefix: 'CARTESCLIENTS' }, 'loyalty.prefixInvalid'],
    ];
    for (const [change, key] of cases) expect(await refusal(() => changeProgram(db, programFromText({ ...program, ...change }))), JSON.stringify(change)).toBe(key);
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads an empty expiry or prefix (or "jamais", "aucun") as none, and the rest as typed', () => {
    expect(programFromText({ pointsPerEuro: ' 3 ', countVisits: false, expiry: '', cardPrefix: '' })).toEqual({ pointsPerEuro: 3, countVisits: false, expireMonths: null, cardPrefix: null });
    expect(programFromText({ pointsPerEuro: '0', countVisits: true, expiry: 'jamais', cardPrefix: 'aucun' })).toEqual({ pointsPerEuro: 0, countVisits: true, expireMonths: null, cardPrefix: null });
    expect(programFromText({ pointsPerEuro: '1', countVisits: true, expiry: '12', cardPrefix: 'fid' })).toMatchObject({ expireMonths: 12, cardPrefix: 'fid' });
  });

  it('refuses each bad value of a new reward, and adds none', async () => {
    const { db } = testDb();
    const before = await snapshot(db);
    const cases: [Partial<RewardText>, string][] = [
      [{ name: '  ' }, 'loyalty.rewardNameInvalid'],
      [{ name: 'x'.repeat(41) }, 'loyalty.rewardNameInvalid'],
      [{ cost: '0' }, 'loyalty.costInvalid'],
      [{ cost: 'cent' }, 'loyalty.costInvalid'],
      [{ cost: '1000001' }, 'loyalty.costInvalid'],
      [{ value: '' }, 'loyalty.giftInvalid'],
      [{ value: '12,345' }, 'amount.invalid'],
      [{ value: '-2' }, 'amount.invalid'],
      [{ value: '0' }, 'amount.invalid'],
      [{ gift: 'percent', value: '150' }, 'cli.percentInvalid'],
      [{ gift: 'percent', value: '0' }, 'cli.percentInvalid'],
      [{ gift: 'item', value: '' }, 'loyalty.giftItemMissing'],
      [{ gift: 'item', value: 'NOPE-404' }, 'item.unknownCode'],
    ];
    for (const [change, key] of cases) expect(await refusal(async () => addReward(db, rewardFromText(reward(change)))), JSON.stringify(change)).toBe(key);
    expect(await snapshot(db)).toEqual(before);
  });

  it('adds a reward, changes its threshold, takes it out and puts it back; an unknown one is refused by number', async () => {
    const { db } = testDb();
    const made = await addReward(db, rewardFromText(reward({ name: 'Croissant offert', unit: 'visits', cost: '5', gift: 'item', value: '3760000000062', automatic: true })));
    expect(made).toMatchObject({ name: 'Croissant offert', unit: 'visits', cost: 5, automatic: true, gift: { kind: 'item', itemName: 'Croissant' } });
    expect(await changeRewardCost(db, made.id, costFromText('8'))).toMatchObject({ id: made.id, cost: 8, active: true });
    expect(await refusal(() => changeRewardCost(db, made.id, costFromText('0')))).toBe('loyalty.costInvalid');
    expect(await turnReward(db, made.id, false)).toMatchObject({ id: made.id, active: false });
    expect((await loyaltySettings(db)).rewards.find((r) => r.id === made.id)).toMatchObject({ active: false, cost: 8 });
    expect(await turnReward(db, made.id, true)).toMatchObject({ active: true });
    expect(await refusal(() => turnReward(db, 999_999, false))).toBe('loyalty.rewardUnknown');
    expect(await refusal(() => changeRewardCost(db, 999_999, 10))).toBe('loyalty.rewardUnknown');
  });

  it('finds an item by barcode, SKU or name with its points, sets them, and lists the items that earn some', async () => {
    const { db } = testDb();
    expect(await findItemsForPoints(db, '3760000000017')).toEqual([expect.objectContaining({ sku: 'BOUL-001', name: 'Baguette tradition' })]);
    expect(await findItemsForPoints(db, 'boul-001')).toEqual([expect.objectContaining({ sku: 'BOUL-001' })]);
    expect((await findItemsForPoints(db, 'baguette')).map((i) => i.sku).sort()).toEqual(['BOUL-001', 'BOUL-002']);
    expect(await refusal(() => findItemsForPoints(db, '3760000000018'))).toBe('item.badCheckDigit');
    expect(await refusal(() => findItemsForPoints(db, '123'))).toBe('item.unknownCode');
    expect(await refusal(() => findItemsForPoints(db, 'b'))).toBe('item.searchTooShort');
    expect(await refusal(() => findItemsForPoints(db, 'zzzz'))).toBe('item.noMatch');

    const before = await snapshot(db);
    for (const text of ['-1', '2,5', 'dix', '100001', '']) expect(await refusal(() => setItemPoints(db, 'BOUL-002', itemPointsFromText(text))), text).toBe('loyalty.itemPointsInvalid');
    expect(await refusal(() => setItemPoints(db, 'NOPE-404', 3))).toBe('item.unknownCode');
    expect(await snapshot(db)).toEqual(before);

    await setItemPoints(db, 'BOUL-002', itemPointsFromText('7'));
    expect(await findItemsForPoints(db, 'BOUL-002')).toEqual([expect.objectContaining({ sku: 'BOUL-002', points: 7 })]);
    const earning = await itemsWithPoints(db);
    expect(earning.rows).toContainEqual(expect.objectContaining({ sku: 'BOUL-002', name: 'Baguette classique', points: 7 }));
    expect(earning.total).toBe(earning.rows.length);
    await setItemPoints(db, 'BOUL-002', 0);
    expect((await itemsWithPoints(db)).rows.map((i) => i.sku)).not.toContain('BOUL-002');
  });
});

import { describe, expect, it } from 'vitest';
import { commitSale } from '../app/commitSale';
import { addCustomer } from '../app/coupons/testFixtures';
import { useTestDatabase } from '../testing/db';
import { ledgerMismatches } from '../testing/ledgers';
import { saleRequest, terminal } from '../testing/fixtures';
import {
  insertLoyaltyMovements, insertReward, itemsEarningPoints, listRewards, lockLoyaltyBalance, loyaltyMovements, loyaltyProgram,
  rewardsById, setItemLoyaltyPoints, setLoyaltyProgram, setRewardActive, setRewardCost,
} from './loyalty';

// The loyalty program's settings, rewards, item points and points ledger, each written and read
// back against PostgreSQL (the back office and `pos loyalty` reach them; this reads them in process).
describe('loyalty data', () => {
  const testDb = useTestDatabase();

  it('changes each setting of the program on its own, keeping the others', async () => {
    const { db } = testDb();
    const before = await loyaltyProgram(db);
    const steps = [
      { pointsPerEuro: before.pointsPerEuro + 3 },
      { countVisits: !before.countVisits },
      { expireMonths: 18 },
      { cardPrefix: 'FIDX' },
      { expireMonths: null },
    ];
    let expected = before;
    for (const change of steps) {
      expected = { ...expected, ...change };
      expect(await setLoyaltyProgram(db, change)).toEqual(expected);
      expect(await loyaltyProgram(db)).toEqual(expected);
    }
    expect(await setLoyaltyProgram(db, {})).toEqual(expected);
  });

  it('keeps rewards of each kind, their cost, and whether they are offered', async () => {
    const { db } = testDb();
    const wine = await db('items').where('sku', 'CAVE-001').first('id', 'name');
    const amount = await insertReward(db, { name: 'Cinq euros', unit: 'points', cost: 501, gift: { kind: 'amount', cents: 500 }, automatic: false });
    const percent = await insertReward(db, { name: 'Dix pour cent', unit: 'points', cost: 502, gift: { kind: 'percent', bp: 1000 }, automatic: true });
    const item = await insertReward(db, { name: 'Bouteille offerte', unit: 'visits', cost: 10, gift: { kind: 'item', itemId: wine.id }, automatic: false });
    const rows = await db('loyalty_rewards').whereIn('id', [amount, percent, item]).orderBy('id').select('kind', 'amount_cents', 'percent_bp', 'item_id');
    expect(rows).toEqual([
      { kind: 'amount', amount_cents: 500, percent_bp: null, item_id: null },
      { kind: 'percent', amount_cents: null, percent_bp: 1000, item_id: null },
      { kind: 'item', amount_cents: null, percent_bp: null, item_id: wine.id },
    ]);
    const byId = await rewardsById(db, [item, percent, amount]);
    expect(byId.sort((a, b) => a.id - b.id)).toEqual([
      { id: amount, name: 'Cinq euros', unit: 'points', cost: 501, gift: { kind: 'amount', cents: 500 }, automatic: false, active: true },
      { id: percent, name: 'Dix pour cent', unit: 'points', cost: 502, gift: { kind: 'percent', bp: 1000 }, automatic: true, active: true },
      { id: item, name: 'Bouteille offerte', unit: 'visits', cost: 10, gift: { kind: 'item', itemId: wine.id, itemName: wine.name }, automatic: false, active: true },
    ]);
    expect(await rewardsById(db, [])).toEqual([]);

    expect(await setRewardActive(db, percent, false)).toBe(true);
    expect(await setRewardActive(db, 999_999, false)).toBe(false);
    expect(await setRewardCost(db, amount, 450)).toBe(true);
    expect(await setRewardCost(db, 999_999, 450)).toBe(false);
    const all = await listRewards(db, { activeOnly: false });
    expect(all.find((r) => r.id === percent)).toMatchObject({ active: false });
    expect(all.find((r) => r.id === amount)).toMatchObject({ cost: 450, active: true });
    const offered = await listRewards(db, { activeOnly: true });
    expect(offered.map((r) => r.id)).toContain(amount);
    expect(offered.map((r) => r.id)).not.toContain(percent);
    expect(offered.every((r) => r.active)).toBe(true);
  });

  it('sets the points an item earns, by its code in any case, and lists the items that earn some', async () => {
    const { db } = testDb();
    const before = await itemsEarningPoints(db, 1000);
    expect(await setItemLoyaltyPoints(db, 'cave-002', 7)).toBe(true);
    expect(await setItemLoyaltyPoints(db, 'CAVE-001', 5)).toBe(true);
    expect(await setItemLoyaltyPoints(db, 'NOPE-404', 5)).toBe(false);
    const items = await db('items').whereIn('sku', ['CAVE-001', 'CAVE-002']).orderBy('sku').select('id', 'sku', 'barcode', 'name', 'loyalty_points');
    expect(items.map((i) => i.loyalty_points)).toEqual([5, 7]);
    const after = await itemsEarningPoints(db, 1000);
    expect(after.total).toBe(before.total + 2);
    expect(after.rows).toHaveLength(after.total);
    for (const i of items) expect(after.rows).toContainEqual({ id: i.id, sku: i.sku, barcode: i.barcode, name: i.name, points: i.loyalty_points });
    // By name: Bordeaux before Côtes du Rhône, though its points and its code come first.
    const at = (sku: string) => after.rows.findIndex((r) => r.sku === sku);
    expect(at('CAVE-001')).toBeLessThan(at('CAVE-002'));
    const one = await itemsEarningPoints(db, 1);
    expect(one).toEqual({ rows: [after.rows[0]], total: after.total });
    expect(await setItemLoyaltyPoints(db, 'CAVE-001', 0)).toBe(true);
    expect(await setItemLoyaltyPoints(db, 'CAVE-002', 0)).toBe(true);
    expect((await itemsEarningPoints(db, 1000)).total).toBe(before.total);
  });

  it('writes each movement with where, who, when and why, and lists them newest first', async () => {
    const { db } = testDb();
    const t01 = await terminal(db, 'T01');
    const sale = (await commitSale(db, await saleRequest(db, { terminal: t01, lines: [['CAVE-001', 1]] }), { receipt: false })).sale;
    const customerId = await addCustomer(db, 'LOY-1');
    await lockLoyaltyBalance(db, customerId);
    await insertLoyaltyMovements(db, [
      { customerId, unit: 'points', kind: 'earn', amount: 40, balanceAfter: 40, saleId: sale.id, storeId: t01.storeId, terminalId: t01.id, operatorId: 2, channel: 'web', expireMonths: 6, at: '2026-04-15T10:00:00Z' },
      { customerId, unit: 'points', kind: 'adjust', amount: -5, balanceAfter: 35, note: 'geste commercial' },
    ]);
    const rows = await db('loyalty_movements').where('customer_id', customerId).orderBy('id');
    expect(rows.map((r) => [r.sale_id, r.store_id, r.terminal_id, r.operator_id, r.channel, r.note])).toEqual([
      [sale.id, t01.storeId, t01.id, 2, 'web', null],
      [null, null, null, null, 'store', 'geste commercial'],
    ]);
    // Earned at the time it was sold, and expiring from then (April to October: no change of
    // summer time between, whatever the session's time zone).
    expect(new Date(rows[0].created_at).toISOString()).toBe('2026-04-15T10:00:00.000Z');
    expect(new Date(rows[0].expires_at).toISOString()).toBe('2026-10-15T10:00:00.000Z');
    expect(rows[1].expires_at).toBeNull();

    const listed = await loyaltyMovements(db, customerId, 10);
    expect(listed.map((m) => [m.kind, m.amount, m.balanceAfter, m.ticket, m.note])).toEqual([
      ['adjust', -5, 35, null, 'geste commercial'],
      ['earn', 40, 40, `T01-${String(sale.ticketNo).padStart(6, '0')}`, null],
    ]);
    expect((await loyaltyMovements(db, customerId, 1)).map((m) => m.kind)).toEqual(['adjust']);
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

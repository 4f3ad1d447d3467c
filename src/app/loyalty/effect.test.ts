import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { insertReward } from '../../data/loyalty';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { createCustomer } from '../customers/manage';
import { customerSale } from '../customers/testSale';
import type { SaleNote } from '../saleEffects';
import { testConfig } from '../../testing/tui';
import { giftCardItem } from '../giftcards/sell';
import { rewardKey } from './reward';

const BAGUETTE = '3760000000017'; // 1,30 €
const BORDEAUX = 'CAVE-001'; // 8,99 €
const who = { terminalId: null, operatorId: 1 };

// The loyalty effect of commitSale (loyalty/effect.ts), on what loyalty.test.ts leaves unsaid:
// a reward paid at exactly its cost, one withdrawn or unaffordable in visits since it was put on,
// one on the ticket that gave nothing; a sale earning no points or counting no visit; a return
// with no points left; thresholds reached exactly, before, or by a reward no longer offered.
describe('loyalty effect at commit against PostgreSQL', () => {
  const testDb = useTestDatabase();
  afterEach(async () => {
    const { db } = testDb();
    await db('loyalty_rewards').update({ active: false });
    await db('loyalty_settings').update({ points_per_euro: 1, count_visits: true, points_expire_months: null });
  });

  async function newCustomer(db: Knex, card: string) {
    return createCustomer(db, { lastName: 'Durand', firstName: card, card }, who);
  }
  /** Points or visits given by hand, as ledger rows (which move the balance). */
  async function give(db: Knex, customerId: number, unit: 'points' | 'visits', amount: number, expiredDaysAgo?: number) {
    await db('loyalty_movements').insert({
      customer_id: customerId, unit, kind: expiredDaysAgo ? 'earn' : 'adjust', amount, channel: 'backoffice',
      expires_at: expiredDaysAgo ? db.raw(`now() - interval '${expiredDaysAgo} days'`) : null,
    });
  }
  async function balance(db: Knex, customerId: number) {
    const b = (await db('loyalty_balances').where('customer_id', customerId).first()) ?? { points: 0, visits: 0 };
    return { points: b.points as number, visits: b.visits as number };
  }
  const movesOf = (db: Knex, saleId: number) => db('loyalty_movements').where('sale_id', saleId).orderBy('id').select('unit', 'kind', 'amount', 'balance_after', 'reward_id');
  const loyaltyNotes = (notes: SaleNote[]) => notes.filter((n) => n.key.startsWith('loyalty.'));
  const withReward = (db: Knex, rewardId?: number) => async (basket: Parameters<typeof rewardKey>[1]) => {
    const r = await rewardKey(db, basket, rewardId);
    if (!('actions' in r)) throw new Error('expected the reward to apply');
    return r.actions;
  };

  it('pays a reward the customer has exactly the points for, and not one on the ticket that gave nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X1');
    const id = await insertReward(db, { name: '5 € pile', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    await give(db, c.id, 'points', 100);
    const { sale, notes } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X1', lines: [[BORDEAUX, 1]], then: withReward(db) }));
    expect(sale.totalCents).toBe(399);
    expect(loyaltyNotes(notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X1', earned: '+3', points: 3, visits: 1 } }]);
    expect(await movesOf(db, sale.id)).toEqual([
      { unit: 'points', kind: 'spend', amount: -100, balance_after: 0, reward_id: id },
      { unit: 'points', kind: 'earn', amount: 3, balance_after: 3, reward_id: null },
      { unit: 'visits', kind: 'earn', amount: 1, balance_after: 1, reward_id: null },
    ]);

    // A 20 € gift on a 1,30 € ticket waits on the basket, giving nothing: nothing is paid for it.
    const big = await insertReward(db, { name: '20 € offerts', unit: 'points', cost: 2, gift: { kind: 'amount', cents: 2000 }, automatic: false });
    const req = await customerSale(db, { terminal: t01, customer: 'FID-X1', lines: [[BAGUETTE, 1]], then: withReward(db, big) });
    expect(req.basket.rules.map((r) => r.kind)).toEqual(['reward']);
    expect(req.basket.adjustments).toEqual([]);
    const small = await commitSale(db, req);
    expect((await movesOf(db, small.sale.id)).map((m) => m.kind)).toEqual(['earn', 'earn']);
    expect(await balance(db, c.id)).toEqual({ points: 4, visits: 2 });
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('pays a reward beside the customer’s own discount, in visits too, and even when the program earns nothing; not one that gave nothing beside the discount', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { lastName: 'Remise', firstName: 'Paul', card: 'FID-X8', discountBp: 1000 }, who);
    await give(db, c.id, 'points', 200);
    await give(db, c.id, 'visits', 10);
    const points = await insertReward(db, { name: 'Cinq euros', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    // 2 × 8,99 = 17,98, less 10 % (1,80), less 5 €: 11,18.
    const req = await customerSale(db, { terminal: t01, customer: 'FID-X8', lines: [[BORDEAUX, 2]], then: withReward(db, points) });
    expect(req.basket.adjustments.map((a) => a.kind).sort()).toEqual(['customerDiscount', 'reward']);
    const paid = await commitSale(db, req);
    expect(paid.sale.totalCents).toBe(11_18);
    expect((await movesOf(db, paid.sale.id)).map((m) => [m.unit, m.kind, m.amount])).toEqual([['points', 'spend', -100], ['points', 'earn', 11], ['visits', 'earn', 1]]);
    expect(loyaltyNotes(paid.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Remise Paul', earned: '+11', points: 111, visits: 11 } }]);

    // Paid in visits: 11 − 10, and this one counted.
    const visits = await insertReward(db, { name: 'Dix passages', unit: 'visits', cost: 10, gift: { kind: 'amount', cents: 200 }, automatic: false });
    const inVisits = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X8', lines: [[BORDEAUX, 2]], then: withReward(db, visits) }));
    expect((await movesOf(db, inVisits.sale.id)).map((m) => [m.unit, m.kind, m.amount])).toEqual([['visits', 'spend', -10], ['points', 'earn', 14], ['visits', 'earn', 1]]);
    expect(loyaltyNotes(inVisits.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Remise Paul', earned: '+14', points: 125, visits: 2 } }]);

    // A 20 € gift on a baguette gives nothing beside the discount: not paid.
    const big = await insertReward(db, { name: 'Vingt euros', unit: 'points', cost: 2, gift: { kind: 'amount', cents: 2000 }, automatic: false });
    const small = await customerSale(db, { terminal: t01, customer: 'FID-X8', lines: [[BAGUETTE, 1]], then: withReward(db, big) });
    expect(small.basket.adjustments.map((a) => a.kind)).toEqual(['customerDiscount']);
    expect((await movesOf(db, (await commitSale(db, small)).sale.id)).map((m) => m.kind)).toEqual(['earn', 'earn']);

    // A program that earns nothing still takes what a reward costs.
    await db('loyalty_settings').update({ points_per_euro: 0, count_visits: false });
    const quiet = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X8', lines: [[BORDEAUX, 1]], then: withReward(db, points) }));
    expect((await movesOf(db, quiet.sale.id)).map((m) => [m.unit, m.kind, m.amount])).toEqual([['points', 'spend', -100]]);
    expect(loyaltyNotes(quiet.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Remise Paul', earned: '0', points: 26, visits: 3 } }]);
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('refuses a reward withdrawn since it was put on, and one paid in visits another till spent, writing nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X2');
    await give(db, c.id, 'points', 150);
    await give(db, c.id, 'visits', 10);
    const gone = await insertReward(db, { name: 'Bouteille offerte', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 300 }, automatic: false });
    const withdrawn = await customerSale(db, { terminal: t01, customer: 'FID-X2', lines: [[BORDEAUX, 1]], then: withReward(db, gone) });
    await db('loyalty_rewards').where('id', gone).update({ active: false });
    await expect(commitSale(db, withdrawn)).rejects.toMatchObject({ key: 'loyalty.rewardGone', params: { name: 'Bouteille offerte' } });

    const visits = await insertReward(db, { name: 'Café des habitués', unit: 'visits', cost: 10, gift: { kind: 'amount', cents: 150 }, automatic: false });
    const req = await customerSale(db, { terminal: t01, customer: 'FID-X2', lines: [[BORDEAUX, 1]], then: withReward(db, visits) });
    expect(req.basket.adjustments).toMatchObject([{ kind: 'reward', cents: 150 }]);
    // Another till used four of the visits meanwhile.
    await db('loyalty_movements').insert({ customer_id: c.id, unit: 'visits', kind: 'spend', amount: -4, reward_id: visits, channel: 'backoffice' });
    await expect(commitSale(db, req)).rejects.toMatchObject({ key: 'loyalty.cannotAffordVisits', params: { balance: 6, cost: 10 } });
    expect(await db('sales').where('customer_id', c.id)).toEqual([]);
    expect(await balance(db, c.id)).toEqual({ points: 150, visits: 6 });
  });

  it('writes only what moves: a visit without points, points without a visit, and nothing at all (no note) when the program gives nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X3');
    await db('loyalty_settings').update({ points_per_euro: 1, count_visits: false });
    const pointsOnly = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X3', lines: [[BORDEAUX, 1]] }));
    expect(await movesOf(db, pointsOnly.sale.id)).toEqual([{ unit: 'points', kind: 'earn', amount: 8, balance_after: 8, reward_id: null }]);
    expect(loyaltyNotes(pointsOnly.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X3', earned: '+8', points: 8, visits: 0 } }]);

    // Earning nothing with points held: nothing is taken back either.
    await db('loyalty_settings').update({ points_per_euro: 0, count_visits: true });
    const visitOnly = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X3', lines: [[BORDEAUX, 1]] }));
    expect(await movesOf(db, visitOnly.sale.id)).toEqual([{ unit: 'visits', kind: 'earn', amount: 1, balance_after: 1, reward_id: null }]);
    expect(loyaltyNotes(visitOnly.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X3', earned: '0', points: 8, visits: 1 } }]);

    await db('loyalty_settings').update({ points_per_euro: 0, count_visits: false });
    const nothing = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X3', lines: [[BORDEAUX, 1]] }));
    expect(await movesOf(db, nothing.sale.id)).toEqual([]);
    expect(loyaltyNotes(nothing.notes)).toEqual([]);
    expect(await balance(db, c.id)).toEqual({ points: 8, visits: 1 });
  });

  it('takes back for a return what the customer still has, then nothing once they have no points left, saying what the return earned', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X4');
    await give(db, c.id, 'points', 5);
    const first = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X4', lines: [[BORDEAUX, -1]] }));
    expect(await movesOf(db, first.sale.id)).toEqual([{ unit: 'points', kind: 'return', amount: -5, balance_after: 0, reward_id: null }]);
    expect(loyaltyNotes(first.notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X4', earned: '-8', points: 0, visits: 0 } }]);
    const { sale, notes } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X4', lines: [[BORDEAUX, -1]] }));
    expect(await movesOf(db, sale.id)).toEqual([]);
    expect(loyaltyNotes(notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X4', earned: '-8', points: 0, visits: 0 } }]);
    expect(await balance(db, c.id)).toEqual({ points: 0, visits: 0 });
  });

  it('says a threshold is reached when the sale lands on it exactly, not when it was reached before, nor for a reward no longer offered', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X5');
    await insertReward(db, { name: 'Cent points', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    await insertReward(db, { name: 'Cinq passages', unit: 'visits', cost: 5, gift: { kind: 'amount', cents: 200 }, automatic: false });
    const old = await insertReward(db, { name: 'Retiré', unit: 'points', cost: 105, gift: { kind: 'amount', cents: 700 }, automatic: false });
    await db('loyalty_rewards').where('id', old).update({ active: false });
    await give(db, c.id, 'points', 92);
    await give(db, c.id, 'visits', 4);
    // 92 + 8 = 100 points, 4 + 1 = 5 visits: both reached exactly.
    const first = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X5', lines: [[BORDEAUX, 1]] }));
    expect(loyaltyNotes(first.notes).filter((n) => n.key === 'loyalty.reachedNow').map((n) => n.params!.reward).sort()).toEqual(['Cent points', 'Cinq passages']);
    // Already there before this one (and 108 passes the withdrawn reward's 105): nothing to say.
    const second = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X5', lines: [[BORDEAUX, 1]] }));
    expect(loyaltyNotes(second.notes).map((n) => n.key)).toEqual(['loyalty.afterSale']);
    expect(await balance(db, c.id)).toEqual({ points: 108, visits: 6 });
  });

  it('writes off points past their date before the sale’s own, and says the balance left', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await db('loyalty_settings').update({ points_expire_months: 12 });
    const c = await newCustomer(db, 'FID-X7');
    await give(db, c.id, 'points', 20);
    await give(db, c.id, 'points', 30, 5);
    const { sale, notes } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X7', lines: [[BORDEAUX, 1]] }));
    expect((await movesOf(db, sale.id)).map((m) => [m.kind, m.amount, m.balance_after])).toEqual([['expire', -30, 20], ['earn', 8, 28], ['earn', 1, 1]]);
    expect(loyaltyNotes(notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X7', earned: '+8', points: 28, visits: 1 } }]);
  });

  it('earns nothing on a gift card sold on the ticket: only the goods earn', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await newCustomer(db, 'FID-X9');
    const card = async (basket: Parameters<typeof rewardKey>[1]) => [{ type: 'add' as const, item: await giftCardItem(db, testConfig('postgres://unused'), { valueCents: 100_00, code: null }, basket), qty: 1, merge: false }];
    const { sale, notes } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X9', lines: [[BORDEAUX, 1]], then: card }));
    expect(sale.totalCents).toBe(108_99);
    expect((await movesOf(db, sale.id)).map((m) => [m.unit, m.kind, m.amount])).toEqual([['points', 'earn', 8], ['visits', 'earn', 1]]);
    expect(loyaltyNotes(notes)).toEqual([{ key: 'loyalty.afterSale', params: { name: 'Durand FID-X9', earned: '+8', points: 8, visits: 1 } }]);
  });

  it('leaves dated points alone while the program has no expiry', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-X6');
    // Earned while points expired; the shop has since stopped expiring them.
    await give(db, c.id, 'points', 30, 5);
    const { sale } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-X6', lines: [[BORDEAUX, 1]] }));
    expect((await movesOf(db, sale.id)).map((m) => [m.kind, m.amount])).toEqual([['earn', 8], ['earn', 1]]);
    expect(await balance(db, c.id)).toEqual({ points: 38, visits: 1 });
  });
});

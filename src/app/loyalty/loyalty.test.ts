import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { customerById } from '../../data/customers';
import { insertReward } from '../../data/loyalty';
import { getSale } from '../../data/sales';
import { outcomes, race } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { terminal } from '../../testing/fixtures';
import { testConfig } from '../../testing/tui';
import { commitSale } from '../commitSale';
import { Refusal } from '../errors';
import { receiptExtras, receiptText } from '../receipts';
import { createCustomer } from '../customers/manage';
import { customerSale } from '../customers/testSale';
import { expireAllPoints } from './program';
import { rewardKey } from './reward';

const BAGUETTE = '3760000000017'; // 1,30 €
const BORDEAUX = 'CAVE-001'; // 8,99 €
const COFFEE = 'SNAK-001'; // 1,50 €
const who = { terminalId: null, operatorId: 1 };

/** The customer's balances, and what their ledger adds up to: they must agree. */
async function ledger(db: Knex, customerId: number) {
  const b = (await db('loyalty_balances').where('customer_id', customerId).first()) ?? { points: 0, visits: 0 };
  const { rows: sums } = await db.raw<{ rows: { unit: string; n: number }[] }>('SELECT unit, sum(amount)::int AS n FROM loyalty_movements WHERE customer_id = ? GROUP BY unit', [customerId]);
  const sum = (unit: string) => sums.find((s) => s.unit === unit)?.n ?? 0;
  expect({ points: sum('points'), visits: sum('visits') }).toEqual({ points: b.points, visits: b.visits });
  return { points: b.points as number, visits: b.visits as number };
}

async function newCustomer(db: Knex, card: string) {
  return createCustomer(db, { lastName: 'Martin', firstName: card, card }, who);
}

/** Points given by hand, as ledger rows (which move the balance), so a test starts from a known balance. */
async function givePoints(db: Knex, customerId: number, points: number, opts: { visits?: number; expiredDaysAgo?: number } = {}) {
  await db.transaction(async (trx) => {
    await trx('loyalty_movements').insert({
      customer_id: customerId, unit: 'points', kind: opts.expiredDaysAgo ? 'earn' : 'adjust', amount: points,
      expires_at: opts.expiredDaysAgo ? trx.raw(`now() - interval '${opts.expiredDaysAgo} days'`) : null, channel: 'backoffice',
    });
    if (opts.visits) await trx('loyalty_movements').insert({ customer_id: customerId, unit: 'visits', kind: 'adjust', amount: opts.visits, channel: 'backoffice' });
  });
}

describe('loyalty points and visits against PostgreSQL', () => {
  const testDb = useTestDatabase();
  // Each test sets the program it needs; the file's database is shared.
  afterEach(async () => {
    const { db } = testDb();
    await db('items').update({ loyalty_points: 0 });
    await db('loyalty_rewards').update({ active: false });
    await db('loyalty_settings').update({ points_per_euro: 1, count_visits: true, points_expire_months: null, card_prefix: null });
  });

  it('credits points per euro and per item and counts the visit, once, in the sale’s transaction; the receipt says so', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-A');
    await db('items').where('sku', 'CAVE-001').update({ loyalty_points: 10 });
    const req = await customerSale(db, { terminal: t01, customer: 'FID-A', lines: [[BORDEAUX, 2], [BAGUETTE, 1]] });
    const first = await commitSale(db, req);
    // 2 × 10 item points + 19 whole euros (19,28 €).
    expect(await ledger(db, c.id)).toEqual({ points: 39, visits: 1 });
    expect(first.notes).toContainEqual({ key: 'loyalty.afterSale', params: { name: 'Martin FID-A', earned: '+39', points: 39, visits: 1 } });
    // The same key again (a retry): nothing twice.
    await commitSale(db, req);
    expect(await ledger(db, c.id)).toEqual({ points: 39, visits: 1 });
    expect(await db('loyalty_movements').where('sale_id', first.sale.id).orderBy('id').select('unit', 'kind', 'amount', 'balance_after', 'terminal_id')).toEqual([
      { unit: 'points', kind: 'earn', amount: 39, balance_after: 39, terminal_id: t01.id },
      { unit: 'visits', kind: 'earn', amount: 1, balance_after: 1, terminal_id: t01.id },
    ]);
    const config = testConfig('postgres://unused');
    const sale = (await getSale(db, first.sale.id))!;
    const paper = receiptText(config, sale, { extra: await receiptExtras(db, sale, config) });
    expect(paper).toMatch(/Client\s+Martin FID-A \(FID-A\)/);
    expect(paper).toMatch(/Points gagnés\s+\+39/);
    expect(paper).toMatch(/Solde de points\s+39/);
    expect(paper).toMatch(/Passages\s+1/);
  });

  it('takes back the points a return earned, never below zero, and counts no visit for it', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-B');
    await db('items').where('sku', 'SNAK-001').update({ loyalty_points: 5 });
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-B', lines: [[COFFEE, 4]] }));
    expect(await ledger(db, c.id)).toEqual({ points: 20 + 6, visits: 1 });
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-B', lines: [[COFFEE, -2]] }));
    expect(await ledger(db, c.id)).toEqual({ points: 26 - 10 - 3, visits: 1 });
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-B', lines: [[COFFEE, -10]] }));
    expect(await ledger(db, c.id)).toEqual({ points: 0, visits: 1 });
    expect(await db('loyalty_movements').where({ customer_id: c.id, kind: 'return' }).orderBy('id').pluck('amount')).toEqual([-13, -13]);
  });

  it('spends a reward with one key: the points are debited with the sale, the receipt shows them', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-C');
    await insertReward(db, { name: '5 € offerts', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    // The sale that crosses the threshold says so.
    await givePoints(db, c.id, 95);
    const crossing = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-C', lines: [[BORDEAUX, 1]] }));
    expect(crossing.notes).toContainEqual({ key: 'loyalty.reachedNow', params: { name: 'Martin FID-C', reward: '5 € offerts' } });
    await givePoints(db, c.id, 27);
    const req = await customerSale(db, {
      terminal: t01, customer: 'FID-C', lines: [[BORDEAUX, 1]],
      then: async (basket) => {
        const r = await rewardKey(db, basket);
        if (!('actions' in r)) throw new Error('expected the reward to apply');
        return r.actions;
      },
    });
    expect(req.basket.adjustments).toMatchObject([{ kind: 'reward', label: '5 € offerts', cents: 500 }]);
    const { sale } = await commitSale(db, req);
    expect(sale.totalCents).toBe(399);
    // 95 + 8 + 27 = 130; − 100, then 3 points for 3,99 €.
    expect(await ledger(db, c.id)).toEqual({ points: 33, visits: 2 });
    const config = testConfig('postgres://unused');
    const paper = receiptText(config, sale, { extra: await receiptExtras(db, sale, config) });
    expect(paper).toMatch(/5 € offerts\s+-5,00 €/);
    expect(paper).toMatch(/Points utilisés \(5 € offerts\)\s+-100/);
    expect(paper).toMatch(/Solde de points\s+33/);
  });

  it('refuses a reward the customer cannot afford at the key, and at commit when another till spent the points', async () => {
    const { db } = testDb();
    const [t01, t02] = [await terminal(db, 'T01'), await terminal(db, 'T02')];
    const c = await newCustomer(db, 'FID-D');
    await givePoints(db, c.id, 150);
    await insertReward(db, { name: 'Bon 10 €', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 1000 }, automatic: false });
    const withReward = (t: typeof t01) => customerSale(db, {
      terminal: t, customer: 'FID-D', lines: [['CAVE-006', 1]],
      then: async (basket) => {
        const r = await rewardKey(db, basket);
        if (!('actions' in r)) throw new Error('expected the reward to apply');
        return r.actions;
      },
    });
    // Both tills put the reward on while the customer had 150 points; both sales are held at
    // the database, each with the balance it read, before either writes it.
    const requests = [await withReward(t01), await withReward(t02)];
    const counters = await db('terminals').whereIn('code', ['T01', 'T02']).orderBy('code').pluck('next_ticket_no');
    const results = await race(testDb(), { before: 'UPDATE', table: 'loyalty_balances' }, requests.map((req) => () => commitSale(db, req)));
    const { won, lost } = outcomes(results);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(Refusal);
    // Told what is left: 150 − 100 + 19 points earned by the winner's 19,90 € (29,90 € less the 10 € reward).
    expect(lost[0]).toMatchObject({ key: 'loyalty.cannotAffordPoints', params: { balance: 69, cost: 100 } });
    expect(await ledgerMismatches(db)).toEqual([]);
    // The refused sale left nothing, its ticket number included.
    expect(await ledger(db, c.id)).toEqual({ points: 69, visits: 1 });
    const after = await db('terminals').whereIn('code', ['T01', 'T02']).orderBy('code').pluck('next_ticket_no');
    expect(after.reduce((a: number, b: number) => a + b, 0)).toBe(counters.reduce((a: number, b: number) => a + b, 0) + 1);

    // At the till the key reads the balance again: the card was scanned at 119 points, then
    // another till spent 100 of them (and earned 19).
    await givePoints(db, c.id, 50);
    const scanned = await customerSale(db, { terminal: t01, customer: 'FID-D', lines: [[BORDEAUX, 1]] });
    expect(scanned.basket.customer!.facts!.rewards.map((r) => r.name)).toEqual(['Bon 10 €']);
    await commitSale(db, await withReward(t02));
    await expect(rewardKey(db, scanned.basket)).rejects.toMatchObject({ key: 'loyalty.cannotAffordPoints', params: { balance: 38, cost: 100 } });
  });

  it('applies an automatic reward as soon as the customer is attached, paid in visits', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await newCustomer(db, 'FID-E');
    await givePoints(db, c.id, 1, { visits: 10 });
    const coffee = await db('items').where('sku', 'SNAK-001').first('id');
    await insertReward(db, { name: 'Café offert', unit: 'visits', cost: 10, gift: { kind: 'item', itemId: coffee.id }, automatic: true });
    const req = await customerSale(db, { terminal: t01, customer: 'FID-E', lines: [[COFFEE, 1], [BAGUETTE, 1]] });
    expect(req.basket.adjustments).toMatchObject([{ kind: 'reward', label: 'Café offert', cents: 150 }]);
    await commitSale(db, req);
    // Ten visits spent on the reward, this one counted.
    expect(await ledger(db, c.id)).toEqual({ points: 2, visits: 1 });
  });

  it('writes off points past their date, oldest first, at the next sale and from `expire`', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await db('loyalty_settings').update({ points_expire_months: 12 });
    const c = await newCustomer(db, 'FID-F');
    await givePoints(db, c.id, 40, { expiredDaysAgo: 3 });
    expect((await customerById(db, c.id))!).toMatchObject({ points: 40, pointsExpiring: 40 });
    const { sale } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-F', lines: [[BORDEAUX, 1]] }));
    expect(await ledger(db, c.id)).toEqual({ points: 8, visits: 1 });
    expect(await db('loyalty_movements').where('sale_id', sale.id).orderBy('id').select('kind', 'amount')).toEqual([
      { kind: 'expire', amount: -40 }, { kind: 'earn', amount: 8 }, { kind: 'earn', amount: 1 },
    ]);
    // Points just earned expire a year on.
    const earned = await db('loyalty_movements').where({ sale_id: sale.id, unit: 'points', kind: 'earn' }).first(db.raw("expires_at - created_at > interval '364 days' AS later"));
    expect(earned.later).toBe(true);
    const other = await newCustomer(db, 'FID-G');
    await givePoints(db, other.id, 25, { expiredDaysAgo: 1 });
    expect(await expireAllPoints(db)).toEqual({ customers: 1, points: 25 });
    expect(await expireAllPoints(db)).toEqual({ customers: 0, points: 0 });
    expect(await ledger(db, other.id)).toEqual({ points: 0, visits: 0 });
  });

  it('expires a lot earned after the points for good were spent, and spends lapsing points before those for good', async () => {
    const { db } = testDb();
    await db('loyalty_settings').update({ points_expire_months: 12 });
    const t01 = await terminal(db);
    // 100 points given for good, all spent on a reward; then 50 earned that are now past their date.
    const c = await newCustomer(db, 'FID-K');
    await givePoints(db, c.id, 100);
    const [reward] = await db('loyalty_rewards').insert({ name: '100 pts', unit: 'points', cost: 100, kind: 'amount', amount_cents: 100 }).returning('id');
    await db('loyalty_movements').insert({ customer_id: c.id, unit: 'points', kind: 'spend', amount: -100, reward_id: reward.id, channel: 'backoffice' });
    await givePoints(db, c.id, 50, { expiredDaysAgo: 2 });
    expect(await customerById(db, c.id)).toMatchObject({ points: 50, pointsExpiring: 50 });
    // The other way round: 40 lapsing and 100 for good, then 30 spent: taken from the 40.
    const d = await newCustomer(db, 'FID-L');
    await givePoints(db, d.id, 40, { expiredDaysAgo: 1 });
    await givePoints(db, d.id, 100);
    await db('loyalty_movements').insert({ customer_id: d.id, unit: 'points', kind: 'spend', amount: -30, reward_id: reward.id, channel: 'backoffice' });
    expect(await customerById(db, d.id)).toMatchObject({ points: 110, pointsExpiring: 10 });

    expect(await expireAllPoints(db)).toEqual({ customers: 2, points: 60 });
    expect(await ledger(db, c.id)).toEqual({ points: 0, visits: 0 });
    expect(await ledger(db, d.id)).toEqual({ points: 100, visits: 0 });
    expect(await expireAllPoints(db)).toEqual({ customers: 0, points: 0 });
    // At the next sale nothing more lapses: the 100 for good stay.
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'FID-L', lines: [[BORDEAUX, 1]] }));
    expect(await ledger(db, d.id)).toMatchObject({ points: 108 });
    await db('loyalty_rewards').where('id', reward.id).update({ active: false });
  });

  it('never lets the ledger be changed', async () => {
    const { db } = testDb();
    await expect(testDb().owner('loyalty_movements').update({ amount: 1000 })).rejects.toThrow(/ledger rows are never changed/);
    await expect(testDb().owner('loyalty_balances').insert({ customer_id: (await newCustomer(db, 'FID-H')).id, points: -1 })).rejects.toMatchObject({ constraint: 'loyalty_balances_points' });
  });
});

import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../app/check/check';
import { findTerminal } from '../../data/places';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { benchConfig } from './baskets';
import { addExtras } from './extras';
import { runHotVoucher } from './hotVoucher';
import { runLoad } from './load';
import { HOT_VOUCHER_NOTE } from './sample';

/** The last voucher's id: what a run makes comes after it. */
async function lastVoucher(db: Knex): Promise<number> {
  return Number((await db('vouchers').max('id as id').first())?.id ?? 0);
}

/** The hot vouchers made after voucher `after` (by their note): balance, what their ledger adds up to, uses. */
async function hotBooks(db: Knex, after: number) {
  const { rows } = await db.raw<{ rows: { balance: string; ledger: string; uses: string }[] }>(
    `SELECT v.balance_cents AS balance, sum(m.amount_cents) AS ledger, count(*) FILTER (WHERE m.kind = 'use') AS uses
       FROM vouchers v JOIN voucher_movements m ON m.voucher_id = v.id
      WHERE v.note = ? AND v.id > ? GROUP BY v.id ORDER BY v.id`,
    [HOT_VOUCHER_NOTE, after],
  );
  return rows.map((r) => ({ balance: Number(r.balance), ledger: Number(r.ledger), uses: Number(r.uses) }));
}

describe('the chain load on the demo shop', () => {
  const testDb = useTestDatabase();

  beforeAll(async () => {
    const { owner } = testDb();
    await addExtras(owner, benchConfig(), (await findTerminal(owner, 'T01'))!, { customers: 12, vouchers: 12, giftCards: 12, couponCodes: 12 });
  });

  it('sells mixed baskets on four tills at once, looks things up meanwhile, and leaves the books right', async () => {
    const { db, ownerUrl } = testDb();
    const steps: string[] = [];
    const after = await lastVoucher(db);
    // Seed 2: on these rows, the first two counted baskets of the four tills carry every kind
    // between them, so the mix is whole however slowly the machine sells.
    const r = await runLoad({ url: ownerUrl, tills: 4, seconds: 3, hotVouchers: 2, seed: 2, lookups: true }, (s) => steps.push(s));

    expect(r.errors).toEqual([]);
    expect(r.sales).toBeGreaterThan(0);
    expect(r.commit.n).toBe(r.sales);
    for (const [kind, n] of Object.entries(r.mix)) expect(n, kind).toBeGreaterThan(0);
    expect(Object.keys(r.lookups).sort()).toEqual(['card', 'customerSearch', 'giftCard', 'item', 'voucher']);
    for (const [kind, t] of Object.entries(r.lookups)) expect(t.n, kind).toBeGreaterThan(0);
    expect(steps.length).toBeGreaterThan(0);

    // Four tills on four terminals of their own (the demo's two, and two added), each numbering its tickets.
    const { rows } = await db.raw<{ rows: { code: string; sales: string }[] }>(
      `SELECT t.code, count(*) AS sales FROM sales s JOIN terminals t ON t.id = s.terminal_id WHERE t.code IN ('T01', 'T02', 'B01', 'B02') GROUP BY t.code ORDER BY t.code`,
    );
    expect(rows.map((x) => x.code)).toEqual(['B01', 'B02', 'T01', 'T02']);

    const hot = await hotBooks(db, after);
    expect(hot).toHaveLength(2);
    for (const v of hot) expect(v.balance).toBe(v.ledger);
    expect(hot.reduce((s, v) => s + v.uses, 0)).toBeGreaterThanOrEqual(r.mix.hotVoucher);
    expect(await ledgerMismatches(db)).toEqual([]);
    expect((await checkDatabase(db)).breaks).toEqual([]);
  });

  it.each(['sale', 'debit'] as const)('redeems hot vouchers from several tills at once, each debit in its ledger (via %s)', async (via) => {
    const { db, ownerUrl } = testDb();
    const after = await lastVoucher(db);
    const r = await runHotVoucher({ url: ownerUrl, tills: 4, seconds: 2, vouchers: 2, via });

    expect(r.errors).toEqual([]);
    expect(r.redemptions).toBeGreaterThan(0);
    expect(r.redeem.n).toBe(r.redemptions);
    const made = await hotBooks(db, after);
    expect(made).toHaveLength(2);
    for (const v of made) expect(v.balance).toBe(v.ledger);
    // Every redemption counted, and the four not counted that opened the connections.
    expect(made.reduce((s, v) => s + v.uses, 0)).toBe(r.redemptions + 4);
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

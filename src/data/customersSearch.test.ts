import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { changeOverdraftLimit, payOntoAccount } from '../app/accounts/pay';
import { commitSale } from '../app/commitSale';
import { createCustomer } from '../app/customers/manage';
import { customerSale } from '../app/customers/testSale';
import { useTestDatabase } from '../testing/db';
import { terminal } from '../testing/fixtures';
import { searchCustomers } from './customersSearch';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const who = { storeId: null, terminalId: null, operatorId: 1, channel: 'backoffice' as const };

describe('the owing-only filter of the customer search, as a database query', () => {
  const testDb = useTestDatabase();

  /** A customer whose account stands at `cents` (below zero: bought on account), made through the till's own paths. */
  async function withAccount(db: Knex, card: string, lastName: string, cents: number | null) {
    const c = await createCustomer(db, { lastName, firstName: 'Owing', card }, { terminalId: null, operatorId: 1 });
    if (cents === null) return c;
    await changeOverdraftLimit(db, c.id, 10_000, who);
    if (cents < 0) {
      const t01 = await terminal(db);
      await commitSale(db, await customerSale(db, { terminal: t01, customer: card, lines: [[BORDEAUX, 1]], tenders: [['account', null]] }));
      if (cents !== -899) await payOntoAccount(db, c.id, 899 + cents, 'cash', who);
    } else if (cents > 0) {
      await payOntoAccount(db, c.id, cents, 'cash', who);
    }
    return c;
  }

  it('keeps only the customers below zero, with a name search and page by page', async () => {
    const { db } = testDb();
    const owes1 = await withAccount(db, 'OW-1', 'Dettier', -899);
    await withAccount(db, 'OW-2', 'Dettier', 0);
    await withAccount(db, 'OW-3', 'Dettier', 500);
    await withAccount(db, 'OW-4', 'Dettier', null);
    const owes5 = await withAccount(db, 'OW-5', 'Dettier', -399);
    const owes6 = await withAccount(db, 'OW-6', 'Payeur', -100);
    expect((await db('customer_accounts').where('customer_id', owes5.id).first('balance_cents')).balance_cents).toBe(-399);

    const codes = async (text: string, owing: boolean, after: { id: number } | null = null, limit = 10) => {
      const r = await searchCustomers(db, text, { owing }, { after, limit });
      return { codes: r.rows.map((c) => c.code), next: r.next };
    };
    // Every customer who owes, wherever they are in the numbering (the demo's included if any do).
    const all = await codes('', true, null, 50);
    expect(all.codes).toEqual(expect.arrayContaining(['OW-1', 'OW-5', 'OW-6']));
    for (const code of ['OW-2', 'OW-3', 'OW-4']) expect(all.codes).not.toContain(code);
    // With a name: the two Dettier who owe, not the three who do not.
    expect((await codes('dettier', false)).codes).toEqual(['OW-1', 'OW-2', 'OW-3', 'OW-4', 'OW-5']);
    expect((await codes('dettier', true)).codes).toEqual(['OW-1', 'OW-5']);
    // One at a time: the cursor goes on to the next debtor, then says there is no more.
    const first = await codes('dettier', true, null, 1);
    expect(first).toEqual({ codes: ['OW-1'], next: { id: owes1.id } });
    const second = await codes('dettier', true, first.next, 1);
    expect(second).toEqual({ codes: ['OW-5'], next: null });
    // The rows say what they owe.
    const [row] = (await searchCustomers(db, 'payeur', { owing: true }, { limit: 5 })).rows;
    expect(row).toMatchObject({ id: owes6.id, accountCents: -100 });
  });
});

import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { changeOverdraftLimit, payOntoAccount } from '../app/accounts/pay';
import { commitSale } from '../app/commitSale';
import { createCustomer, editCustomer } from '../app/customers/manage';
import { customerSale } from '../app/customers/testSale';
import { useTestDatabase } from '../testing/db';
import { terminal } from '../testing/fixtures';
import { searchCustomers, type CustomerFilters } from './customersSearch';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const who = { storeId: null, terminalId: null, operatorId: 1, channel: 'backoffice' as const };

describe('the owing-only filter of the customer search, as a database query', () => {
  const testDb = useTestDatabase();

  /** A customer whose account stands at `cents` (below zero: bought on account), made through the till's own paths. */
  async function withAccount(db: Knex, card: string, lastName: string, cents: number | null, phone?: string) {
    const c = await createCustomer(db, { lastName, firstName: 'Owing', card, phone }, { terminalId: null, operatorId: 1 });
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

  it('walks every debtor once, page by page and whatever the window, with a phone or a card code; a debt paid back to zero leaves the list', async () => {
    const { db } = testDb();
    const owes = await withAccount(db, 'AR-1', 'Ardoise', -899, '0612340001');
    await withAccount(db, 'AR-2', 'Ardoise', -899, '0612340002');
    const paidBack = (await db('customers').where('code', 'AR-2').first('id')).id;
    await payOntoAccount(db, paidBack, 899, 'cheque', who);
    await withAccount(db, 'AR-3', 'Ardoise', 100, '0612340003');
    const closed = await withAccount(db, 'AR-4', 'Ardoise', -500, '0612340004');
    await editCustomer(db, closed.id, { active: false }, { terminalId: null, operatorId: 1 });
    await withAccount(db, 'AR-5', 'Ardoise', -1, '0612340005');
    expect(await db('customer_accounts').where('customer_id', paidBack).first('balance_cents')).toEqual({ balance_cents: 0 });
    expect(await db('account_movements').where('customer_id', paidBack).orderBy('id').select('kind', 'amount_cents', 'balance_after_cents')).toEqual([
      { kind: 'sale', amount_cents: -899, balance_after_cents: -899 },
      { kind: 'payment', amount_cents: 899, balance_after_cents: 0 },
    ]);

    // What the filter must find, asked of the tables directly: active customers whose account is below zero.
    const debtors = (await db('customers as c').join('customer_accounts as a', 'a.customer_id', 'c.id').where('a.balance_cents', '<', 0).where('c.active', true).orderBy('c.id').select('c.code')).map((r) => r.code);
    expect(debtors).toEqual(expect.arrayContaining(['AR-1', 'AR-5']));
    for (const code of ['AR-2', 'AR-3', 'AR-4']) expect(debtors).not.toContain(code);

    const walk = async (text: string, filters: CustomerFilters, limit: number, window?: number) => {
      const seen: string[] = [];
      let after: { id: number } | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const r = await searchCustomers(db, text, filters, { after, limit, window });
        expect(r.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...r.rows.map((c) => c.code));
        if (!r.next) return seen;
        after = r.next;
      }
      throw new Error('the pages never end');
    };
    for (const window of [1, 2, 3, undefined]) {
      for (const limit of [1, 2, 50]) {
        expect(await walk('', { owing: true }, limit, window)).toEqual(debtors);
        expect(await walk('ardoise', { owing: true }, limit, window)).toEqual(['AR-1', 'AR-5']);
      }
    }
    // The closed customer who owes, with the closed ones; by phone (through its own index).
    expect(await walk('ardoise', { owing: true, status: 'all' }, 1)).toEqual(['AR-1', 'AR-4', 'AR-5']);
    expect(await walk('ardoise', { owing: true, status: 'inactive' }, 1)).toEqual(['AR-4']);
    expect(await walk('06 12 34', { owing: true }, 1)).toEqual(['AR-1', 'AR-5']);
    expect(await walk('06 12 34', { owing: false }, 2)).toEqual(['AR-1', 'AR-2', 'AR-3', 'AR-5']);
    // A whole card code: its customer if they owe, no one otherwise.
    expect(await walk('AR-2', { owing: true }, 5)).toEqual([]);
    expect(await walk('AR-2', { owing: false }, 5)).toEqual(['AR-2']);
    expect((await searchCustomers(db, 'ar-1', { owing: true }, { limit: 5 })).rows).toEqual([expect.objectContaining({ id: owes.id, code: 'AR-1', accountCents: -899 })]);
  });

  it('a debtor whose card code is also a word of the names comes first on the first page, and once only, whatever the page size', async () => {
    const { db } = testDb();
    // Account customers coded by name are common (MAIRIE, ECOLE…): this one is made last, so its number is after the others'.
    await withAccount(db, 'MA-1', 'Mairie', -200);
    await withAccount(db, 'MA-2', 'Mairie', 0);
    await withAccount(db, 'MA-3', 'Mairie', -300);
    await withAccount(db, 'MAIRIE', 'Mairie', -899);
    const walk = async (filters: CustomerFilters, limit: number) => {
      const seen: string[] = [];
      let after: { id: number } | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const r = await searchCustomers(db, 'mairie', filters, { after, limit });
        expect(r.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...r.rows.map((c) => c.code));
        if (!r.next) return seen;
        after = r.next;
      }
      throw new Error('the pages never end');
    };
    for (const limit of [1, 2, 3, 10]) {
      expect(await walk({ owing: true }, limit)).toEqual(['MAIRIE', 'MA-1', 'MA-3']);
      expect(await walk({}, limit)).toEqual(['MAIRIE', 'MA-1', 'MA-2', 'MA-3']);
    }
  });
});

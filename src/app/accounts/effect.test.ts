import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { createCustomer } from '../customers/manage';
import { customerSale } from '../customers/testSale';
import { changeOverdraftLimit } from './pay';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const who = { storeId: null, terminalId: null, operatorId: 1, channel: 'backoffice' as const };

// The account effect of commitSale (accounts/effect.ts), on what accounts.test.ts leaves unsaid:
// a request paid by account without a customer (made elsewhere than the payment screen), a
// customer who never had an account, and a ticket paid partly by account.
describe('account effect at commit against PostgreSQL', () => {
  const testDb = useTestDatabase();
  const salesCount = async () => Number((await testDb().db('sales').count({ n: '*' }))[0]!.n);

  it('refuses an account tender on a ticket without a customer, writing nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { company: 'Café du Port', card: 'ACC-E1' }, { terminalId: null, operatorId: 1 });
    await changeOverdraftLimit(db, c.id, 5000, who);
    const req = await customerSale(db, { terminal: t01, customer: 'ACC-E1', lines: [[BORDEAUX, 1]], tenders: [['account', null]] });
    const before = await salesCount();
    // The customer taken off after the account was chosen.
    await expect(commitSale(db, { ...req, basket: { ...req.basket, customer: null, rules: [], adjustments: [] } })).rejects.toMatchObject({ key: 'account.noCustomer' });
    expect(await salesCount()).toBe(before);
    expect(await db('account_movements').where('customer_id', c.id)).toEqual([]);
  });

  it('refuses a customer who never had an account, saying nothing is available, writing nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { lastName: 'Nouveau', firstName: 'Paul', card: 'ACC-E2' }, { terminalId: null, operatorId: 1 });
    expect(await db('customer_accounts').where('customer_id', c.id)).toEqual([]);
    const req = await customerSale(db, { terminal: t01, customer: 'ACC-E2', lines: [[BORDEAUX, 1]] });
    const before = await salesCount();
    const byAccount = { ...req, payment: { ...req.payment, tenders: [{ kind: 'account' as const, amountCents: 899, ref: 'ACC-E2' }] } };
    await expect(commitSale(db, byAccount)).rejects.toMatchObject({ key: 'account.overLimit', params: { name: 'Nouveau Paul' }, money: { amount: 899, available: 0 } });
    expect(await salesCount()).toBe(before);
    expect(await db('account_movements').where('customer_id', c.id)).toEqual([]);
  });

  it('takes only the account’s part of a ticket paid partly in cash, and names the customer when the rest is beyond the limit', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { company: 'Traiteur Lune', card: 'ACC-E3' }, { terminalId: null, operatorId: 1 });
    await changeOverdraftLimit(db, c.id, 1000, who);
    const req = await customerSale(db, { terminal: t01, customer: 'ACC-E3', lines: [[BORDEAUX, 2]], tenders: [['cash', 1000], ['account', null]] });
    expect(req.payment.tenders.map((t) => [t.kind, t.amountCents])).toEqual([['cash', 1000], ['account', 798]]);
    const { sale, notes } = await commitSale(db, req);
    expect(notes.filter((n) => n.key.startsWith('account.'))).toEqual([{ key: 'account.afterSale', params: { name: 'Traiteur Lune' }, money: { balance: -798 } }]);
    expect(await db('account_movements').where('customer_id', c.id).select('kind', 'amount_cents', 'sale_id')).toEqual([{ kind: 'sale', amount_cents: -798, sale_id: sale.id }]);
    // 2,02 € left of the limit.
    const more = await customerSale(db, { terminal: t01, customer: 'ACC-E3', lines: [[BORDEAUX, 1]] });
    const over = { ...more, payment: { ...more.payment, tenders: [{ kind: 'cash' as const, amountCents: 600 }, { kind: 'account' as const, amountCents: 299, ref: 'ACC-E3' }] } };
    await expect(commitSale(db, over)).rejects.toMatchObject({ key: 'account.overLimit', params: { name: 'Traiteur Lune' }, money: { amount: 299, available: 202 } });
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

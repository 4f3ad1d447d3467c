import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { customerById } from '../../data/customers';
import { loyaltyProgram, setLoyaltyProgram } from '../../data/loyalty';
import { outcomes, race } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { ledgerMismatches } from '../../testing/ledgers';
import { terminal } from '../../testing/fixtures';
import { testConfig } from '../../testing/tui';
import { commitSale } from '../commitSale';
import { createCustomer } from '../customers/manage';
import { customerSale } from '../customers/testSale';
import { Refusal } from '../errors';
import { receiptExtras, receiptText } from '../receipts';
import { accountStatement } from './statement';
import { accountTender } from './tender';
import { changeOverdraftLimit, payOntoAccount } from './pay';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const who = { storeId: null, terminalId: null, operatorId: 1, channel: 'backoffice' as const };

async function account(db: Knex, customerId: number) {
  const a = await db('customer_accounts').where('customer_id', customerId).first();
  const sum = await db('account_movements').where('customer_id', customerId).sum({ n: 'amount_cents' }).first();
  // The ledger adds up to the cached balance.
  expect(Number(sum?.n ?? 0)).toBe(a?.balance_cents ?? 0);
  return a?.balance_cents as number;
}

describe('customer accounts against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('pays a sale up to the overdraft limit and says what is available beyond it', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { company: 'Restaurant Le Port', card: 'ACC-1' }, { terminalId: null, operatorId: 1 });
    await changeOverdraftLimit(db, c.id, 2000, who);
    const req = await customerSale(db, { terminal: t01, customer: 'ACC-1', lines: [[BORDEAUX, 2]], tenders: [['account', null]] });
    expect(req.payment.tenders).toEqual([{ kind: 'account', amountCents: 1798, ref: 'ACC-1' }]);
    const { sale, notes } = await commitSale(db, req);
    expect(await account(db, c.id)).toBe(-1798);
    expect(notes).toContainEqual({ key: 'account.afterSale', params: { name: 'Restaurant Le Port' }, money: { balance: -1798 } });
    const config = testConfig('postgres://unused');
    const paper = receiptText(config, sale, { extra: await receiptExtras(db, sale, config) });
    expect(paper).toMatch(/Compte client ACC-1\s+17,98 €/);
    expect(paper).toMatch(/Solde du compte client\s+-17,98 €/);

    // 2,02 € left: the payment screen offers that much, and a larger amount is refused.
    const more = await customerSale(db, { terminal: t01, customer: 'ACC-1', lines: [[BORDEAUX, 1]], tenders: [['card', 899]] });
    const found = await accountTender.find(db, null, { basket: more.basket, payment: { totalCents: 899, tenders: [] }, terminal: t01, operatorId: 1, refund: false, config });
    expect(found).toMatchObject({ ref: 'ACC-1', maxCents: 202 });
    expect(found.info).toContainEqual({ key: 'account.info.available', money: { available: 202 } });
    await expect(customerSale(db, { terminal: t01, customer: 'ACC-1', lines: [[BORDEAUX, 1]], tenders: [['account', 899]] })).rejects.toThrow('tender.exceedsBalance');
  });

  it('refuses the account without a customer, or with nothing available', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const config = testConfig('postgres://unused');
    const anonymous = await customerSale(db, { terminal: t01, lines: [[BORDEAUX, 1]] });
    await expect(accountTender.find(db, null, { basket: anonymous.basket, payment: { totalCents: 899, tenders: [] }, terminal: t01, operatorId: 1, refund: false, config })).rejects.toMatchObject({ key: 'account.noCustomer' });
    await createCustomer(db, { lastName: 'Sans', firstName: 'Compte', card: 'ACC-0' }, { terminalId: null, operatorId: 1 });
    const req = await customerSale(db, { terminal: t01, customer: 'ACC-0', lines: [[BORDEAUX, 1]] });
    await expect(accountTender.find(db, null, { basket: req.basket, payment: { totalCents: 899, tenders: [] }, terminal: t01, operatorId: 1, refund: false, config })).rejects.toMatchObject({ key: 'account.nothingAvailable', money: { balance: 0, limit: 0 } });
  });

  it('credits a return to the account as a credit note, which then pays a sale', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { lastName: 'Blanc', firstName: 'Hugo', card: 'ACC-2' }, { terminalId: null, operatorId: 1 });
    const refund = await customerSale(db, { terminal: t01, customer: 'ACC-2', lines: [[BORDEAUX, -1]], tenders: [['account', null]] });
    expect(refund.payment.tenders).toEqual([{ kind: 'account', amountCents: -899, ref: 'ACC-2' }]);
    await commitSale(db, refund);
    expect(await account(db, c.id)).toBe(899);
    expect(await db('account_movements').where('customer_id', c.id).pluck('kind')).toEqual(['credit_note']);
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'ACC-2', lines: [['3760000000017', 2]], tenders: [['account', null]] }));
    expect(await account(db, c.id)).toBe(899 - 260);
  });

  it('never lets two tills take the account past its limit: both hold their sale at the database, one is refused', async () => {
    const t = testDb();
    const { db } = t;
    const tills = [await terminal(db, 'T01'), await terminal(db, 'T02')];
    const c = await createCustomer(db, { company: 'Traiteur Rossi', card: 'ACC-3' }, { terminalId: null, operatorId: 1 });
    await payOntoAccount(db, c.id, 1000, 'cash', who);
    await changeOverdraftLimit(db, c.id, 1000, who);
    // Two sales of 17,98 € each paid by account, both built while 20 € were available: one fits.
    const requests = await Promise.all(tills.map((till) => customerSale(db, { terminal: till, customer: 'ACC-3', lines: [[BORDEAUX, 2]], tenders: [['account', null]] })));
    // Alone: a program that earns nothing takes no loyalty lock before the account's, and each
    // till has its own ticket counter; only the debit's own guard stands between the two.
    const program = await loyaltyProgram(db);
    await setLoyaltyProgram(db, { pointsPerEuro: 0, countVisits: false });
    try {
      const results = await race(t, { before: 'UPDATE', table: 'customer_accounts' }, requests.map((r) => () => commitSale(db, r)));
      const { won, lost } = outcomes(results);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(Refusal);
      expect(lost[0]).toMatchObject({ key: 'account.overLimit', money: { amount: 1798, available: 2000 - 1798 } });
    } finally {
      await setLoyaltyProgram(db, program);
    }
    expect(await account(db, c.id)).toBe(1000 - 1798);
    expect(await db('account_movements').where({ customer_id: c.id, kind: 'sale' })).toHaveLength(1);
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('takes payments onto the account and makes a month’s statement: opening balance, movements, closing balance', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { company: 'Fleurs Lila', card: 'ACC-4' }, { terminalId: null, operatorId: 1 });
    await changeOverdraftLimit(db, c.id, 50000, who);
    // October: bought 30 €, paid 10 €. The ledger is append-only, so the past is written as such
    // (each row moves the balance).
    await db('account_movements').insert([
      { customer_id: c.id, kind: 'adjust', amount_cents: -3000, balance_after_cents: -3000, created_at: '2026-10-05T10:00:00+02:00' },
      { customer_id: c.id, kind: 'payment', amount_cents: 1000, balance_after_cents: -2000, method: 'cash', created_at: '2026-10-31T23:30:00+01:00' },
    ]);
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'ACC-4', lines: [[BORDEAUX, 1]], tenders: [['account', null]] }));
    expect(await payOntoAccount(db, c.id, 2899, 'cheque', who)).toBe(0);
    await expect(payOntoAccount(db, c.id, 0, 'cash', who)).rejects.toMatchObject({ key: 'account.paymentInvalid' });
    // The month of the sale just made, in Paris: not the month the test reads the clock in.
    const now = new Date((await db('sales').orderBy('id', 'desc').first('created_at')).created_at);
    const month = { year: Number(now.toLocaleString('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' })), month: Number(now.toLocaleString('en-CA', { timeZone: 'Europe/Paris', month: 'numeric' })) };
    const s = await accountStatement(db, c.id, month, 'Europe/Paris');
    expect(s).toMatchObject({ openingCents: -2000, debitsCents: 899, creditsCents: 2899, closingCents: 0 });
    expect(s.movements.map((m) => [m.kind, m.amountCents, m.ref])).toEqual([['sale', -899, expect.stringMatching(/^T01-\d{6}$/)], ['payment', 2899, 'cheque']]);
    const october = await accountStatement(db, c.id, { year: 2026, month: 10 }, 'Europe/Paris');
    expect(october).toMatchObject({ openingCents: 0, debitsCents: 3000, creditsCents: 1000, closingCents: -2000 });
    expect(await accountStatement(db, c.id, { year: 2026, month: 9 }, 'Europe/Paris')).toMatchObject({ openingCents: 0, closingCents: 0, movements: [] });
    // A limit below what is owed is refused.
    await payOntoAccount(db, c.id, 100, 'cash', who);
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'ACC-4', lines: [[BORDEAUX, 2]], tenders: [['account', null]] }));
    await expect(changeOverdraftLimit(db, c.id, 1000, who)).rejects.toMatchObject({ key: 'account.limitBelowDebt' });
    expect((await customerById(db, c.id))!).toMatchObject({ accountCents: 100 - 1798, overdraftLimitCents: 50000 });
  });

  it('cuts months at midnight in the shop’s time zone, not in UTC', async () => {
    const { db } = testDb();
    const c = await createCustomer(db, { company: 'Épicerie Fine', card: 'ACC-5' }, { terminalId: null, operatorId: 1 });
    await changeOverdraftLimit(db, c.id, 5000, who);
    // Each ledger row moves the balance (the ledger's trigger).
    await db('account_movements').insert([
      { customer_id: c.id, kind: 'adjust', amount_cents: -3000, balance_after_cents: -3000, created_at: '2026-10-31T23:30:00+01:00' },
      // 00:30 in Paris on 1 November is still 31 October in UTC.
      { customer_id: c.id, kind: 'payment', amount_cents: 2000, balance_after_cents: -1000, method: 'transfer', created_at: '2026-11-01T00:30:00+01:00' },
    ]);
    expect(await accountStatement(db, c.id, { year: 2026, month: 10 }, 'Europe/Paris')).toMatchObject({ openingCents: 0, debitsCents: 3000, creditsCents: 0, closingCents: -3000 });
    expect(await accountStatement(db, c.id, { year: 2026, month: 11 }, 'Europe/Paris')).toMatchObject({ openingCents: -3000, creditsCents: 2000, closingCents: -1000 });
    expect(await accountStatement(db, c.id, { year: 2026, month: 10 }, 'UTC')).toMatchObject({ openingCents: 0, closingCents: -1000 });
  });
});

import { describe, expect, it } from 'vitest';
import { createCustomer } from '../app/customers/manage';
import { useTestDatabase } from '../testing/db';
import { ledgerMismatches } from '../testing/ledgers';
import { accountMovements, creditAccount, debitAccount } from './accounts';

// The account's latest movements, as `pos account show` lists them (that command runs the
// bundle, out of reach of mutation testing: this reads them in process).
describe('account movements', () => {
  const testDb = useTestDatabase();

  it('lists the latest movements of this customer only, newest first, as many as asked', async () => {
    const { db } = testDb();
    const who = { terminalId: null, operatorId: 1 };
    const a = await createCustomer(db, { company: 'Bistrot du Quai', card: 'ACM-1' }, who);
    const b = await createCustomer(db, { company: 'Autre client', card: 'ACM-2' }, who);
    await creditAccount(db, { customerId: a.id, kind: 'payment', method: 'cheque', channel: 'backoffice' }, 5000);
    await creditAccount(db, { customerId: b.id, kind: 'payment', method: 'card' }, 700);
    await debitAccount(db, { customerId: a.id, kind: 'adjust', note: 'erreur de caisse' }, 1200);
    await creditAccount(db, { customerId: a.id, kind: 'payment', method: 'transfer' }, 300);

    const all = await accountMovements(db, a.id, 10);
    expect(all.map((m) => [m.kind, m.amountCents, m.balanceAfterCents, m.ref])).toEqual([
      ['payment', 300, 4100, 'transfer'],
      ['adjust', -1200, 3800, null],
      ['payment', 5000, 5000, 'cheque'],
    ]);
    expect(all.every((m) => m.at instanceof Date)).toBe(true);
    expect((await accountMovements(db, a.id, 2)).map((m) => m.amountCents)).toEqual([300, -1200]);
    expect(await accountMovements(db, a.id, 0)).toEqual([]);
    expect((await accountMovements(db, b.id, 10)).map((m) => [m.amountCents, m.ref])).toEqual([[700, 'card']]);
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

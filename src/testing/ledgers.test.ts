import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { insertVoucher } from '../data/vouchers';
import { newVoucherCode } from '../app/vouchers/codes';
import { useTestDatabase } from './db';
import { ledgerMismatches } from './ledgers';

// The check the race tests end with must be able to fail: each kind of disagreement, made on
// purpose in a transaction rolled back afterwards, is reported by name.

describe('balances against their ledgers', () => {
  const testDb = useTestDatabase();

  /** What the check reports once `damage` is done on top of consistent books. */
  async function reported(damage: (trx: Knex.Transaction, ids: { customer: number; voucher: number; code: number }) => Promise<unknown>): Promise<string[]> {
    let lines: string[] = [];
    // As the owner: no till may do this damage (see src/data/tillRole.test.ts).
    await testDb().owner.transaction(async (trx) => {
      const [{ id: customer }] = await trx('customers').insert({ code: 'LEDGER-1', last_name: 'Livre' }).returning('id');
      // Each ledger row moves its balance (the tables' triggers).
      await trx('loyalty_movements').insert([
        { customer_id: customer, unit: 'points', kind: 'adjust', amount: 10, channel: 'backoffice' },
        { customer_id: customer, unit: 'visits', kind: 'adjust', amount: 1, channel: 'backoffice' },
      ]);
      await trx('account_movements').insert({ customer_id: customer, kind: 'payment', amount_cents: 500, method: 'cash', channel: 'backoffice' });
      const store = (await trx('stores').first('id')).id as number;
      const { id: voucher } = await insertVoucher(trx, {
        code: newVoucherCode(), origin: 'manual', amountCents: 700, customerId: customer, storeId: store, terminalId: null, saleId: null,
        issuedBy: 2, approvedBy: 2, expiresOn: '2099-12-31', expiresAt: new Date('2100-01-01T00:00:00Z'), note: '',
      });
      const code = (await trx('coupon_codes').first('id')).id as number;
      expect(await ledgerMismatches(trx)).toEqual([]);
      await damage(trx, { customer, voucher, code });
      lines = await ledgerMismatches(trx);
      await trx.rollback();
    }).catch((e: unknown) => {
      if (e !== undefined) throw e;
    });
    return lines;
  }

  it('finds the books of the demo shop right', async () => {
    expect(await ledgerMismatches(testDb().db)).toEqual([]);
  });

  it('reports a balance moved without its ledger row, for each kind of balance', async () => {
    expect(await reported((trx, id) => trx('vouchers').where('id', id.voucher).update({ balance_cents: 600 }))).toEqual([expect.stringMatching(/^voucher\.balance: voucher [2-9A-Z]{14}: balance €6\.00 ≠ ledger €7\.00$/)]);
    expect(await reported((trx, id) => trx('customer_accounts').where('customer_id', id.customer).update({ balance_cents: 400 }))).toEqual([expect.stringMatching(/^account\.balance: customer account LEDGER-1: balance €4\.00 ≠ ledger €5\.00$/)]);
    expect(await reported((trx, id) => trx('loyalty_balances').where('customer_id', id.customer).update({ visits: 2 }))).toEqual([expect.stringMatching(/^loyalty\.balance: loyalty LEDGER-1: 2 visits ≠ ledger 1$/)]);
    expect(await reported((trx, id) => trx('coupon_use_counts').insert({ code_id: id.code, scope: 'global', scope_key: '', uses: 1 }))).toEqual([expect.stringMatching(/^coupon\.counter: coupon code \S+: counter 1 ≠ 0 uses$/)]);
    // A stock figure can only be moved behind its ledger's back with its guard trigger disabled.
    expect(await reported(async (trx) => {
      await trx.raw('ALTER TABLE stock_levels DISABLE TRIGGER stock_levels_by_movement');
      await trx('stock_levels').where({ store_id: 1, item_id: trx('items').where('sku', 'BOUL-025').select('id') }).update({ qty: 40 });
    })).toEqual([expect.stringMatching(/^stock\.balance: stock BOUL-025 \(M01\): 40 in stock ≠ ledger 3$/)]);
  });

  it("reports a ledger row whose balance after does not follow from the one before it (a lost update's trace)", async () => {
    // Two spends each written from the same balance read: the total agrees, the second row does not.
    // Only with the ledgers' own triggers disabled: they write the balance after each row.
    const lost = await reported(async (trx, id) => {
      await trx.raw('ALTER TABLE loyalty_movements DISABLE TRIGGER zz_loyalty_movements_move');
      await trx('loyalty_movements').insert([
        { customer_id: id.customer, unit: 'points', kind: 'adjust', amount: -4, balance_after: 6, channel: 'backoffice' },
        { customer_id: id.customer, unit: 'points', kind: 'adjust', amount: -4, balance_after: 6, channel: 'backoffice' },
      ]);
      await trx('loyalty_balances').where('customer_id', id.customer).update({ points: 2 });
    });
    expect(lost).toEqual([expect.stringMatching(/^loyalty\.row: loyalty LEDGER-1: movement #\d+ \(-4 points\): 6 after ≠ 2 \(6 before it\)$/)]);
    expect(await reported((trx, id) => trx.raw('ALTER TABLE account_movements DISABLE TRIGGER zz_account_movements_move').then(() => trx('account_movements').insert({ customer_id: id.customer, kind: 'adjust', amount_cents: -100, balance_after_cents: 500 }).then(() => trx('customer_accounts').where('customer_id', id.customer).update({ balance_cents: 400 })))))
      .toEqual([expect.stringMatching(/^account\.row: customer account LEDGER-1: movement #\d+ \(-€1\.00\): balance after €5\.00 ≠ €4\.00 \(€5\.00 before it\)$/)]);
    expect(await reported((trx, id) => trx.raw('ALTER TABLE voucher_movements DISABLE TRIGGER zz_voucher_movements_move').then(() => trx('voucher_movements').insert({ voucher_id: id.voucher, kind: 'use', amount_cents: -100, balance_after_cents: 700, channel: 'web', order_ref: 'CMD-1' }).then(() => trx('vouchers').where('id', id.voucher).update({ balance_cents: 600 })))))
      .toEqual([expect.stringMatching(/^voucher\.row: voucher [2-9A-Z]{14}: movement #\d+ \(-€1\.00\): balance after €7\.00 ≠ €6\.00 \(€7\.00 before it\)$/)]);
    // A movement written with the figure it read, not the one it moved.
    expect(await reported(async (trx) => {
      await trx.raw('ALTER TABLE stock_movements DISABLE TRIGGER zz_stock_movements_move');
      await trx('stock_movements').insert({ id: 99_999_999, store_id: 1, item_id: trx('items').where('sku', 'BOUL-025').select('id'), kind: 'receive', qty: 1, qty_after: 1, operator_id: 1 });
    })).toEqual([expect.stringMatching(/^stock\.balance: stock BOUL-025 \(M01\): 3 in stock ≠ ledger 4$/), 'stock.row: stock BOUL-025 (M01): movement #99999999 (1): 1 after ≠ 4 (3 before it)']);
  });
});

// `pos check`'s use case against real PostgreSQL: the demo shop with a few sales is clean; each
// kind of break, made on purpose with the owner's SQL in a transaction rolled back afterwards
// (guards disabled where the schema would refuse it), is found and named, and nothing else is.
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertOwedReceipt } from '../../data/printJobs';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { breakText, checkDatabase } from './check';

describe('pos check', () => {
  const testDb = useTestDatabase();
  const sales: { id: number; ticketNo: number }[] = [];

  beforeAll(async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    for (const lines of [[['BOUL-001', 2]], [['BOUL-006', 1]], [['BOUL-025', 1]]] as [string, number][][]) {
      const { sale } = await commitSale(db, await saleRequest(db, { terminal: t01, lines }));
      sales.push({ id: sale.id, ticketNo: sale.ticketNo });
    }
  });

  /** The breaks found, in English, once `damage` is done; the books are put back after. */
  async function found(damage: (trx: Knex.Transaction) => Promise<unknown>): Promise<string[]> {
    let lines: string[] = [];
    // As the owner: no till may do this damage (src/data/tillRole.test.ts).
    await testDb()
      .owner.transaction(async (trx) => {
        await damage(trx);
        lines = (await checkDatabase(trx)).breaks.map((b) => `${b.invariant}: ${breakText(b, 'en')}`);
        await trx.rollback();
      })
      .catch((e: unknown) => {
        if (e !== undefined) throw e;
      });
    return lines;
  }

  const label = (n: number) => `T01-${String(n).padStart(6, '0')}`;

  it('finds the demo shop with its sales clean, and says what it read', async () => {
    const r = await checkDatabase(testDb().db);
    expect(r.breaks.map((b) => breakText(b, 'en'))).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ tickets: sales.length, printJobs: sales.length, waiting: sales.length });
    expect(r.counts.tills).toBeGreaterThan(0);
  });

  it("names a till's counter moved past its last ticket, and the gap a ticket numbered past it leaves", async () => {
    const last = sales.at(-1)!.ticketNo;
    expect(await found((trx) => trx('terminals').where('code', 'T01').increment('next_ticket_no', 2))).toEqual([
      `ticket.next: till T01: next number ${last + 3} ≠ last ticket + 1 (${last + 1})`,
    ]);
    expect(
      await found(async (trx) => {
        const s = await trx('sales').where('id', sales[0]!.id).first();
        await trx('sales').insert({ ...s, id: undefined, idempotency_key: 'gap', ticket_no: last + 4 });
        await trx('terminals').where('code', 'T01').update({ next_ticket_no: last + 5 });
      }),
    ).toEqual([`ticket.gap: till T01: tickets ${last + 1} to ${last + 3} are missing`]);
    expect(
      await found(async (trx) => {
        await trx.raw('ALTER TABLE sales DROP CONSTRAINT sales_terminal_id_ticket_no_unique');
        const s = await trx('sales').where('id', sales[0]!.id).first();
        await trx('sales').insert({ ...s, id: undefined, idempotency_key: 'twice' });
      }),
    ).toEqual(['ticket.repeated: till T01: 1 ticket number given twice']);
  });

  it('names a print job failed with no reason, one discarded with no audit line, and a second receipt', async () => {
    const { id, ticketNo } = sales[0]!;
    const job = async (trx: Knex.Transaction) => (await trx('print_jobs').where('sale_id', id).first('id')).id as string;
    expect(
      await found((trx) => trx('print_jobs').where('sale_id', id).update({ state: 'failed', attempts: 1, blocks: '[]', last_error: null })),
    ).toEqual([`print.failed: ticket ${label(ticketNo)}: print job ${await job(testDb().db as Knex.Transaction)} failed with no reason`]);
    expect(await found((trx) => trx('print_jobs').where('sale_id', id).update({ state: 'failed', attempts: 1, blocks: '[]', last_error: 'paper out' }))).toEqual([]);
    expect(await found((trx) => trx('print_jobs').where('sale_id', id).update({ state: 'discarded' }))).toEqual([
      `print.discarded: ticket ${label(ticketNo)}: print job ${await job(testDb().db as Knex.Transaction)} discarded with no audit line`,
    ]);
    // Discarded as `pos devices discard` does it: with its audit line, it is accounted for.
    expect(
      await found(async (trx) => {
        const jobId = await job(trx);
        await trx('print_jobs').where('id', jobId).update({ state: 'discarded' });
        await trx('audit_log').insert({ action: 'print_job_discarded', operator_id: 2, approver_id: 2, sale_id: id, details: { job_id: Number(jobId), reason: 'client parti' } });
      }),
    ).toEqual([]);
    expect(await found((trx) => insertOwedReceipt(trx, { terminalId: 1, operatorId: 1, saleId: id, title: label(ticketNo) }))).toEqual([
      `print.double: ticket ${label(ticketNo)}: 2 receipts instead of one`,
    ]);
  });

  it('names a coupon code used beyond its limit (global, per store, per customer), and a counter that is not its log', async () => {
    type Scope = 'global' | 'store' | 'customer';
    const limited = async (trx: Knex.Transaction, scope: Scope, uses: number, counted: number | null) => {
      // The books written by hand: the uses' own trigger (which keeps the counter) set aside.
      await trx.raw('ALTER TABLE coupon_uses DISABLE TRIGGER zz_coupon_uses_count');
      const code = await trx('coupon_codes').first('id', 'code', 'definition_id');
      const customer = (await trx('customers').insert({ code: 'CHECK-C', last_name: 'Coupon' }).returning('id'))[0].id as number;
      await trx('coupon_definitions').where('id', code.definition_id).update({ limit_scope: scope, limit_max: 1, customer_rule: scope === 'customer' ? 'required' : 'optional' });
      for (const s of sales.slice(0, uses)) {
        await trx('coupon_uses').insert({ code_id: code.id, sale_id: s.id, store_id: 1, terminal_id: 1, operator_id: 1, customer_id: customer, amount_cents: 10 });
      }
      const key = { global: '', store: '1', customer: String(customer) }[scope];
      if (counted !== null) await trx('coupon_use_counts').insert({ code_id: code.id, scope, scope_key: key, uses: counted });
    };
    const code = (await testDb().db('coupon_codes').first('code')).code as string;
    expect(await found((trx) => limited(trx, 'global', 1, 1))).toEqual([]);
    expect(await found((trx) => limited(trx, 'global', 2, 2))).toEqual([`coupon.limit: coupon code ${code}: 2 uses for a limit of 1`]);
    expect(await found((trx) => limited(trx, 'store', 2, 2))).toEqual([`coupon.limit: coupon code ${code} in store M01: 2 uses for a limit of 1`]);
    expect(await found((trx) => limited(trx, 'customer', 3, 3))).toEqual([`coupon.limit: coupon code ${code} for customer CHECK-C: 3 uses for a limit of 1`]);
    expect(await found((trx) => limited(trx, 'global', 1, 2))).toEqual([`coupon.counter: coupon code ${code}: counter 2 ≠ 1 uses`]);
    expect(await found((trx) => limited(trx, 'store', 1, 3))).toEqual([`coupon.counter: coupon code ${code} in store M01: counter 3 ≠ 1 uses`]);
  });

  it('names a balance moved without its ledger and a balance below its floor', async () => {
    const customer = async (trx: Knex.Transaction) => (await trx('customers').insert({ code: 'CHECK-1', last_name: 'Contrôle' }).returning('id'))[0].id as number;
    // An account driven below its overdraft limit, its ledger agreeing: the guard was dropped.
    expect(
      await found(async (trx) => {
        await trx.raw('ALTER TABLE customer_accounts DROP CONSTRAINT customer_accounts_within_limit');
        // The books written by hand: the ledger's own trigger (which moves the balance) set aside.
        await trx.raw('ALTER TABLE account_movements DISABLE TRIGGER zz_account_movements_move');
        const id = await customer(trx);
        await trx('customer_accounts').insert({ customer_id: id, balance_cents: -500, overdraft_limit_cents: 200 });
        await trx('account_movements').insert({ customer_id: id, kind: 'adjust', amount_cents: -500, balance_after_cents: -500, channel: 'backoffice' });
      }),
    ).toEqual(['account.floor: customer account CHECK-1: balance -€5.00 beyond the overdraft limit (-€2.00)']);
    expect(
      await found(async (trx) => {
        await trx.raw('ALTER TABLE account_movements DISABLE TRIGGER zz_account_movements_move');
        const id = await customer(trx);
        await trx('customer_accounts').insert({ customer_id: id, balance_cents: 1500, overdraft_limit_cents: 0 });
        await trx('account_movements').insert({ customer_id: id, kind: 'payment', method: 'cash', amount_cents: 1000, balance_after_cents: 1000, channel: 'backoffice' });
      }),
    ).toEqual(['account.balance: customer account CHECK-1: balance €15.00 ≠ ledger €10.00']);
  });

  it("names a gift card's balance moved without its ledger, and a sold line's returns that its return tickets do not account for", async () => {
    const { id, ticketNo } = sales[0]!;
    expect(
      await found(async (trx) => {
        await trx.raw('SET LOCAL session_replication_role = replica'); // a card on a line that sold none: the foreign keys would say so
        const [{ id: card }] = await trx('gift_cards')
          .insert({ code: '7700000000000042', kind: 'preprinted', initial_cents: 5000, balance_cents: 4000, status: 'active', store_id: 1, terminal_id: 1, sale_id: id, line_no: 1, sold_by: 1, expires_on: '2099-12-31', expires_at: '2100-01-01T00:00:00Z' })
          .returning('id');
        await trx('gift_card_movements').insert({ gift_card_id: card, kind: 'sold', amount_cents: 5000, balance_after_cents: 5000, channel: 'store', store_id: 1, terminal_id: 1, operator_id: 1, sale_id: id });
      }),
    ).toEqual(['giftCard.balance: gift card 7700000000000042: balance €40.00 ≠ ledger €50.00']);
    expect(
      await found((trx) => trx('sale_line_returns').insert({ sale_id: id, line_no: 1, sold_qty: 2, returned_qty: 1, sold_cents: 500, returned_cents: 250 })),
    ).toEqual([`return.line: ticket ${label(ticketNo)} line 1: 1 returned (€2.50) ≠ 0 on the return tickets (€0.00)`]);
  });

  it('says each break in French too', async () => {
    const last = sales.at(-1)!.ticketNo;
    let said: string[] = [];
    // As the owner: no till may do this damage (src/data/tillRole.test.ts).
    await testDb()
      .owner.transaction(async (trx) => {
        await trx('terminals').where('code', 'T01').increment('next_ticket_no', 1);
        said = (await checkDatabase(trx)).breaks.map((b) => breakText(b, 'fr'));
        await trx.rollback();
      })
      .catch((e: unknown) => {
        if (e !== undefined) throw e;
      });
    expect(said).toEqual([`caisse T01 : prochain numéro ${last + 2} ≠ dernier ticket + 1 (${last + 1})`]);
    const broken = { invariant: 'voucher.balance', key: 'check.voucher.balance' as const, params: { subject: 'V123' }, money: { a: 1000, b: 1500 } };
    expect(breakText(broken, 'fr')).toBe('bon d’achat V123 : solde 10,00 € ≠ registre 15,00 €');
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findItemByCode } from '../../data/items';
import { basketReducer, basketTotals, openBasket, type Basket } from '../../domain/basket';
import { formatVoucherCode } from '../../domain/voucherCode';
import { useTestDatabase } from '../../testing/db';
import { crossedDebits } from '../../testing/crossedDebits';
import { useTestTill } from '../../testing/till';
import { ledgerMismatches } from '../../testing/ledgers';
import { commitSale, type SaleRequest } from '../commitSale';
import type { Operator } from '../session';
import { type Till } from '../till';
import { newVoucherCode } from './codes';
import { issueVoucher } from './issue';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

// The voucher effect of commitSale (vouchers/effect.ts), on what vouchers.test.ts leaves unsaid:
// two tickets paying with the same two vouchers in opposite orders, a voucher named on two
// tenders, and a refund paid out as a voucher: the row it writes, what it says, and one whose
// tender lost its expiry.
describe('voucher effect at commit against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  const issue = async (amountCents: number) =>
    (await issueVoucher(till.db, till.config, { origin: 'trade_in', amountCents, terminal: till.terminal, operatorId: MANAGER.id, approver: MANAGER, note: 'vélo' })).code;

  async function bottles(qty: number): Promise<Basket> {
    const r = basketReducer(openBasket(randomUUID()), { type: 'add', item: (await findItemByCode(till.db, BORDEAUX))!, qty });
    if ('error' in r) throw new Error(r.error);
    return r.basket;
  }

  function request(basket: Basket, tenders: SaleRequest['payment']['tenders'], terminal = till.terminal): SaleRequest {
    return { terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket, payment: { totalCents: basketTotals(basket).totalCents, tenders } };
  }

  async function voucher(code: string) {
    const v = await till.db('vouchers').where('code', code).first();
    const moves = await till.db('voucher_movements').where('voucher_id', v.id).orderBy('id').select('kind', 'amount_cents', 'sale_id');
    return { v, balance: Number(v.balance_cents), moves: moves.map((m) => [m.kind, Number(m.amount_cents), m.sale_id === null ? null : Number(m.sale_id)]) };
  }

  const salesCount = async () => Number((await till.db('sales').count({ n: '*' }))[0]!.n);

  it('lets two tickets paid with the same two vouchers, named in opposite orders, both go through', async () => {
    const a = await issue(50_00);
    const b = await issue(50_00);
    await crossedDebits(testDb(), till, { kind: 'voucher', ledger: 'voucher_movements', codes: [a, b], basket: () => bottles(2), sku: BORDEAUX });
    expect((await voucher(a)).balance).toBe(50_00 - 10_00 - 7_98);
    expect((await voucher(b)).balance).toBe(50_00 - 7_98 - 10_00);
  });

  it('debits a voucher named on two tenders once, by their sum, and names it in what is left', async () => {
    const code = await issue(30_00);
    const shown = formatVoucherCode(code);
    const { sale, notes } = await commitSale(till.db, request(await bottles(2), [
      { kind: 'voucher', amountCents: 5_00, ref: shown }, { kind: 'cash', amountCents: 2_98 }, { kind: 'voucher', amountCents: 10_00, ref: code },
    ]));
    expect(notes).toEqual([{ key: 'voucher.note.balance', params: { code: shown }, money: { balance: 15_00 } }]);
    expect((await voucher(code)).moves).toEqual([['issue', 30_00, null], ['use', -15_00, sale.id]]);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('pays a refund out as a new voucher for no customer: its row, its ledger and what the cashier is told', async () => {
    const code = newVoucherCode();
    const expiry = { expiresOn: '2027-12-31', expiresAt: '2027-12-31T23:00:00.000Z' };
    const { sale, notes } = await commitSale(till.db, request(await bottles(-1), [{ kind: 'voucher', amountCents: -8_99, ref: formatVoucherCode(code), data: expiry }]));
    expect(notes).toEqual([{ key: 'voucher.note.issued', params: { code: formatVoucherCode(code), date: '31/12/2027' }, money: { amount: 8_99 } }]);
    const { v, moves } = await voucher(code);
    expect({
      origin: v.origin, initial: Number(v.initial_cents), customer: v.customer_id, store: v.store_id, terminal: v.terminal_id, sale: Number(v.sale_id),
      issuedBy: v.issued_by, approvedBy: v.approved_by, note: v.note, expiresAt: new Date(v.expires_at).toISOString(),
    }).toEqual({
      origin: 'refund', initial: 8_99, customer: null, store: till.terminal.storeId, terminal: till.terminal.id, sale: sale.id,
      issuedBy: 1, approvedBy: null, note: '', expiresAt: expiry.expiresAt,
    });
    expect(moves).toEqual([['issue', 8_99, expect.anything()]]);
  });

  it('refuses a refund voucher whose tender lost its expiry, writing nothing', async () => {
    const before = await salesCount();
    for (const data of [undefined, { expiresOn: '2027-12-31' }, { expiresAt: '2027-12-31T23:00:00.000Z' }] as (Record<string, string> | undefined)[]) {
      const code = newVoucherCode();
      await expect(commitSale(till.db, request(await bottles(-1), [{ kind: 'voucher', amountCents: -8_99, ref: formatVoucherCode(code), ...(data && { data }) }])))
        .rejects.toThrow(/^refund voucher .* without its expiry$/);
      expect(await till.db('vouchers').where('code', code)).toHaveLength(0);
    }
    expect(await salesCount()).toBe(before);
  });
});

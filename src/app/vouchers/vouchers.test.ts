import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import { vouchersOfCustomer } from '../../data/vouchers';
import { renderText } from '../../domain/receipt';
import { checkSymbol, formatVoucherCode } from '../../domain/voucherCode';
import { startApi } from '../../api/server';
import { outcomes, race, type Racer } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { useTestTill } from '../../testing/till';
import { ledgerMismatches } from '../../testing/ledgers';
import { createApiKey } from '../apiKeys';
import { commitSale } from '../commitSale';
import { createSale, type SaleOrder } from '../createSale';
import { Refusal } from '../errors';
import { voucherReceipt } from './receipt';
import type { Operator } from '../session';
import { type Till } from '../till';
import { findVouchers, showVoucher, voucherReport } from './browse';
import { cancelVoucher } from './cancel';
import { expireVouchers } from './expire';
import { issueVoucher } from './issue';
import { redeemVoucher, type Redemption } from './redeem';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const BAGUETTE = '3760000000017'; // 1,30 €
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };
const CASHIER: Operator = { id: 1, code: '1', name: 'Camille', role: 'cashier' };

/** What the ledger says a voucher holds, beside what its balance column says. */
async function books(db: Knex, code: string) {
  const [v] = await db('vouchers').where('code', code).select('id', 'balance_cents', 'initial_cents', 'status');
  const [row] = await db('voucher_movements').where('voucher_id', v.id).sum({ sum: 'amount_cents' });
  return { balance: v.balance_cents as number, ledger: Number(row!.sum), status: v.status as string, initial: v.initial_cents as number };
}

describe('store-credit vouchers against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  const issue = (amountCents: number, extra: { customerCode?: string; expiresOn?: string } = {}) =>
    issueVoucher(till.db, till.config, { origin: 'trade_in', amountCents, terminal: till.terminal, operatorId: MANAGER.id, approver: MANAGER, note: 'vélo', ...extra });
  const sale = (o: Partial<SaleOrder>) => createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });
  const web = (code: string, amountCents: number, extra: Partial<Redemption> = {}) =>
    redeemVoucher(till.db, { code, amountCents, channel: 'web', orderRef: `CMD-${randomUUID().slice(0, 8)}`, idempotencyKey: randomUUID(), storeId: till.terminal.storeId, ...extra });

  it('issues a trade-in voucher with a manager: a year of validity, its issue in the ledger, the audit line', async () => {
    const v = await issue(2500);
    expect(v).toMatchObject({ origin: 'trade_in', initialCents: 2500, balanceCents: 2500, status: 'active', storeCode: 'M01', note: 'vélo' });
    const days = (new Date(`${v.expiresOn}T12:00:00Z`).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(368);
    const { movements } = await showVoucher(till.db, formatVoucherCode(v.code).toLowerCase());
    expect(movements).toMatchObject([{ kind: 'issue', amountCents: 2500, balanceAfterCents: 2500, operatorName: 'Dominique', storeCode: 'M01', terminalCode: 'T01' }]);
    expect(await till.db('audit_log').where('action', 'voucher_issue').whereRaw("details->>'code' = ?", [v.code])).toMatchObject([{ approver_id: 2 }]);
  });

  it('refuses to issue without a manager, for nothing, for an unknown customer or to a past day', async () => {
    const base = { origin: 'manual' as const, amountCents: 1000, terminal: till.terminal, operatorId: 1 };
    await expect(issueVoucher(till.db, till.config, { ...base, approver: CASHIER })).rejects.toMatchObject({ key: 'approval.notManager' });
    await expect(issueVoucher(till.db, till.config, { ...base, approver: MANAGER, amountCents: 0 })).rejects.toMatchObject({ key: 'voucher.amountZero' });
    await expect(issueVoucher(till.db, till.config, { ...base, approver: MANAGER, amountCents: -5 })).rejects.toMatchObject({ key: 'voucher.amountNegative' });
    await expect(issueVoucher(till.db, till.config, { ...base, approver: MANAGER, customerCode: 'NOBODY' })).rejects.toMatchObject({ key: 'customer.unknownCode' });
    await expect(issueVoucher(till.db, till.config, { ...base, approver: MANAGER, expiresOn: '2020-01-01' })).rejects.toMatchObject({ key: 'voucher.expiryPast', params: { date: '01/01/2020' } });
  });

  it("refuses a voucher above the shop's ceiling (limits.voucherCents), issued by hand or for a refund, and writes nothing", async () => {
    const before = await till.db('vouchers').count<{ count: string }[]>({ count: '*' });
    const base = { origin: 'manual' as const, terminal: till.terminal, operatorId: 2, approver: MANAGER };
    await expect(issueVoucher(till.db, till.config, { ...base, amountCents: 5_000_01 })).rejects.toMatchObject({ key: 'limit.voucher', money: { max: 5_000_00 } });
    // 700 bottles brought back: 6 293 € paid out, at most 5 000 € of it as a voucher.
    const back = { lines: [{ code: BORDEAUX, qty: -700 }] };
    await expect(sale({ ...back, tenders: [{ kind: 'voucher', cents: 6_293_00 }] })).rejects.toMatchObject({ key: 'tender.exceedsBalance', params: { available: '5 000,00 €' } });
    expect(await till.db('vouchers').count<{ count: string }[]>({ count: '*' })).toEqual(before);
    const r = await sale({ ...back, tenders: [{ kind: 'voucher', cents: 5_000_00 }, { kind: 'cash', cents: 1_293_00 }] });
    expect(r.sale.tenders.map((t) => [t.kind, t.amountCents])).toEqual([['voucher', -5_000_00], ['cash', -1_293_00]]);
  });

  it('pays part of a sale, then all of another; the balance left shows on screen and on the receipt', async () => {
    const v = await issue(1000);
    const code = formatVoucherCode(v.code);
    const first = await sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 600, ref: code }, { kind: 'cash', cents: 299 }] });
    expect(first.notes).toEqual([{ key: 'voucher.note.balance', params: { code }, money: { balance: 400 } }]);
    expect(await books(till.db, v.code)).toEqual({ balance: 400, ledger: 400, status: 'active', initial: 1000 });
    const receipt = renderText(await voucherReceipt(till.db, first.sale, till.config), 42);
    expect(receipt).toMatch(new RegExp(`Solde bon ${code}\\s+4,00 €`));

    const second = await sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 400, ref: v.code }, { kind: 'card', cents: 499 }] });
    expect(second.notes).toEqual([{ key: 'voucher.note.usedUp', params: { code } }]);
    expect(await books(till.db, v.code)).toEqual({ balance: 0, ledger: 0, status: 'used', initial: 1000 });
    // A reprint of the first ticket still says what it left.
    expect(renderText(await voucherReceipt(till.db, first.sale, till.config), 42)).toMatch(/4,00 €/);

    const { movements } = await showVoucher(till.db, v.code);
    expect(movements.map((m) => [m.kind, m.amountCents, m.balanceAfterCents, m.channel, m.ticket])).toEqual([
      ['issue', 1000, 1000, null, null],
      ['use', -600, 400, 'store', `T01-${String(first.sale.ticketNo).padStart(6, '0')}`],
      ['use', -400, 0, 'store', `T01-${String(second.sale.ticketNo).padStart(6, '0')}`],
    ]);
    await expect(sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'voucher', cents: 130, ref: code }] })).rejects.toMatchObject({ key: 'voucher.used' });
  });

  it('refuses each bad voucher tender with its own message and writes nothing', async () => {
    const v = await issue(500);
    const code = formatVoucherCode(v.code);
    const before = await till.db('sales').count<{ n: string }[]>({ n: '*' });
    const pay = (ref: string, cents: number) => sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents, ref }, { kind: 'card', cents: Math.max(0, 899 - cents) }] });
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    await expect(pay(typo, 100)).rejects.toMatchObject({ key: 'voucher.codeMistyped' });
    await expect(pay('BA-12', 100)).rejects.toMatchObject({ key: 'voucher.codeMalformed' });
    const unknownBody = 'XXXXXXXXXXXXX';
    await expect(pay(unknownBody + checkSymbol(unknownBody), 100)).rejects.toMatchObject({ key: 'voucher.unknown' });
    await expect(pay(code, 600)).rejects.toMatchObject({ key: 'tender.exceedsBalance' });
    await expect(sale({ lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'voucher', cents: 200, ref: code }] })).rejects.toMatchObject({ key: 'tender.exceedsDue' });
    await expect(pay(code, 0)).rejects.toMatchObject({ key: 'tender.amountZero' });
    // The same voucher twice on one ticket can take no more than it holds in all.
    await expect(sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 300, ref: code }, { kind: 'voucher', cents: 300, ref: code }, { kind: 'cash', cents: 299 }] }))
      .rejects.toMatchObject({ key: 'tender.exceedsBalance' });
    await expect(sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 899 }] })).rejects.toMatchObject({ key: 'cli.tenderNeedsCode' });
    expect(await till.db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    expect(await books(till.db, v.code)).toMatchObject({ balance: 500, ledger: 500 });
  });

  it('pays out a refund as a new voucher, linked to the ticket, its customer and store, printed under the receipt', async () => {
    await till.db('customers').insert({ code: 'C-2001', first_name: 'Claire', last_name: 'Martin' });
    const r = await sale({ customerCode: 'C-2001', lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'voucher', cents: 899 }] });
    expect(r.sale.totalCents).toBe(-899);
    const ref = r.sale.tenders[0]!.ref!;
    expect(r.notes).toContainEqual({ key: 'voucher.note.issued', params: { code: ref, date: expect.any(String) }, money: { amount: 899 } });
    const { voucher, movements } = await showVoucher(till.db, ref);
    expect(voucher).toMatchObject({ origin: 'refund', initialCents: 899, balanceCents: 899, status: 'active', storeCode: 'M01', customer: { code: 'C-2001', name: 'Martin Claire' } });
    expect(voucher.ticket).toBe(`T01-${String(r.sale.ticketNo).padStart(6, '0')}`);
    expect(movements).toMatchObject([{ kind: 'issue', amountCents: 899, ticket: voucher.ticket }]);
    const paper = renderText(await voucherReceipt(till.db, r.sale, till.config), 42);
    expect(paper).toContain('BON D’ACHAT');
    expect(paper).toContain(ref);
    expect(paper).toContain(`[QR ${voucher.code}]`);
    // The customer's record lists it.
    const mine = await vouchersOfCustomer(till.db, voucher.customer!.id);
    expect(mine.map((x) => [x.code, x.movements.length])).toEqual([[voucher.code, 1]]);
    // The same order sent again under its key: the same ticket, no second voucher.
    const again = await sale({ key: r.sale.key, customerCode: 'C-2001', lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'voucher', cents: 899 }] });
    expect(again).toMatchObject({ created: false, notes: [] });
    expect(again.sale.id).toBe(r.sale.id);
    expect(await till.db('vouchers').where('sale_id', r.sale.id)).toHaveLength(1);
  });

  it('redeems on the web with an idempotency key: a retry takes nothing twice, another use of the key is refused', async () => {
    const v = await issue(3000);
    const key = randomUUID();
    const first = await web(v.code, 1200, { idempotencyKey: key, orderRef: 'CMD-1' });
    expect(first).toMatchObject({ replayed: false, amountCents: 1200, balanceAfterCents: 1800, channel: 'web', orderRef: 'CMD-1' });
    const retry = await web(v.code, 1200, { idempotencyKey: key, orderRef: 'CMD-1' });
    expect(retry).toMatchObject({ replayed: true, amountCents: 1200, balanceAfterCents: 1800 });
    await expect(web(v.code, 1300, { idempotencyKey: key, orderRef: 'CMD-1' })).rejects.toMatchObject({ key: 'voucher.keyReused' });
    // Two copies of one request held at the database together: one takes the money, both get its answer.
    const twin = randomUUID();
    const copy = () => web(v.code, 100, { idempotencyKey: twin, orderRef: 'CMD-2', channel: 'pickup' });
    const { won: both } = outcomes(await race(testDb(), { before: 'UPDATE', table: 'vouchers' }, [copy, copy]));
    expect(both.map((b) => [b.balanceAfterCents, b.replayed]).sort()).toEqual([[1700, false], [1700, true]]);
    expect(await books(till.db, v.code)).toMatchObject({ balance: 1700, ledger: 1700 });
    const { movements } = await showVoucher(till.db, v.code);
    expect(movements.slice(1).map((m) => [m.channel, m.orderRef, m.storeCode])).toEqual([['web', 'CMD-1', 'M01'], ['pickup', 'CMD-2', 'M01']]);
    // A retry after the first use emptied the voucher still gets the first answer; the key on another voucher takes nothing from it.
    const last = randomUUID();
    expect(await web(v.code, 1700, { idempotencyKey: last, orderRef: 'CMD-3' })).toMatchObject({ replayed: false, balanceAfterCents: 0 });
    expect(await web(v.code, 1700, { idempotencyKey: last, orderRef: 'CMD-3' })).toMatchObject({ replayed: true, balanceAfterCents: 0 });
    const other = await issue(500);
    await expect(web(other.code, 100, { idempotencyKey: last, orderRef: 'CMD-3' })).rejects.toMatchObject({ key: 'voucher.keyReused' });
    expect(await books(till.db, other.code)).toMatchObject({ balance: 500, ledger: 500 });
  });

  it('refuses bad redemptions before the database, each with its reason; the loser hears the balance', async () => {
    const v = await issue(1000);
    await expect(web(v.code, 0)).rejects.toMatchObject({ key: 'voucher.amountZero' });
    await expect(web(v.code, -100)).rejects.toMatchObject({ key: 'voucher.amountNegative' });
    await expect(web(v.code, 100, { channel: 'mail' as never })).rejects.toMatchObject({ key: 'voucher.channelInvalid' });
    await expect(web(v.code, 100, { orderRef: '' })).rejects.toMatchObject({ key: 'voucher.orderRefInvalid' });
    await expect(web(v.code, 1001)).rejects.toMatchObject({ key: 'voucher.amountAboveBalance', money: { balance: 1000 } });
    expect(await books(till.db, v.code)).toMatchObject({ balance: 1000, ledger: 1000 });
  });

  it('never pays more than it holds: two tills, the e-shop through the API and a pickup, all held at the database at once', async () => {
    const v = await issue(1500); // three uses of 5 €, four wanted
    const api = await startApi({ db: till.db, config: till.config, log: { error: () => undefined, warn: () => undefined } }, '127.0.0.1', 0);
    const otherTill = openDb({ url: testDb().url, poolMax: 2 });
    const { key } = await createApiKey(till.db, `eshop-${randomUUID().slice(0, 8)}`, 'M01');
    const counterBefore = await till.db('terminals').whereIn('code', ['T01', 'T02']).orderBy('code').pluck('next_ticket_no');
    const { basketReducer, basketTotals, openBasket } = await import('../../domain/basket');
    const { findItemByCode } = await import('../../data/items');
    const t02 = await till.db('terminals').where('code', 'T02').first('id', 'store_id');
    const r = basketReducer(openBasket(randomUUID()), { type: 'add', item: (await findItemByCode(till.db, BORDEAUX))!, qty: 1 });
    if ('error' in r) throw new Error(r.error);
    const racers: Racer<unknown>[] = [
      // T01 through `pos sale create`; T02, another till with its own connections, through the payment screen's commit.
      () => sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 500, ref: v.code }, { kind: 'cash', cents: 399 }] }),
      () => commitSale(otherTill, { terminalId: t02.id, storeId: t02.store_id, operatorId: 1, basket: r.basket, payment: { totalCents: basketTotals(r.basket).totalCents, tenders: [{ kind: 'voucher', amountCents: 500, ref: v.code }, { kind: 'cash', amountCents: 399 }] } }),
      async () => {
        const res = await fetch(`${api.url}/v1/vouchers/${v.code}/redeem`, {
          method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ amount_cents: 500, channel: 'web', order_ref: 'CMD-WEB', idempotency_key: randomUUID() }),
        });
        const body = (await res.json()) as { error?: string };
        if (res.status !== 200) throw Object.assign(new Error(body.error), { key: body.error, status: res.status });
        return body;
      },
      () => web(v.code, 500, { channel: 'pickup', orderRef: 'CMD-PICKUP' }),
    ];
    try {
      const { won, lost } = outcomes(await race(testDb(), { before: 'UPDATE', table: 'vouchers' }, racers));
      expect(won).toHaveLength(3);
      expect(lost).toHaveLength(1);
      // The last one finds it used up: a refusal with its reason (409 from the API), never a fault.
      expect(lost[0]).toMatchObject({ key: 'voucher.used' });
      if ('status' in (lost[0] as object)) expect(lost[0]).toMatchObject({ status: 409 });
      else expect(lost[0]).toBeInstanceOf(Refusal);
    } finally {
      await api.close();
      await otherTill.destroy();
    }
    const b = await books(till.db, v.code);
    expect(b).toMatchObject({ balance: 0, ledger: 0, status: 'used' });
    expect(await till.db('voucher_movements').where({ voucher_id: v.id, kind: 'use' })).toHaveLength(3);
    expect(await ledgerMismatches(till.db)).toEqual([]);
    // A refused sale gave its ticket number back: the tickets written are numbered without gaps.
    const sales = await till.db('voucher_movements').where({ voucher_id: v.id, kind: 'use' }).whereNotNull('sale_id').count<{ n: string }[]>({ n: '*' });
    const counterAfter = await till.db('terminals').whereIn('code', ['T01', 'T02']).orderBy('code').pluck('next_ticket_no');
    expect(counterAfter[0]! - counterBefore[0]! + counterAfter[1]! - counterBefore[1]!).toBe(Number(sales[0]!.n));
  });

  it('takes two vouchers on one ticket, locked in order, and rolls the ticket back whole if one falls short', async () => {
    const a = await issue(300);
    const b = await issue(300);
    const ok = await sale({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'voucher', cents: 300, ref: b.code }, { kind: 'voucher', cents: 200, ref: a.code }, { kind: 'cash', cents: 399 }] });
    expect(ok.notes.map((n) => n.key).sort()).toEqual(['voucher.note.balance', 'voucher.note.usedUp']);
    // Spent elsewhere between the lookup and the commit: the sale is refused with the balance left, nothing is written.
    const c = await issue(500);
    const d = await issue(500);
    const { basketReducer, basketTotals, openBasket } = await import('../../domain/basket');
    const { findItemByCode } = await import('../../data/items');
    const r = basketReducer(openBasket(randomUUID()), { type: 'add', item: (await findItemByCode(till.db, BORDEAUX))!, qty: 1 });
    if ('error' in r) throw new Error(r.error);
    await web(d.code, 400);
    const tenders = [{ kind: 'voucher' as const, amountCents: 450, ref: c.code }, { kind: 'voucher' as const, amountCents: 449, ref: d.code }];
    const refused = commitSale(till.db, { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket: r.basket, payment: { totalCents: basketTotals(r.basket).totalCents, tenders } });
    await expect(refused).rejects.toMatchObject({ key: 'voucher.amountAboveBalance', money: { balance: 100 } });
    expect(await books(till.db, c.code)).toMatchObject({ balance: 500, ledger: 500 });
    expect(await till.db('sales').where('idempotency_key', r.basket.key)).toHaveLength(0);
  });

  it('cancels what is left, by a manager only; the ledger keeps what was written off', async () => {
    const v = await issue(700);
    await web(v.code, 200);
    await expect(cancelVoucher(till.db, { code: v.code, manager: CASHIER, terminal: till.terminal })).rejects.toMatchObject({ key: 'approval.notManager' });
    const cancelled = await cancelVoucher(till.db, { code: v.code, manager: MANAGER, terminal: till.terminal, reason: 'perdu' });
    expect(cancelled).toMatchObject({ status: 'cancelled', balanceCents: 0 });
    expect(await books(till.db, v.code)).toMatchObject({ balance: 0, ledger: 0, status: 'cancelled' });
    const { movements } = await showVoucher(till.db, v.code);
    expect(movements.at(-1)).toMatchObject({ kind: 'cancel', amountCents: -500, balanceAfterCents: 0, operatorName: 'Dominique' });
    await expect(cancelVoucher(till.db, { code: v.code, manager: MANAGER, terminal: till.terminal })).rejects.toMatchObject({ key: 'voucher.cancelled' });
    await expect(web(v.code, 100)).rejects.toMatchObject({ key: 'voucher.cancelled' });
  });

  it('expires vouchers past their last day, once however often it runs, and the report follows the ledger through time', async () => {
    const db = till.db;
    // A voucher of 40 € issued in January, 15 € used in February, its last day in March.
    const code = 'ZZZZZZZZZZZZZ' + checkSymbol('ZZZZZZZZZZZZZ');
    // The past is written by the owner: the voucher (its trigger writes the issue row, dated as the
    // voucher), its use while it was valid, then its last day put back in March.
    const owner = testDb().owner;
    const { id } = await owner.raw(
      `INSERT INTO vouchers (code, origin, initial_cents, store_id, issued_by, approved_by, created_at, expires_on, expires_at)
       VALUES (?, 'manual', 4000, ?, 2, 2, '2026-01-10T10:00:00+01', '2099-12-31', '2100-01-01T00:00:00+01') RETURNING id`,
      [code, till.terminal.storeId],
    ).then((r: { rows: { id: number }[] }) => r.rows[0]!);
    await owner('voucher_movements').insert({ voucher_id: id, kind: 'use', amount_cents: -1500, channel: 'web', order_ref: 'CMD-9', at: '2026-02-14T15:00:00+01' });
    await owner('vouchers').where({ id }).update({ expires_on: '2026-03-31', expires_at: '2026-04-01T00:00:00+02' });
    await expect(web(code, 100)).rejects.toMatchObject({ key: 'voucher.expired', params: { date: '31/03/2026' } });

    const before = await voucherReport(db, '2026-02-01', 'Europe/Paris');
    expect(before).toMatchObject({ outstandingCents: 4000, vouchers: 1, issuedCents: 4000, usedCents: 0 });
    const march = await voucherReport(db, '2026-03-30', 'Europe/Paris');
    expect(march).toMatchObject({ outstandingCents: 2500, usedCents: 1500 });
    // Past its last day it is owed no more, even before the job marks it.
    const april = await voucherReport(db, '2026-04-01', 'Europe/Paris');
    expect(april).toMatchObject({ outstandingCents: 0, vouchers: 0, lapsedCents: 2500 });

    const run1 = await expireVouchers(db);
    expect(run1.vouchers).toContainEqual({ code, amountCents: 2500 });
    expect((await expireVouchers(db)).vouchers).toEqual([]);
    expect(await books(db, code)).toMatchObject({ balance: 0, ledger: 0, status: 'expired' });
    const now = await voucherReport(db, null, 'Europe/Paris');
    expect(now.expiredCents).toBeGreaterThanOrEqual(2500);
    expect(now.lapsedCents).toBe(0);
    // Whatever day it is asked for, the figures add up.
    for (const day of ['2026-02-01', '2026-03-30', '2026-03-31', '2026-04-01', null]) {
      const l = await voucherReport(db, day, 'Europe/Paris');
      expect(l.issuedCents - l.usedCents - l.cancelledCents - l.expiredCents - l.lapsedCents).toBe(l.outstandingCents);
    }
    await expect(voucherReport(db, '31/02/2026', 'Europe/Paris')).rejects.toMatchObject({ key: 'day.noSuchDay', params: { days: 28 } });
  });

  it('finds vouchers by code, customer, period and status, a page at a time', async () => {
    const customerId = ((await till.db('customers').insert({ code: 'C-3001', first_name: 'Hélène', last_name: 'Durand' }).returning('id')) as { id: number }[])[0]!.id;
    const mine = [await issue(100, { customerCode: 'C-3001' }), await issue(200, { customerCode: 'C-3001' }), await issue(300, { customerCode: 'C-3001' })];
    await web(mine[0]!.code, 100);
    const tz = till.config.timeZone;
    const byName = await findVouchers(till.db, { customer: 'helene' }, tz, { limit: 2, offset: 0 });
    expect(byName.total).toBe(3);
    expect(byName.vouchers.map((v) => v.initialCents)).toEqual([300, 200]);
    expect((await findVouchers(till.db, { customer: 'helene' }, tz, { limit: 2, offset: 2 })).vouchers.map((v) => v.initialCents)).toEqual([100]);
    expect((await findVouchers(till.db, { customer: 'C-3001', status: 'used' }, tz, { limit: 10, offset: 0 })).vouchers.map((v) => v.code)).toEqual([mine[0]!.code]);
    expect((await findVouchers(till.db, { code: formatVoucherCode(mine[1]!.code).slice(0, 7) }, tz, { limit: 10, offset: 0 })).vouchers.map((v) => v.code)).toContain(mine[1]!.code);
    expect((await findVouchers(till.db, { customer: 'C-3001', from: '01/01/2020', to: '31/12/2020' }, tz, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await findVouchers(till.db, { customer: 'C-3001', to: '31/12/2030' }, tz, { limit: 10, offset: 0 })).total).toBe(3);
    expect((await findVouchers(till.db, { customer: 'C-3001' }, tz, { limit: 10, offset: 30 }))).toEqual({ total: 3, vouchers: [] });
    await expect(findVouchers(till.db, { status: 'perdu' }, tz, { limit: 1, offset: 0 })).rejects.toMatchObject({ key: 'voucher.statusInvalid' });
    await expect(findVouchers(till.db, { from: '02/01/2027', to: '01/01/2027' }, tz, { limit: 1, offset: 0 })).rejects.toMatchObject({ key: 'voucher.periodInvalid' });
    expect((await vouchersOfCustomer(till.db, customerId)).map((v) => v.initialCents)).toEqual([300, 200, 100]);
  });

  it('finds a code by its beginning through an index, whatever the collation of the database', async () => {
    // Sequential scans priced out: the plan shows whether any index can serve LIKE 'prefix%' at all.
    const plan = await till.db.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const { rows } = await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>("EXPLAIN SELECT id FROM vouchers v WHERE v.code LIKE 'K7QM%' ESCAPE '\\'");
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Cond: .*code/);
    expect(plan).not.toContain('Seq Scan');
  });
});

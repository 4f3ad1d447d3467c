// Training mode ("mode école") against real PostgreSQL: the switch is a manager's, journalled;
// training tickets are marked by the database, sealed in a chain of their own that `pos verify`
// walks, printed FACTICE, left out of every total (X, Z, reports), refused what would touch real
// balances, and move no stock; the books' invariants still hold.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load';
import { fixedClock } from '../../domain/clock';
import { receiptBlocks, renderText } from '../../domain/receipt';
import { salesFigures } from '../../data/reports/sales';
import { paymentFigures } from '../../data/reports/payments';
import { switchTrainingMode, trainingMode } from '../../data/training';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { sellAt } from '../../testing/sellAt';
import { checkDatabase } from '../check/check';
import { closeNow } from '../closings/service';
import { headsPath, readHeads } from '../closings/heads';
import { xReport } from '../closings/xReport';
import { checkBeforePayment } from '../beforePayment';
import { commitSale } from '../commitSale';
import { Refusal } from '../errors';
import { receiptText } from '../receipts';
import { SOFTWARE } from '../software';
import { verifyChains } from './verify';

let t: TestDatabase;
let dataDir: string;
const MANAGER = 2;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'pos-training-'));
});
afterAll(async () => {
  await dropTestDatabase(t);
  await rm(dataDir, { recursive: true, force: true });
});

const config = (at: string) => ({ timeZone: 'Europe/Paris', dataDir, clock: fixedClock(at), closings: { autoClose: true, fiscalYearStartMonth: 1 } });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof Refusal ? e.key : e));

describe('training mode', () => {
  it('is switched by a manager, journalled; its tickets are sealed apart, printed FACTICE and counted nowhere', async () => {
    const t01 = await terminal(t.db, 'T01');
    const scope = { scope: 'terminal' as const, storeId: t01.storeId, terminalId: t01.id };
    const real = await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 2]]);
    const fake = await sellAt(t.db, 'T01', '2026-11-20T11:00:00+01:00', [['CAVE-001', 3]], { training: true });
    expect(real.sale.training).toBeUndefined();
    expect(fake.sale.training).toBe(true);
    // The database marked it, sealed it in the till's training chain, and moved no stock for it.
    expect((await t.db('sales').where('id', fake.sale.id).first('training')).training).toBe(true);
    expect(await t.db('fiscal_seals').where({ ref_id: fake.sale.id }).whereIn('chain', ['ticket', 'training']).pluck('chain')).toEqual(['training']);
    expect(await t.db('fiscal_seals').where({ ref_id: real.sale.id }).whereIn('chain', ['ticket', 'training']).pluck('chain')).toEqual(['ticket']);
    const moves = async (saleId: number) => Number((await t.db('stock_movements').where('sale_id', saleId).count('* as n').first())!.n);
    expect(await moves(fake.sale.id)).toBe(0);
    expect(await moves(real.sale.id)).toBeGreaterThan(0);

    // X, reports: the real ticket only.
    const x = await xReport(t.db, config('2026-11-20T12:00:00+01:00'), scope);
    expect(x.totals).toMatchObject({ tickets: 1, totalCents: real.sale.totalCents });
    const filter = { period: { from: '2026-11-20', to: '2026-11-20' }, timeZone: 'Europe/Paris', storeId: t01.storeId };
    expect((await salesFigures(t.db, filter)).tickets).toBe(1);
    const pay = await paymentFigures(t.db, filter);
    expect(pay.tickets).toBe(1);

    // The Z counts the real ticket; a training ticket after it is still let in (it is in no period), and still counted nowhere.
    const z = (await closeNow(t.db, config('2026-11-20T20:00:00+01:00'), { scope, kind: 'day', operatorId: MANAGER, via: 'test', terminalId: t01.id })).closings.at(-1)!;
    expect(z.totals).toMatchObject({ tickets: 1, totalCents: real.sale.totalCents, firstTicketNo: real.sale.ticketNo, lastTicketNo: real.sale.ticketNo });
    expect(z.perpetualCents).toBe(real.sale.totalCents);
    const late = await sellAt(t.db, 'T01', '2026-11-20T21:00:00+01:00', [['BOUL-001', 1]], { training: true });
    expect(late.sale.training).toBe(true);
    expect(await refusal(sellAt(t.db, 'T01', '2026-11-20T21:30:00+01:00', [['BOUL-001', 1]]))).toBe('closing.dayClosed');
    // Nor does the payment screen refuse a training ticket for the closed day; it does a real one.
    const { basket } = await saleRequest(t.db, { terminal: t01, lines: [['BOUL-001', 1]] });
    const before = () => checkBeforePayment(t.db, basket, { storeId: t01.storeId, terminalId: t01.id }, { clock: fixedClock('2026-11-20T21:45:00+01:00') });
    await switchTrainingMode(t.db, t01.id, true, MANAGER);
    await expect(before()).resolves.toBeUndefined();
    await switchTrainingMode(t.db, t01.id, false, MANAGER);
    expect(await refusal(before())).toBe('closing.dayClosed');
    const month = (await closeNow(t.db, config('2026-12-01T08:00:00+01:00'), { scope, kind: 'month', day: '2026-11-01', operatorId: MANAGER, via: 'test', terminalId: t01.id })).closings.at(-1)!;
    expect(month.totals.totalCents).toBe(real.sale.totalCents);

    // Its chain is verified with the others, and its head goes into the heads file.
    const verified = await verifyChains(t.db, { headsFile: headsPath(dataDir) });
    expect(verified.breaks).toEqual([]);
    const heads = (await readHeads(t.db, headsPath(dataDir)))!;
    expect(heads.valid).toBe(true);
    expect(heads.doc.seals.find((h) => h.chain === 'training' && h.terminalId === t01.id)).toMatchObject({ seq: 2, ticketNo: null });
    expect((await checkDatabase(t.db)).breaks).toEqual([]);

    // Its receipt says FACTICE, top and bottom; a real one does not.
    const cfg = loadConfig({ root: '/nonexistent', env: {} });
    const text = receiptText(cfg, fake.sale);
    expect(text.split('\n').filter((l) => l.includes('FACTICE'))).toHaveLength(2);
    expect(text).toContain('Ticket d’entraînement, sans valeur');
    expect(receiptText(cfg, real.sale)).not.toContain('FACTICE');
    expect(renderText(receiptBlocks(fake.sale, { lang: 'en', timeZone: 'Europe/Paris', software: SOFTWARE }), 42)).toContain('*** FACTICE – TRAINING ***');
  });

  it('switches a till with its journal event, decides online sales by the till’s mode, and refuses what would touch real balances', async () => {
    const t02 = await terminal(t.db, 'T02');
    expect(await switchTrainingMode(t.db, t02.id, true, MANAGER)).toBe(true);
    expect(await switchTrainingMode(t.db, t02.id, true, MANAGER)).toBe(false);
    expect(await trainingMode(t.db, t02.id)).toBe(true);
    const on = await t.db('journal_events').where({ terminal_id: t02.id, kind: 'training_on' }).first();
    expect(on).toMatchObject({ operator_id: MANAGER });

    const req = await saleRequest(t.db, { terminal: t02, lines: [['BOUL-001', 1]] });
    // The till believed it was not in training mode: refused, nothing written.
    expect(await refusal(commitSale(t.db, { ...req, training: false }, { receipt: false }))).toBe('training.nowOn');
    const sold = await commitSale(t.db, req, { receipt: false });
    expect(sold.sale.training).toBe(true);
    expect(await t.db('fiscal_seals').where({ ref_id: sold.sale.id }).whereIn('chain', ['ticket', 'training']).pluck('chain')).toEqual(['training']);

    const byVoucher = await saleRequest(t.db, { terminal: t02, lines: [['BOUL-001', 1]] });
    const voucher = { ...byVoucher, payment: { ...byVoucher.payment, tenders: byVoucher.payment.tenders.map((x) => ({ ...x, kind: 'voucher' as const, ref: 'BA-000001' })) } };
    expect(await refusal(commitSale(t.db, voucher, { receipt: false }))).toBe('training.tender');
    const withCustomer = await saleRequest(t.db, { terminal: t02, lines: [['BOUL-001', 1]] });
    const customer = { ...withCustomer, basket: { ...withCustomer.basket, customer: { id: 1 } as never } };
    expect(await refusal(commitSale(t.db, customer, { receipt: false }))).toBe('training.customer');

    // No closing from a till in training mode: it would be printed FACTICE.
    const scope = { scope: 'terminal' as const, storeId: t02.storeId, terminalId: t02.id };
    expect(await refusal(closeNow(t.db, config('2026-11-26T20:00:00+01:00'), { scope, kind: 'day', operatorId: MANAGER, via: 'test', terminalId: t02.id }))).toBe('training.noClosing');
    expect(await switchTrainingMode(t.db, t02.id, false, MANAGER)).toBe(true);
    expect(await t.db('journal_events').where({ terminal_id: t02.id, kind: 'training_off' }).first()).toBeTruthy();
    const realNow = await commitSale(t.db, await saleRequest(t.db, { terminal: t02, lines: [['BOUL-001', 1]] }), { receipt: false });
    expect(realNow.sale.training).toBeUndefined();
    expect((await verifyChains(t.db)).breaks).toEqual([]);
    expect((await checkDatabase(t.db)).breaks).toEqual([]);
  });

  it('names a real ticket marked training behind the till’s back (it would leave every total)', async () => {
    const real = await sellAt(t.db, 'T02', '2026-11-25T10:00:00+01:00', [['EPIC-001', 1]]);
    let breaks: Awaited<ReturnType<typeof verifyChains>>['breaks'] = [];
    await t.owner.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx('sales').where('id', real.sale.id).update({ training: true });
      breaks = (await verifyChains(trx as unknown as Knex)).breaks;
      await trx.rollback();
    }).catch((e: unknown) => {
      if (e !== undefined) throw e;
    });
    const marked = breaks.filter((b) => b.field === 'training');
    expect(marked).toEqual([expect.objectContaining({ chain: 'ticket', kind: 'changed', sealed: 'false', found: 'true', terminal: 'T02' })]);
  });
});

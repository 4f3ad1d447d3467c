import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../../testing/db';
import { sellAt } from '../../testing/sellAt';
import { saleRequest, terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { checkBeforePayment } from '../beforePayment';
import { until } from '../../testing/until';
import { fixedClock } from '../../domain/clock';
import { migrationConfig } from '../../data/migrations';
import { lastClosing, type Scope } from '../../data/closings';
import { closeNow, type ClosingConfig } from './service';
import { verifyClosings } from './verify';
import { headsPath } from './heads';
import { xReport } from './xReport';
import { Refusal } from '../errors';
import { closeTicketBlock, reserveTicketBlock } from '../../data/ticketBlocks';

// Closings against a real database, each test in a database of its own (a closed day refuses
// later sales into it, whatever test made them). Dates come from an injected clock and tickets
// are dated in the past (committed as sales made through an outage are), never by the real date.

let t: TestDatabase;
let dataDir: string;
beforeEach(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'pos-closings-'));
});
afterEach(async () => {
  await dropTestDatabase(t);
  await rm(dataDir, { recursive: true, force: true });
});

const config = (at: string, autoClose = true): ClosingConfig => ({ timeZone: 'Europe/Paris', dataDir, clock: fixedClock(at), closings: { autoClose, fiscalYearStartMonth: 1 } });
const MANAGER = 2;

async function scopes(): Promise<{ t1: Scope; t2: Scope; store: Scope }> {
  const a = await terminal(t.db, 'T01');
  const b = await terminal(t.db, 'T02');
  return {
    t1: { scope: 'terminal', storeId: a.storeId, terminalId: a.id },
    t2: { scope: 'terminal', storeId: b.storeId, terminalId: b.id },
    store: { scope: 'store', storeId: a.storeId, terminalId: null },
  };
}

const close = (at: string, scope: Scope, kind: 'day' | 'month' | 'year', day?: string) =>
  closeNow(t.db, config(at), { scope, kind, day, operatorId: MANAGER, via: 'test', terminalId: scope.terminalId });

describe('closings', () => {
  it('closes two tills at once, then their store, each with totals by VAT rate and tender, chained and verified', async () => {
    const s = await scopes();
    // 20/11/2026, Paris: two tickets on T01 (cash, card), one on T02; one on T01 the day before.
    await sellAt(t.db, 'T01', '2026-11-19T10:00:00+01:00', [['BOUL-001', 2]]);
    const a = await sellAt(t.db, 'T01', '2026-11-20T09:00:00+01:00', [['BOUL-001', 1], ['CAVE-001', 1]]);
    const b = await sellAt(t.db, 'T01', '2026-11-20T23:30:00+01:00', [['EPIC-001', 3]], { tenders: [['card', null]] });
    const c = await sellAt(t.db, 'T02', '2026-11-20T00:10:00+01:00', [['SNAK-001', 2]]);

    const [z1, z2] = await Promise.all([close('2026-11-20T23:50:00+01:00', s.t1, 'day'), close('2026-11-20T23:50:00+01:00', s.t2, 'day')]);
    // T01's open 19/11 was closed first, automatically.
    expect(z1.closings.map((x) => [x.firstDay, x.automatic])).toEqual([['2026-11-19', true], ['2026-11-20', false]]);
    const day1 = z1.closings[1]!;
    expect(day1.totals.tickets).toBe(2);
    expect(day1.totals.totalCents).toBe(a.sale.totalCents + b.sale.totalCents);
    expect(day1.totals.byTender).toEqual([{ kind: 'card', cents: b.sale.totalCents }, { kind: 'cash', cents: a.sale.totalCents }]);
    expect(day1.totals.byVat.map((v) => v.rateBp)).toEqual([550, 2000]);
    expect(day1.totals.byVat.reduce((n, v) => n + v.grossCents, 0)).toBe(day1.totals.totalCents);
    expect(day1.perpetualCents).toBe(z1.closings[0]!.totals.totalCents + day1.totals.totalCents);
    expect(day1.prevHash).toBe(z1.closings[0]!.hash);
    expect(z2.closings.map((x) => x.totals.totalCents)).toEqual([c.sale.totalCents]);

    const store = await close('2026-11-20T23:55:00+01:00', s.store, 'day', '2026-11-19');
    const storeDay = (await close('2026-11-20T23:55:00+01:00', s.store, 'day')).closings.at(-1)!;
    expect(store.closings.at(-1)!.totals.totalCents).toBe(z1.closings[0]!.totals.totalCents);
    expect(storeDay.totals.totalCents).toBe(day1.totals.totalCents + c.sale.totalCents);
    expect(storeDay.perpetualCents).toBe(z1.closings[0]!.totals.totalCents + storeDay.totals.totalCents);

    // The month, on 02/12: built on the store's days.
    const month = (await close('2026-12-02T08:00:00+01:00', s.store, 'month', '2026-11-01')).closings.at(-1)!;
    expect(month.kind).toBe('month');
    expect(month.totals.totalCents).toBe(storeDay.perpetualCents);
    expect(month.perpetualCents).toBe(storeDay.perpetualCents);
    expect(await verifyClosings(t.db, { headsFile: headsPath(dataDir) })).toEqual([]);

    // The heads file names the last closing of each chain, signed.
    const heads = JSON.parse(await readFile(headsPath(dataDir), 'utf8'));
    expect(heads.closings.find((h: { chain: string }) => h.chain === `store:${s.store.storeId}::month`).hash).toBe(month.hash);
    // …and the head of each till's ticket chain (and journal), as the fiscal seal has them.
    const sealed = await t.db('fiscal_heads').where('chain', 'ticket').orderBy('terminal_id');
    expect(heads.seals.filter((h: { chain: string }) => h.chain === 'ticket').map((h: { terminalId: number; seq: number; hash: string }) => [h.terminalId, h.seq, h.hash]))
      .toEqual(sealed.map((h: { terminal_id: number; seq: number; hash: string }) => [h.terminal_id, Number(h.seq), h.hash]));
    expect(heads.seals.some((h: { chain: string }) => h.chain === 'jet')).toBe(true);
  });

  it('counts every ticket racing a Z, or refuses it: none slips in uncounted', async () => {
    const s = await scopes();
    await sellAt(t.db, 'T01', '2026-11-20T08:00:00+01:00', [['BOUL-001', 1]]);
    const block = await reserveTicketBlock(t.db, s.t1.terminalId!, 10);
    const racing = Array.from({ length: 8 }, (_, i) =>
      sellAt(t.db, 'T01', `2026-11-20T1${i}:00:00+01:00`, [['BOUL-001', 1]], { ticketNo: block.firstNo + i }).then(() => 'sold', (e: unknown) => (e instanceof Refusal ? e.key : e)));
    const [z, ...outcomes] = await Promise.all([close('2026-11-20T20:00:00+01:00', s.t1, 'day'), ...racing]);
    for (const o of outcomes) expect(['sold', 'closing.dayClosed']).toContain(o);
    expect(z.closings[0]!.totals.tickets).toBe(1 + outcomes.filter((o) => o === 'sold').length);
    expect(await verifyClosings(t.db)).toEqual([]);
    await closeTicketBlock(t.db, block.id);
  });

  it('finds a closing edited behind the till’s back, and the newest closings deleted', async () => {
    const s = await scopes();
    await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 2]]);
    await close('2026-11-20T20:00:00+01:00', s.t1, 'day');
    await sellAt(t.db, 'T01', '2026-11-21T10:00:00+01:00', [['CAVE-001', 1]]);
    const second = (await close('2026-11-21T20:00:00+01:00', s.t1, 'day')).closings[0]!;
    expect(await verifyClosings(t.db, { headsFile: headsPath(dataDir) })).toEqual([]);

    // The till may not change or remove a closing or a key; the owner is stopped by the trigger.
    for (const sql of ['UPDATE closings SET total_cents = 0', 'DELETE FROM closings', 'TRUNCATE closings', 'DELETE FROM store_keys', "UPDATE store_keys SET private_key = ''"]) {
      await expect(t.db.raw(sql)).rejects.toMatchObject({ code: '42501' });
    }
    await expect(t.owner.raw('DELETE FROM closings')).rejects.toThrow(/never changed/);
    await expect(t.owner.raw('TRUNCATE store_keys CASCADE')).rejects.toThrow(/never changed/);
    await t.owner.raw(`ALTER TABLE closings DISABLE TRIGGER closings_frozen;
      UPDATE closings SET total_cents = total_cents - 100 WHERE id = ${second.id};
      ALTER TABLE closings ENABLE TRIGGER closings_frozen`);
    const breaks = await verifyClosings(t.db);
    expect(breaks[0]).toMatchObject({ kind: 'changed', seq: 2, id: second.id });
    expect(breaks[0]!.fields).toContain('total_cents');

    await t.owner.raw(`ALTER TABLE closings DISABLE TRIGGER closings_frozen;
      DELETE FROM closings WHERE id = ${second.id};
      ALTER TABLE closings ENABLE TRIGGER closings_frozen`);
    expect(await verifyClosings(t.db)).toEqual([]);
    const tail = await verifyClosings(t.db, { headsFile: headsPath(dataDir) });
    expect(tail).toEqual([expect.objectContaining({ kind: 'truncated', seq: 2, chain: `terminal:${s.t1.storeId}:${s.t1.terminalId}:day` })]);

    // A heads file rewritten to hide it: its signature no longer checks.
    const file = JSON.parse(await readFile(headsPath(dataDir), 'utf8'));
    file.closings = file.closings.map((h: { seq: number }) => ({ ...h, seq: 1 }));
    await writeFile(headsPath(dataDir), JSON.stringify(file));
    expect((await verifyClosings(t.db, { headsFile: headsPath(dataDir) }))[0]).toMatchObject({ kind: 'heads', fields: ['signature'] });
    await writeFile(headsPath(dataDir), 'not json');
    expect(await verifyClosings(t.db, { headsFile: headsPath(dataDir) })).toEqual([expect.objectContaining({ kind: 'heads' })]);
  });

  it('closes a fiscal year (April to March) on its months, they on their days, all at once', async () => {
    const s = await scopes();
    const a = await sellAt(t.db, 'T01', '2025-03-31T21:00:00+02:00', [['BOUL-001', 1]]); // the year before
    const b = await sellAt(t.db, 'T01', '2025-04-01T09:00:00+02:00', [['CAVE-001', 1]]);
    const c = await sellAt(t.db, 'T02', '2026-02-28T18:00:00+01:00', [['SNAK-001', 2]], { tenders: [['card', null]] });
    const fiscal = { ...config('2026-04-02T08:00:00+02:00'), closings: { autoClose: true, fiscalYearStartMonth: 4 } };
    await expect(closeNow(t.db, { ...fiscal, clock: fixedClock('2026-03-31T20:00:00+02:00') }, { scope: s.store, kind: 'year', operatorId: MANAGER, via: 'test', terminalId: null, day: '2025-06-01' }))
      .rejects.toMatchObject({ key: 'closing.notEnded', params: { period: '04/2025 – 03/2026' } });
    const made = (await closeNow(t.db, fiscal, { scope: s.store, kind: 'year', operatorId: MANAGER, via: 'test', terminalId: null })).closings;
    const year = made.at(-1)!;
    expect(year).toMatchObject({ kind: 'year', firstDay: '2025-04-01', lastDay: '2026-03-31', automatic: false });
    expect(year.totals.totalCents).toBe(b.sale.totalCents + c.sale.totalCents);
    // The year before was closed first (its March), then the months of this one with tickets.
    expect(made.filter((x) => x.scope === 'store' && x.kind === 'year').map((x) => x.firstDay)).toEqual(['2024-04-01', '2025-04-01']);
    expect(made.filter((x) => x.scope === 'store' && x.kind === 'month').map((x) => x.firstDay)).toEqual(['2025-03-01', '2025-04-01', '2026-02-01']);
    expect(year.perpetualCents).toBe(a.sale.totalCents + b.sale.totalCents + c.sale.totalCents);
    expect(await verifyClosings(t.db)).toEqual([]);
  });

  it('finds a closing deleted in the middle of its chain', async () => {
    const s = await scopes();
    for (const day of ['2026-11-18', '2026-11-19', '2026-11-20']) await sellAt(t.db, 'T01', `${day}T10:00:00+01:00`, [['BOUL-001', 1]]);
    const made = (await close('2026-11-20T20:00:00+01:00', s.t1, 'day')).closings;
    expect(made.map((c) => c.seq)).toEqual([1, 2, 3]);
    await t.owner.raw(`ALTER TABLE closings DISABLE TRIGGER closings_frozen;
      DELETE FROM closings WHERE id = ${made[1]!.id};
      ALTER TABLE closings ENABLE TRIGGER closings_frozen`);
    const breaks = await verifyClosings(t.db);
    expect(breaks[0]).toMatchObject({ kind: 'missing', seq: 3, fields: ['seq 2'] });
  });

  it('carries the perpetual grand total through the closings, and no re-migration resets it', async () => {
    const s = await scopes();
    const first = await sellAt(t.db, 'T01', '2026-11-18T10:00:00+01:00', [['BOUL-001', 3]]);
    // The closings' migration taken down and up again before any closing: the first closing
    // counts every ticket since the first sale.
    const name = '20261208110000_closings';
    await t.owner.migrate.down({ ...migrationConfig, name });
    await t.owner.migrate.up({ ...migrationConfig, name });
    const second = await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['CAVE-001', 1]]);
    const z1 = (await close('2026-11-20T20:00:00+01:00', s.t1, 'day', '2026-11-20')).closings;
    expect(z1.map((z) => z.perpetualCents)).toEqual([first.sale.totalCents, first.sale.totalCents + second.sale.totalCents]);

    // With closings made, the migration refuses to go down: fiscal records are not dropped.
    await expect(t.owner.migrate.down({ ...migrationConfig, name })).rejects.toThrow(/closings exist/);
    const third = await sellAt(t.db, 'T01', '2026-11-21T10:00:00+01:00', [['SNAK-001', 1]]);
    const z2 = (await close('2026-11-21T20:00:00+01:00', s.t1, 'day')).closings[0]!;
    expect(z2.perpetualCents).toBe(first.sale.totalCents + second.sale.totalCents + third.sale.totalCents);
    expect((await lastClosing(t.db, s.t1, 'day'))!.perpetualCents).toBe(z2.perpetualCents);
    expect(await verifyClosings(t.db)).toEqual([]);
  });

  it('refuses a ticket into a closed day, at the till and in the database', async () => {
    const s = await scopes();
    await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 1]]);
    await close('2026-11-20T18:00:00+01:00', s.t1, 'day');
    const refusal = await sellAt(t.db, 'T01', '2026-11-20T19:00:00+01:00', [['BOUL-001', 1]]).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ key: 'closing.dayClosed', params: { day: '20/11/2026' } });
    // Said as the payment screen opens, before the customer pays: on this till's closed day only.
    const { basket } = await saleRequest(t.db, { terminal: await terminal(t.db, 'T01'), lines: [['BOUL-001', 1]] });
    const place = (x: Scope) => ({ storeId: x.storeId, terminalId: x.terminalId! });
    const clock = (at: string) => ({ clock: fixedClock(at) });
    await expect(checkBeforePayment(t.db, basket, place(s.t1), clock('2026-11-20T19:00:00+01:00'))).rejects.toMatchObject({ key: 'closing.dayClosed', params: { day: '20/11/2026' } });
    await expect(checkBeforePayment(t.db, basket, place(s.t2), clock('2026-11-20T19:00:00+01:00'))).resolves.toBeUndefined();
    await expect(checkBeforePayment(t.db, basket, place(s.t1), clock('2026-11-21T08:00:00+01:00'))).resolves.toBeUndefined();
    // The other till's day is still open.
    await sellAt(t.db, 'T02', '2026-11-20T19:00:00+01:00', [['BOUL-001', 1]]);
    // Nor may the owner slip one in.
    await expect(t.owner.raw(`INSERT INTO sales (idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents, created_at)
      VALUES ('x-closed', 'h', ?, ?, 1, 999, 0, '2026-11-20T17:00:00+01:00')`, [s.t1.terminalId, s.t1.storeId])).rejects.toMatchObject({ code: 'P0K10' });
    // Twice the same day: refused, nothing written.
    await expect(close('2026-11-20T18:30:00+01:00', s.t1, 'day')).rejects.toMatchObject({ key: 'closing.already' });
    // The X report says the day is closed and what it held.
    const x = await xReport(t.db, config('2026-11-20T18:30:00+01:00'), s.t1);
    expect(x).toMatchObject({ closed: true, firstDay: '2026-11-20', totals: { tickets: 1 } });
  });

  it('closes a day left open before the first sale of the next, and says so', async () => {
    const s = await scopes();
    await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 1]]);
    const at = '2026-11-21T09:00:00+01:00';
    const policy = (autoClose: boolean) => ({ clock: fixedClock(at), closings: { autoClose, fiscalYearStartMonth: 1, timeZone: 'Europe/Paris', dataDir } });

    // The till's sales of the 21st (dated by the server; the till's clock says the 21st).
    const sell = async (autoClose: boolean) => commitSale(t.db, await saleRequest(t.db, { terminal: await terminal(t.db, 'T01'), lines: [['BOUL-006', 1]] }), { receipt: false, policy: policy(autoClose) });
    // A sale of the day before sent late (made through an outage) closes nothing.
    expect((await sellAt(t.db, 'T01', '2026-11-20T19:00:00+01:00', [['BOUL-006', 1]], { policy: policy(true) })).notes).toEqual([]);
    // Off: the day stays open.
    const off = await sell(false);
    expect(off.notes).toEqual([]);
    expect(await lastClosing(t.db, s.t1, 'day')).toBeNull();

    const on = await sell(true);
    expect(on.notes).toEqual([{ key: 'closing.autoClosed', params: { day: '20/11/2026' } }]);
    const z = (await lastClosing(t.db, s.t1, 'day'))!;
    expect(z).toMatchObject({ firstDay: '2026-11-20', automatic: true, operatorId: 1 });
    expect(z.totals.tickets).toBe(2);
    const audit = await t.db('audit_log').where({ action: 'closing_auto' }).first();
    expect(audit.details).toMatchObject({ first_day: '2026-11-20', hash: z.hash });
    await until(() => existsSync(headsPath(dataDir)), 'the heads file');
    expect(await verifyClosings(t.db, { headsFile: headsPath(dataDir) })).toEqual([]);

    // The next sale of the day closes nothing more.
    const next = await sell(true);
    expect(next.notes).toEqual([]);
  });
});

import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../data/places';
import { openDb } from '../../data/db';
import { reserveTicketBlock, ticketNumberGaps } from '../../data/ticketBlocks';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { ledgerMismatches } from '../../testing/ledgers';
import { cuttableLink } from '../../testing/proxy';
import { testConfig } from '../../testing/tui';
import { basketReducer, basketTotals } from '../../domain/basket';
import { settle } from '../../domain/tender';
import { commitSale } from '../commitSale';
import { customerForSale } from '../customers/attach';
import { Refusal } from '../errors';
import { archivedJournals, countPending, readBlock, readJournal } from './journal';
import { ensureBlock, replayJournal } from './replay';
import { sellOffline } from './sell';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';
const OPERATOR = { id: 1, code: '1', name: 'Camille' };

/** A till of the test's own: its counter and blocks are no other test's, in any order. */
async function ownTerminal(db: Knex, code: string, owner: Knex): Promise<Terminal> {
  const t01 = await terminal(db);
  // As the owner: a till makes no terminal.
  await owner('terminals').insert({ code, name: code, store_id: t01.storeId });
  return terminal(db, code);
}

describe('ticket numbers reserved for an outage', () => {
  const testDb = useTestDatabase();

  it('a block moves the counter past it; a sale may take one of its numbers, never one outside an open block, never twice', async () => {
    const { db } = testDb();
    const t01 = await ownTerminal(db, 'OFF1', testDb().owner);
    const before = Number((await db('terminals').where({ id: t01.id }).first()).next_ticket_no);
    const block = await reserveTicketBlock(db, t01.id, 10);
    expect(block).toMatchObject({ firstNo: before, lastNo: before + 9 });
    // Asked again (the till opened again): the same open block, the counter not moved twice.
    expect(await reserveTicketBlock(db, t01.id, 10)).toEqual(block);
    expect(Number((await db('terminals').where({ id: t01.id }).first()).next_ticket_no)).toBe(before + 10);
    // The functions that move the counter run with their owner's rights, on a fixed search path.
    const { rows: defs } = await db.raw("SELECT proname, prosecdef, proconfig FROM pg_proc WHERE proname IN ('pos_commit_sale', 'pos_reserve_ticket_block', 'pos_close_ticket_block') ORDER BY proname");
    expect(defs).toEqual(['pos_close_ticket_block', 'pos_commit_sale', 'pos_reserve_ticket_block'].map((proname) => ({ proname, prosecdef: true, proconfig: ['search_path=public, pg_temp'] })));
    // Reserved numbers unused are no gap.
    expect(await ticketNumberGaps(db, t01.id)).toEqual([]);

    const online = await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }));
    expect(online.sale.ticketNo).toBe(before + 10);

    const req = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    const offline = await commitSale(db, { ...req, offline: { ticketNo: before + 3, soldAt: '2026-12-06T09:00:00.000Z' } });
    expect(offline.sale).toMatchObject({ ticketNo: before + 3 });
    expect((await db('sales').where({ id: offline.sale.id }).first()).created_at.toISOString()).toBe('2026-12-06T09:00:00.000Z');
    // The same number for another sale: refused by the database.
    const other = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]] });
    await expect(commitSale(db, { ...other, offline: { ticketNo: before + 3, soldAt: new Date().toISOString() } })).rejects.toMatchObject({ constraint: 'sales_terminal_id_ticket_no_unique' });
    // A number outside the block, or of another till's: refused.
    await expect(commitSale(db, { ...other, offline: { ticketNo: before + 50, soldAt: new Date().toISOString() } })).rejects.toMatchObject({ code: 'P0K02' });
    const t02 = await terminal(db, 'T02');
    await expect(commitSale(db, { ...other, terminalId: t02.id, offline: { ticketNo: before + 4, soldAt: new Date().toISOString() } })).rejects.toMatchObject({ code: 'P0K02' });

    // Closed: the numbers no sale took are void, the block is no longer open, nothing is a gap.
    const { rows } = await db.raw('SELECT pos_close_ticket_block(?) AS n', [block.id]);
    expect(rows[0].n).toBe(9);
    expect(await db('ticket_voids').where({ block_id: block.id }).orderBy('ticket_no').pluck('ticket_no')).toHaveLength(9);
    expect(await ticketNumberGaps(db, t01.id)).toEqual([]);
    await expect(commitSale(db, { ...other, offline: { ticketNo: before + 4, soldAt: new Date().toISOString() } })).rejects.toMatchObject({ code: 'P0K02' });
    // Neither a block nor a void can be rewritten: the till has no right to (src/data/tillRole.test.ts), nor has the owner.
    await expect(testDb().owner('ticket_blocks').where({ id: block.id }).update({ last_no: before + 20 })).rejects.toThrow(/only ever closed/);
    await expect(testDb().owner('ticket_voids').where({ block_id: block.id }).delete()).rejects.toThrow(/never changed/);
    // A number taken by nobody is a gap, and said.
    await testDb().owner('terminals').where({ id: t01.id }).increment('next_ticket_no', 1);
    expect(await ticketNumberGaps(db, t01.id)).toEqual([{ terminalId: t01.id, ticketNo: before + 11 }]);
  });

  it('sells offline into the journal, refuses what needs the server, and replays each sale once with its number, its receipt printed already', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const t01 = await ownTerminal(db, 'OFF2', testDb().owner);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    const who = { config, terminal: t01, operator: OPERATOR };
    // Never online: no block, no offline sale.
    await expect(sellOffline(dir, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }), who)).rejects.toMatchObject({ key: 'offline.noBlock' });
    await ensureBlock(db, dir, t01, 20);
    const local = (await readBlock(dir))!;

    const reqs = [
      await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 2]] }),
      await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], tenders: [['card', null]] }),
      await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1], [CROISSANT, 3]] }),
    ];
    const sold = [];
    for (const req of reqs) sold.push(await sellOffline(dir, req, who));
    expect(sold.map((s) => s.sale.ticketNo)).toEqual([local.block.firstNo, local.block.firstNo + 1, local.block.firstNo + 2]);
    expect(sold[0]!.receipt.title).toBe(`OFF2-${String(local.block.firstNo).padStart(6, '0')}`);
    // Asked again for the same basket: the same ticket, no second line in the journal.
    expect(await sellOffline(dir, reqs[0]!, who)).toMatchObject({ created: false, sale: { ticketNo: local.block.firstNo } });
    expect((await readJournal(dir)).records).toHaveLength(3);
    // A voucher offline: refused, nothing written.
    const voucherPaid = await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] });
    voucherPaid.payment = { ...voucherPaid.payment, tenders: [{ kind: 'voucher', amountCents: voucherPaid.payment.totalCents, ref: 'BA-XXXX' }] };
    await expect(sellOffline(dir, voucherPaid, who)).rejects.toSatisfy((e) => e instanceof Refusal && e.key === 'offline.tender');
    expect(await countPending(dir)).toBe(3);
    // A line cut short by a crash mid-write: skipped, and the next sale is a line of its own.
    appendFileSync(join(dir, 'journal.jsonl'), '{"v":1,"key":"torn');
    const fourth = await sellOffline(dir, await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]] }), who);
    expect(fourth.sale.ticketNo).toBe(local.block.firstNo + 3);
    expect(await countPending(dir)).toBe(4);

    const replay = await replayJournal(db, dir);
    expect(replay).toMatchObject({ committed: 4, waiting: 0, rejected: [], voided: 16 });
    const keys = [...reqs, null].map((r, i) => (r ? r.basket.key : fourth.sale.key));
    const sales = await db('sales').whereIn('idempotency_key', keys).orderBy('ticket_no');
    expect(sales.map((s) => Number(s.ticket_no))).toEqual([0, 1, 2, 3].map((i) => local.block.firstNo + i));
    // Printed at the till: recorded as printed, with the document printed, never owed.
    const jobs = await db('print_jobs').whereIn('sale_id', sales.map((s) => s.id));
    expect(jobs).toHaveLength(4);
    expect(jobs.every((j) => j.state === 'printed' && j.blocks !== null)).toBe(true);
    expect(await ticketNumberGaps(db, t01.id)).toEqual([]);
    expect(await ledgerMismatches(db)).toEqual([]);
    expect(await archivedJournals(dir)).toHaveLength(1);
    expect(await countPending(dir)).toBe(0);
    // The block is closed here too: the next outage needs a new one, reserved while online.
    expect((await readBlock(dir))!.closing).toBe(true);
    await ensureBlock(db, dir, t01, 20);
    expect((await readBlock(dir))!.block.firstNo).toBeGreaterThan(local.block.lastNo);
  });

  it('with the server away the replay waits, keeping every sale; once it is back each is committed once', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const away = openDb({ url: target.toString(), connectTimeoutMs: 300 });
    const config = testConfig(url);
    const t01 = await ownTerminal(db, 'OFF3', testDb().owner);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    try {
      await ensureBlock(away, dir, t01, 10);
      link.cut();
      const reqs = [await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }), await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]] })];
      for (const req of reqs) await sellOffline(dir, req, { config, terminal: t01, operator: OPERATOR });
      expect(await replayJournal(away, dir)).toMatchObject({ committed: 0, waiting: 2 });
      expect(await countPending(dir)).toBe(2);
      link.mend();
      expect(await replayJournal(away, dir)).toMatchObject({ committed: 2, waiting: 0, voided: 8 });
      expect(await db('sales').whereIn('idempotency_key', reqs.map((r) => r.basket.key))).toHaveLength(2);
      expect(readdirSync(dir).filter((n) => n === 'journal.jsonl')).toEqual([]);
      expect(await ticketNumberGaps(db, t01.id)).toEqual([]);
    } finally {
      await away.destroy();
      await link.close();
    }
  });

  it('a sale replayed later moves its stock, earns its points and records its printed receipt and approvals at the time it was sold', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const t = await ownTerminal(db, 'OFF5', testDb().owner);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    await ensureBlock(db, dir, t, 10);
    const soldAt = new Date(Date.now() - 3 * 3600_000);
    // Its price changed by a manager before the server went away: the approval's audit row too.
    // And a customer attached before it went: their loyalty too.
    const plain = await saleRequest(db, { terminal: t, lines: [[BAGUETTE, 2]] });
    await db('customers').insert({ code: 'C-OFF5', first_name: 'Claire', last_name: 'Offline' });
    const attached = basketReducer(plain.basket, { type: 'customer', customer: await customerForSale(db, 'C-OFF5', 'fr') });
    if ('error' in attached) throw new Error(attached.error);
    const changed = basketReducer(attached.basket, { type: 'overridePrice', lineId: plain.basket.lines[0]!.lineId, unitPriceCents: 100, by: 2 });
    if ('error' in changed) throw new Error(changed.error);
    const paid = settle(basketTotals(changed.basket).totalCents, [{ kind: 'cash', cents: 200 }]);
    if ('error' in paid) throw new Error(paid.error);
    const req = { ...plain, basket: changed.basket, payment: paid.payment };
    const { sale } = await sellOffline(dir, req, { config, terminal: t, operator: OPERATOR }, soldAt);
    // Sold later online meanwhile at another till of the store: the figure's last sale is that one's.
    const online = await commitSale(db, await saleRequest(db, { terminal: t, lines: [[BAGUETTE, 1]] }));
    expect(await replayJournal(db, dir)).toMatchObject({ committed: 1, rejected: [] });
    const [row] = await db('sales').where({ idempotency_key: req.basket.key });
    expect(row.created_at.toISOString()).toBe(soldAt.toISOString());
    expect(Number(row.ticket_no)).toBe(sale.ticketNo);
    const moves = await db('stock_movements').where({ sale_id: row.id });
    expect(moves).toHaveLength(1);
    expect(moves.map((m) => [m.kind, m.qty, m.at.toISOString()])).toEqual([['sale', -2, soldAt.toISOString()]]);
    const [job] = await db('print_jobs').where({ sale_id: row.id });
    expect([job.printed_at.toISOString(), job.created_at.toISOString()]).toEqual([soldAt.toISOString(), soldAt.toISOString()]);
    const loyalty = await db('loyalty_movements').where({ sale_id: row.id });
    expect(loyalty.length).toBeGreaterThan(0);
    expect(loyalty.every((m) => m.created_at.toISOString() === soldAt.toISOString())).toBe(true);
    const audit = await db('audit_log').where({ sale_id: row.id });
    expect(audit.map((a) => [a.action, a.approver_id, a.at.toISOString()])).toEqual([['price_override', 2, soldAt.toISOString()]]);
    // A sale sent late never moves the figure's last sale back in time.
    const [onlineMove] = await db('stock_movements').where({ sale_id: online.sale.id });
    const [level] = await db('stock_levels').where({ store_id: t.storeId, item_id: moves[0].item_id });
    expect(level.last_sale_at.toISOString()).toBe(onlineMove.at.toISOString());
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('a sale the database had already (an online commit whose answer was lost) stays one ticket; the number printed offline is voided, not a gap', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const t = await ownTerminal(db, 'OFF4', testDb().owner);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    await ensureBlock(db, dir, t, 10);
    const req = await saleRequest(db, { terminal: t, lines: [[BAGUETTE, 1]] });
    const online = await commitSale(db, req);
    const { sale } = await sellOffline(dir, req, { config, terminal: t, operator: OPERATOR });
    expect(sale.ticketNo).not.toBe(online.sale.ticketNo);
    const replay = await replayJournal(db, dir);
    expect(replay).toMatchObject({ committed: 1, rejected: [], voided: 10, renumbered: [{ key: req.basket.key, printed: sale.ticketNo, committed: online.sale.ticketNo }] });
    expect(await db('sales').where({ idempotency_key: req.basket.key })).toHaveLength(1);
    expect(await ticketNumberGaps(db, t.id)).toEqual([]);
  });
});

// Stock per store against PostgreSQL: what a sale takes and a return gives back, in the sale's
// own transaction; deliveries, counts, adjustments, transfers; the ledger that is the figure;
// two tills selling the last unit at once; a stock-take booked while the tills sell.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../data/places';
import { outcomes, race } from '../../testing/barrier';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { ledgerMismatches } from '../../testing/ledgers';
import { checkBeforePayment } from '../beforePayment';
import { commitSale } from '../commitSale';
import { Refusal } from '../errors';
import type { Operator } from '../session';
import { adjustStock } from './adjust';
import { countStock, receiveStock, type StockPlace } from './book';
import { LinesRefused, parseLinesCsv } from './lines';
import { lowStockOf, showStock } from './show';
import { setStocked, setThreshold } from './threshold';
import { transferStock } from './transfer';

const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };
const CASHIER: Operator = { id: 1, code: '1', name: 'Camille', role: 'cashier' };
const REFUSE = { policy: { stock: { allowNegative: false } } };

describe('stock per store', () => {
  const testDb = useTestDatabase();

  const at = (t: Terminal, operatorId = 1): StockPlace => ({ storeId: t.storeId, terminalId: t.id, operatorId });
  /** An item's figure in the demo store, as the ledger and the cached column both say. */
  async function figure(db: Knex, sku: string): Promise<number> {
    const row = await db('stock_levels as s').join('items as i', 'i.id', 's.item_id').where({ 'i.sku': sku, 's.store_id': 1 }).first('s.qty');
    return row ? (row.qty as number) : 0;
  }
  /** The figure set by a count, whatever earlier tests left (each test starts from its own). */
  async function setFigure(db: Knex, sku: string, qty: number): Promise<void> {
    await countStock(db, at(await terminal(db), 2), [{ line: 1, code: sku, qty: String(qty) }]);
  }
  const sell = async (db: Knex, lines: [string, number][], opts = {}, code = 'T01') => commitSale(db, await saleRequest(db, { terminal: await terminal(db, code), lines }), opts);

  it('takes what a sale sells in its own transaction and gives back what is returned, each a movement with who, where, when', async () => {
    const { db } = testDb();
    await setFigure(db, 'EPIC-001', 10);
    await setFigure(db, 'EPIC-002', 10);
    const events = Number((await db('events').max({ id: 'id' }))[0]!.id);
    const { sale } = await sell(db, [['EPIC-001', 2], ['EPIC-002', 1], ['EPIC-001', 1], ['SNAK-001', 1]]);
    expect(await figure(db, 'EPIC-001')).toBe(7);
    expect(await figure(db, 'EPIC-002')).toBe(9);
    // The coffee is served, not stocked: it moves nothing.
    expect(await db('stock_movements').where('sale_id', sale.id).orderBy('item_id').select('kind', 'qty', 'qty_after', 'terminal_id', 'operator_id', 'store_id'))
      .toEqual([{ kind: 'sale', qty: -3, qty_after: 7, terminal_id: 1, operator_id: 1, store_id: 1 }, { kind: 'sale', qty: -1, qty_after: 9, terminal_id: 1, operator_id: 1, store_id: 1 }]);
    // One event per figure moved, in the sale's transaction, with the figure and its version;
    // it wakes the tills only when the figure is low (at or under its threshold of 5), or was.
    const written = await db('events').where('id', '>', events).orderBy('id').select('kind', 'subject', 'data', 'wake');
    expect(written.map((e) => [e.kind, e.data.qty, e.data.threshold, e.wake])).toEqual([['stock', 7, 5, false], ['stock', 9, 5, false]]);
    await sell(db, [['EPIC-001', 2]]);
    await receiveStock(db, at(await terminal(db)), [{ line: 1, code: 'EPIC-001', qty: '10' }]);
    expect((await db('events').orderBy('id', 'desc').limit(2).select('data', 'wake')).reverse().map((e) => [e.data.qty, e.wake])).toEqual([[5, true], [15, true]]);
    await sell(db, [['EPIC-001', 2]]);

    const back = await sell(db, [['EPIC-001', -1], ['EPIC-002', 2]]);
    expect(await db('stock_movements').where('sale_id', back.sale.id).orderBy('item_id').select('kind', 'qty', 'qty_after'))
      .toEqual([{ kind: 'return', qty: 1, qty_after: 14 }, { kind: 'sale', qty: -2, qty_after: 7 }]);
    const { movements } = await showStock(db, 1, 'EPIC-001');
    expect(movements[0]).toMatchObject({ kind: 'return', qty: 1, qtyAfter: 14, operator: 'Camille', terminal: 'T01', ticket: expect.stringMatching(/^T01-\d{6}$/) });
    expect(movements[0]!.at).toBeInstanceOf(Date);
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('lets a sale take a figure below zero and says so, unless the configuration refuses it (before payment and at the commit)', async () => {
    const { db } = testDb();
    await setFigure(db, 'EPIC-003', 1);
    const { notes } = await sell(db, [['EPIC-003', 2]]);
    expect(notes).toContainEqual({ key: 'stock.note.negative', params: { name: 'Riz basmati 1 kg', qty: -1 } });
    expect(await figure(db, 'EPIC-003')).toBe(-1);

    await setFigure(db, 'EPIC-003', 1);
    const t01 = await terminal(db);
    const two = await saleRequest(db, { terminal: t01, lines: [['EPIC-003', 2]] });
    await expect(checkBeforePayment(db, two.basket, { storeId: 1, terminalId: t01.id }, REFUSE.policy)).rejects.toMatchObject({ key: 'stock.short', params: { name: 'Riz basmati 1 kg', left: 1 } });
    await checkBeforePayment(db, two.basket, { storeId: 1, terminalId: t01.id });
    const counter = (await db('terminals').where('id', t01.id).first('next_ticket_no')).next_ticket_no;
    await expect(commitSale(db, two, REFUSE)).rejects.toMatchObject({ key: 'stock.short', params: { left: 1 } });
    // Refused whole: no ticket, no ticket number, the figure untouched.
    expect((await db('terminals').where('id', t01.id).first('next_ticket_no')).next_ticket_no).toBe(counter);
    expect(await figure(db, 'EPIC-003')).toBe(1);
    // The last unit, and a return, go through.
    await sell(db, [['EPIC-003', 1]], REFUSE);
    await sell(db, [['EPIC-003', -1]], REFUSE);
    expect(await figure(db, 'EPIC-003')).toBe(1);
  });

  for (const allowNegative of [true, false]) {
    it(`two tills selling the last unit at once: ${allowNegative ? 'both commit, the figure at −1' : 'exactly one is refused'}, never a lost update`, async () => {
      const t = testDb();
      await setFigure(t.db, 'EPIC-004', 1);
      const requests = [await saleRequest(t.db, { terminal: await terminal(t.db, 'T01'), lines: [['EPIC-004', 1]] }), await saleRequest(t.db, { terminal: await terminal(t.db, 'T02'), lines: [['EPIC-004', 1]] })];
      // Both sales are held before their movement is written, each having read all it reads.
      const results = await race(t, { before: 'INSERT', table: 'stock_movements' }, requests.map((req) => () => commitSale(t.db, req, { policy: { stock: { allowNegative } } })));
      const { won, lost } = outcomes(results);
      if (allowNegative) {
        expect(lost).toEqual([]);
        expect(await figure(t.db, 'EPIC-004')).toBe(-1);
      } else {
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]).toBeInstanceOf(Refusal);
        expect(lost[0]).toMatchObject({ key: 'stock.short', params: { left: 0 } });
        expect(await figure(t.db, 'EPIC-004')).toBe(0);
      }
      expect(await ledgerMismatches(t.db)).toEqual([]);
    });
  }

  it('books a stock-take while the tills sell: what was counted applies as of its booking, every sale after it still counts', async () => {
    const t = testDb();
    const { db } = t;
    await setFigure(db, 'EPIC-005', 50);
    // A count and a sale racing on the item: whichever locks the figure first, the other follows it.
    const t01 = await terminal(db);
    const req = await saleRequest(db, { terminal: t01, lines: [['EPIC-005', 1]] });
    await race<unknown>(t, { before: 'INSERT', table: 'stock_movements' }, [
      () => commitSale(db, req),
      () => countStock(db, at(t01, 2), [{ line: 1, code: 'EPIC-005', qty: '40' }]),
    ]);
    const [last, before] = await db('stock_movements').where('item_id', db('items').where('sku', 'EPIC-005').select('id')).orderBy('id', 'desc').limit(2).select('kind', 'qty', 'qty_after', 'expected', 'counted');
    if (last.kind === 'count') expect(last).toMatchObject({ counted: 40, expected: 49, qty: -9, qty_after: 40 });
    else expect([before, last]).toMatchObject([{ kind: 'count', expected: 50, qty_after: 40 }, { kind: 'sale', qty: -1, qty_after: 39 }]);

    // Then sales on two tills for a while, counts booked among them.
    let selling = true;
    const tills = ['T01', 'T02'].map(async (code) => {
      let n = 0;
      while (selling || n < 3) {
        await sell(db, [['EPIC-005', 1]], {}, code);
        n += 1;
      }
      return n;
    });
    for (const counted of [30, 25, 20]) await countStock(db, at(t01, 2), [{ line: 1, code: 'EPIC-005', qty: String(counted) }]);
    selling = false;
    await Promise.all(tills);
    // Each count set the figure to what was counted, its difference taken from what the books
    // said then; the sales after the last count came off it.
    const moves = await db('stock_movements').where('item_id', db('items').where('sku', 'EPIC-005').select('id')).orderBy('id').select('kind', 'qty', 'qty_after', 'counted', 'expected');
    const lastCount = moves.map((m) => m.kind).lastIndexOf('count');
    const after = moves.slice(lastCount + 1);
    expect(moves[lastCount]).toMatchObject({ counted: 20, qty_after: 20 });
    expect(after.every((m) => m.kind === 'sale')).toBe(true);
    expect(await figure(db, 'EPIC-005')).toBe(20 - after.length);
    for (let i = 1; i < moves.length; i++) if (moves[i].kind === 'count') expect(moves[i].expected).toBe(moves[i - 1].qty_after);
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('receives a delivery of several lines in one transaction, adding up an item listed twice', async () => {
    const { db } = testDb();
    await setFigure(db, 'HYGI-001', 2);
    await setFigure(db, 'HYGI-002', 0);
    const t01 = await terminal(db);
    const done = await receiveStock(db, at(t01), parseLinesCsv('sku;qty\nHYGI-001;12\n3760000001526;6\n\nhygi-001;3\n'), 'BL-2026-118');
    expect(done).toEqual([
      { itemId: expect.any(Number), sku: 'HYGI-001', name: 'Savon de Marseille', qty: 15, qtyAfter: 17, expected: null },
      { itemId: expect.any(Number), sku: 'HYGI-002', name: 'Gel douche 250 ml', qty: 6, qtyAfter: 6, expected: null },
    ]);
    expect(await db('stock_movements').where('reference', 'BL-2026-118').select('kind', 'operator_id', 'terminal_id')).toEqual([
      { kind: 'receive', operator_id: 1, terminal_id: t01.id }, { kind: 'receive', operator_id: 1, terminal_id: t01.id },
    ]);
  });

  it('refuses a delivery or a count with bad lines, each with its line and reason, and books nothing of it', async () => {
    const { db } = testDb();
    await setFigure(db, 'HYGI-003', 5);
    const t01 = await terminal(db);
    const movements = async () => Number((await db('stock_movements').count({ n: '*' }))[0]!.n);
    const before = await movements();
    const file = 'sku,qty\nHYGI-003,4\nHYGI-003,-2\nNOPE-999,1\nSNAK-001,2\nHYGI-004,deux\nHYGI-005,0\n,3\nHYGI-006,1000000\n';
    const refused = await receiveStock(db, at(t01), parseLinesCsv(file)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LinesRefused);
    expect((refused as LinesRefused).lines.map((l) => [l.line, l.code, l.reason])).toEqual([
      [3, 'HYGI-003', 'stock.qty.notPositive'],
      [4, 'NOPE-999', 'item.unknownCode'],
      [5, 'SNAK-001', 'stock.notStocked'],
      [6, 'HYGI-004', 'stock.qty.notNumber'],
      [7, 'HYGI-005', 'stock.qty.notPositive'],
      [8, '—', 'stock.line.noItem'],
      [9, 'HYGI-006', 'stock.qty.tooLarge'],
    ]);
    const count = await countStock(db, at(t01), [{ line: 1, code: 'HYGI-003', qty: '4' }, { line: 2, code: 'hygi-003', qty: '3' }, { line: 3, code: 'HYGI-004', qty: '-1' }]).catch((e: unknown) => e);
    expect((count as LinesRefused).lines.map((l) => [l.line, l.reason, l.params])).toEqual([[2, 'stock.line.twice', { line: 1 }], [3, 'stock.qty.negative', { text: '-1' }]]);
    expect(await movements()).toBe(before);
    expect(await figure(db, 'HYGI-003')).toBe(5);
    expect(() => parseLinesCsv('sku,qty\n')).toThrow(expect.objectContaining({ key: 'stock.csv.empty' }));
    expect(() => parseLinesCsv('sku,qte\nHYGI-003,1\n')).toThrow(expect.objectContaining({ key: 'import.unknownColumns' }));
    await expect(receiveStock(db, at(t01), [])).rejects.toMatchObject({ key: 'stock.lines.none' });
  });

  it('adjusts a figure by hand with a reason, approved by a manager only', async () => {
    const { db } = testDb();
    await setFigure(db, 'HYGI-007', 6);
    const t01 = await terminal(db);
    const where = { storeId: 1, terminalId: t01.id };
    expect(await adjustStock(db, where, { code: 'HYGI-007', qty: '-2', reason: '  flacon   cassé ', manager: MANAGER, operatorId: 1 })).toMatchObject({ qty: -2, qtyAfter: 4 });
    expect(await db('stock_movements').orderBy('id', 'desc').first('kind', 'operator_id', 'approved_by', 'reason')).toEqual({ kind: 'adjust', operator_id: 1, approved_by: 2, reason: 'flacon cassé' });
    await expect(adjustStock(db, where, { code: 'HYGI-007', qty: '1', reason: 'x', manager: CASHIER })).rejects.toMatchObject({ key: 'approval.notManager' });
    await expect(adjustStock(db, where, { code: 'HYGI-007', qty: '0', reason: 'x', manager: MANAGER })).rejects.toMatchObject({ key: 'stock.qty.zero' });
    await expect(adjustStock(db, where, { code: 'HYGI-007', qty: 'abc', reason: 'x', manager: MANAGER })).rejects.toMatchObject({ key: 'stock.qty.notNumber' });
    await expect(adjustStock(db, where, { code: 'HYGI-007', qty: '+1', reason: '  ', manager: MANAGER })).rejects.toMatchObject({ key: 'stock.reasonMissing' });
    await expect(adjustStock(db, where, { code: 'NOPE', qty: '+1', reason: 'x', manager: MANAGER })).rejects.toMatchObject({ key: 'item.unknownCode' });
    expect(await figure(db, 'HYGI-007')).toBe(4);
  });

  it('transfers to another store: out of one figure, into the other, together', async () => {
    const { db } = testDb();
    await setFigure(db, 'HYGI-008', 9);
    await testDb().owner('stores').insert({ code: 'M02', name: 'Épicerie du Parc' }).onConflict('code').ignore();
    const t01 = await terminal(db);
    const done = await transferStock(db, at(t01), { code: 'HYGI-008', qty: '4', toStore: 'm02' });
    expect(done).toMatchObject({ qty: 4, fromAfter: 5, toStore: 'M02' });
    expect(done.toAfter).toBeGreaterThanOrEqual(4);
    await expect(transferStock(db, at(t01), { code: 'HYGI-008', qty: '1', toStore: 'M01' })).rejects.toMatchObject({ key: 'stock.transferSameStore' });
    await expect(transferStock(db, at(t01), { code: 'HYGI-008', qty: '1', toStore: 'M77' })).rejects.toMatchObject({ key: 'stock.storeUnknown' });
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it('lists the items at or under the threshold that applies in the store (the item’s or the store’s), with their last sale', async () => {
    const { db } = testDb();
    await setFigure(db, 'PAPE-001', 3);
    await setFigure(db, 'PAPE-002', 8);
    await setThreshold(db, { code: 'PAPE-001', threshold: '3', tillStoreId: 1 });
    await setThreshold(db, { code: 'PAPE-002', threshold: '5', tillStoreId: 1 });
    await sell(db, [['PAPE-001', 1]]);
    let low = await lowStockOf(db, 1);
    expect(low.find((r) => r.sku === 'PAPE-001')).toMatchObject({ qty: 2, threshold: 3, lastSaleAt: expect.any(Date) });
    expect(low.find((r) => r.sku === 'PAPE-002')).toBeUndefined();
    // This store keeps more of PAPE-002 than the others.
    expect(await setThreshold(db, { code: 'PAPE-002', threshold: '10', storeCode: 'M01', tillStoreId: 1 })).toMatchObject({ threshold: 10, store: 'M01', applies: 10 });
    low = await lowStockOf(db, 1);
    expect(low.find((r) => r.sku === 'PAPE-002')).toMatchObject({ qty: 8, threshold: 10, itemThreshold: 5, storeThreshold: 10, lastSaleAt: null });
    expect(await setThreshold(db, { code: 'PAPE-002', threshold: '-', storeCode: 'M01', tillStoreId: 1 })).toMatchObject({ applies: 5 });
    await setThreshold(db, { code: 'PAPE-001', threshold: 'aucun', tillStoreId: 1 });
    low = await lowStockOf(db, 1);
    expect(low.map((r) => r.sku)).not.toContain('PAPE-001');
    expect(low.map((r) => r.sku)).not.toContain('PAPE-002');
    await expect(setThreshold(db, { code: 'PAPE-001', threshold: '-4', tillStoreId: 1 })).rejects.toMatchObject({ key: 'stock.qty.negative' });
    await expect(setThreshold(db, { code: 'PAPE-001', threshold: '2', storeCode: 'ZZ', tillStoreId: 1 })).rejects.toMatchObject({ key: 'stock.storeUnknown' });
  });

  it('moves no stock for an item that is not stocked, and refuses to book any for it', async () => {
    const { db } = testDb();
    await setStocked(db, 'PAPE-003', false);
    const before = await figure(db, 'PAPE-003');
    await sell(db, [['PAPE-003', 2]]);
    expect(await figure(db, 'PAPE-003')).toBe(before);
    await expect(receiveStock(db, at(await terminal(db)), [{ line: 1, code: 'PAPE-003', qty: '2' }])).rejects.toBeInstanceOf(LinesRefused);
    await setStocked(db, 'PAPE-003', true);
    await sell(db, [['PAPE-003', 2]]);
    expect(await figure(db, 'PAPE-003')).toBe(before - 2);
  });

  it('keeps the figure to its ledger: changed any other way, deleted, or a movement rewritten, the database refuses', async () => {
    const { db } = testDb();
    await setFigure(db, 'PAPE-004', 7);
    const item = db('items').where('sku', 'PAPE-004').select('id');
    await expect(testDb().owner('stock_levels').where('item_id', item).update({ qty: 70 })).rejects.toThrow(/moves only by a stock movement/);
    await expect(testDb().owner('stock_levels').where('item_id', item).del()).rejects.toThrow(/moves only by a stock movement/);
    await expect(testDb().owner('stock_levels').insert({ store_id: 1, item_id: db('items').where('sku', 'PAPE-005').select('id'), qty: 3 }).onConflict(['store_id', 'item_id']).ignore()).rejects.toThrow(/moves only by a stock movement/);
    await expect(testDb().owner('stock_movements').where('item_id', item).update({ qty: 1 })).rejects.toThrow(/never changed/);
    await expect(testDb().owner('stock_movements').where('item_id', item).del()).rejects.toThrow(/never changed/);
    expect(await figure(db, 'PAPE-004')).toBe(7);
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

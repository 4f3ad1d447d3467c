// The tickets' seal against real PostgreSQL: written by the commit itself, rebuilt byte for
// byte by `pos verify` (customers, discounts, coupons, returns, several tenders), refused to be
// changed by the till and by trigger, and each kind of damage made as the owner behind the
// till's back (its guards taken off in a transaction rolled back afterwards) named.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { createSale, type SaleOrder } from '../createSale';
import { closeTill, openTill, type Till } from '../till';
import { GENESIS, sealOf } from './records';
import { chainHeads, verifyChains, type Break } from './verify';
import { breaksAfter } from '../../testing/tamper';

const label = (s: { terminalCode: string; ticketNo: number }) => `${s.terminalCode}-${String(s.ticketNo).padStart(6, '0')}`;

describe('the ticket seal', () => {
  const testDb = useTestDatabase();
  let till: Till;
  const sales: { id: number; ticketNo: number; label: string }[] = [];

  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    const order = (o: Partial<SaleOrder>): SaleOrder => ({ operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });
    const add = (s: { id: number; ticketNo: number; terminalCode: string }) => sales.push({ id: s.id, ticketNo: s.ticketNo, label: label(s) });
    // A customer with their discount and a coupon, paid in two ways with change.
    const big = await createSale(till, order({ customerCode: 'FID-000003', codes: ['BONJOUR'], lines: [{ code: 'CAVE-001', qty: 3 }, { code: '3760000000017', qty: 5 }], tenders: [{ kind: 'card', cents: 1000 }, { kind: 'cash', cents: 5000 }] }));
    add(big.sale);
    // A name with quotes, accents and a backslash goes through the record as JSON does.
    add((await commitSale(testDb().db, await saleRequest(testDb().db, { terminal: await terminal(testDb().db), lines: [['BOUL-006', 2], ['EPIC-001', 1]] }))).sale);
    // A return against the first ticket: its record names the line it corrects.
    add((await createSale(till, order({ returns: [{ ticket: label(big.sale), lineNo: 1, qty: 1 }] }))).sale);
    for (let i = 0; i < 3; i++) add((await commitSale(testDb().db, await saleRequest(testDb().db, { terminal: await terminal(testDb().db), lines: [['BOUL-001', i + 1]] }))).sale);
  });
  afterAll(async () => {
    await closeTill(till);
  });

  const found = (damage: (trx: Knex.Transaction) => Promise<unknown>) => breaksAfter(testDb().owner, damage);

  it('seals each ticket in its commit, chained to the one before on its till', async () => {
    const seals = await testDb().db('fiscal_seals').where({ chain: 'ticket' }).whereIn('ref_id', sales.map((s) => s.id)).orderBy('seq');
    expect(seals).toHaveLength(sales.length);
    const all = await testDb().db('fiscal_seals').where({ chain: 'ticket', terminal_id: seals[0].terminal_id }).orderBy('seq');
    all.forEach((s: { seq: number; prev_hash: string; hash: string; record: string }, i: number) => {
      expect(s.seq).toBe(i + 1);
      expect(s.prev_hash).toBe(i === 0 ? GENESIS : all[i - 1].hash);
      expect(s.hash).toBe(sealOf(s.prev_hash, s.record));
    });
    const returned = seals.find((s: { ref_id: number }) => s.ref_id === sales[2]!.id);
    expect(JSON.parse(returned.record)[7][0][12]).toEqual([seals[0].terminal_id, sales[0]!.ticketNo, 1]);
  });

  it('rebuilds every record from the rows: nothing broken', async () => {
    expect((await verifyChains(testDb().db)).breaks).toEqual([]);
  });

  it('gives the seal with the ticket, and the head of each chain', async () => {
    const heads = await chainHeads(testDb().db, 'ticket');
    const last = await testDb().db('fiscal_seals').where({ chain: 'ticket' }).orderBy('seq', 'desc').first();
    const t01 = heads.find((h) => h.terminalCode === 'T01')!;
    expect(t01).toMatchObject({ seq: Number(last.seq), hash: last.hash, ticketNo: sales.at(-1)!.ticketNo });
  });

  it('refuses the till any change of a sealed ticket or its seal', async () => {
    const db = testDb().db;
    for (const sql of [
      `UPDATE sale_lines SET qty = 9 WHERE sale_id = ${sales[1]!.id}`,
      `DELETE FROM sales WHERE id = ${sales[1]!.id}`,
      `UPDATE fiscal_seals SET record = '' WHERE ref_id = ${sales[1]!.id}`,
      `DELETE FROM fiscal_seals WHERE ref_id = ${sales[1]!.id}`,
      `INSERT INTO fiscal_seals (chain, terminal_id, seq, version, ref_id, record, prev_hash, hash) VALUES ('ticket', 1, 99999, 1, 1, '', '', '')`,
      `UPDATE fiscal_heads SET seq = 0`,
      `TRUNCATE fiscal_seals`,
      `SELECT pos_seal_append('ticket', 1, 1, 1, 'x')`,
    ]) {
      await expect(db.raw(sql), sql).rejects.toThrow(/permission denied|never/);
    }
  });

  it('refuses the owner too, by trigger', async () => {
    const owner = testDb().owner;
    for (const sql of [
      `UPDATE sale_lines SET qty = 9 WHERE sale_id = ${sales[1]!.id}`,
      `UPDATE fiscal_seals SET record = '' WHERE ref_id = ${sales[1]!.id}`,
      `DELETE FROM fiscal_seals WHERE ref_id = ${sales[1]!.id}`,
      `UPDATE fiscal_heads SET seq = 0`,
      `TRUNCATE fiscal_seals`,
      `TRUNCATE sale_tenders`,
    ]) {
      await expect(owner.raw(sql), sql).rejects.toThrow(/never|only moves/);
    }
  });

  it('names the ticket and the field changed behind the till’s back', async () => {
    const s = sales[1]!;
    const breaks = await found(async (trx) => {
      await trx.raw('ALTER TABLE sale_lines DISABLE TRIGGER sale_lines_frozen');
      await trx.raw('ALTER TABLE sale_lines DROP CONSTRAINT sale_lines_total, DROP CONSTRAINT sale_lines_override_approved');
      await trx.raw('UPDATE sale_lines SET unit_price_cents = unit_price_cents - 10 WHERE sale_id = ? AND line_no = 2', [s.id]);
    });
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ kind: 'changed', ref: s.label, field: 'lines[2].unit_price', chain: 'ticket', terminal: 'T01' });
    expect(Number(breaks[0]!.sealed) - Number(breaks[0]!.found)).toBe(10);
  });

  it('names a tender’s amount changed, and a total', async () => {
    const s = sales[0]!;
    const breaks = await found(async (trx) => {
      await trx.raw('ALTER TABLE sale_tenders DISABLE TRIGGER sale_tenders_frozen');
      await trx.raw("SET CONSTRAINTS ALL IMMEDIATE");
      await trx.raw('UPDATE sale_tenders SET kind = ? WHERE sale_id = ? AND seq = 1', ['cash', s.id]);
    });
    expect(breaks.map((b) => [b.ref, b.field])).toEqual([[s.label, 'tenders[1].kind']]);
  });

  it('finds a ticket deleted in the middle of the chain, its seal kept or not', async () => {
    const s = sales[3]!;
    const gone = async (trx: Knex.Transaction) => {
      // As a superuser: no trigger, no foreign key (the stock and print jobs still name the sale).
      await trx.raw('SET LOCAL session_replication_role = replica');
      for (const t of ['sale_lines', 'sale_tenders', 'sale_vat']) await trx.raw(`DELETE FROM ${t} WHERE sale_id = ?`, [s.id]);
      await trx.raw('DELETE FROM sales WHERE id = ?', [s.id]);
    };
    const kept = await found(gone);
    expect(kept.map((b) => [b.kind, b.ref])).toEqual([['missing', s.label]]);
    const seal = await testDb().db('fiscal_seals').where({ chain: 'ticket', ref_id: s.id }).first();
    const both = await found(async (trx) => {
      await gone(trx);
      await trx.raw("DELETE FROM fiscal_seals WHERE chain = 'ticket' AND ref_id = ?", [s.id]);
    });
    expect(both.map((b) => [b.kind, b.seq])).toEqual([['missing', Number(seal.seq)]]);
  });

  it('finds the last tickets deleted, by the head in the database and by one kept outside it', async () => {
    const heads = await chainHeads(testDb().db, 'ticket');
    const t01 = heads.find((h) => h.terminalCode === 'T01')!;
    const breaks = await found(async (trx) => {
      await trx.raw('ALTER TABLE fiscal_seals DISABLE TRIGGER USER');
      await trx.raw('ALTER TABLE fiscal_heads DISABLE TRIGGER USER');
      await trx.raw("DELETE FROM fiscal_seals WHERE chain = 'ticket' AND terminal_id = ? AND seq > ?", [t01.terminalId, t01.seq - 2]);
      // The head made to agree: only the one kept outside tells.
      await trx.raw("UPDATE fiscal_heads SET seq = seq - 2, hash = (SELECT hash FROM fiscal_seals WHERE chain = 'ticket' AND terminal_id = ? AND seq = ?) WHERE chain = 'ticket' AND terminal_id = ?", [t01.terminalId, t01.seq - 2, t01.terminalId]);
      const r = await verifyChains(trx as unknown as Knex, { expectedHeads: heads });
      expect(r.breaks.filter((b) => b.kind === 'truncated').map((b) => [b.key, b.seq])).toEqual([['fiscal.break.truncatedFile', t01.seq - 1]]);
    });
    // Without the head kept outside, the tickets left without their seal still tell.
    expect(breaks.map((b) => b.kind).sort()).toEqual(['unsealed', 'unsealed']);
  });
});

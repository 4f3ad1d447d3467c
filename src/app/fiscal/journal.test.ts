// The technical event journal against real PostgreSQL: each event written in its action's
// transaction and sealed in its till's chain (sign-ins, a price changed by hand in the sale's
// own statement, a configuration change, the software's start and a version change), refused
// change, and `pos verify` naming an event changed or deleted behind the till's back.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { basketReducer } from '../../domain/basket';
import { settle } from '../../domain/tender';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { ruleChange } from '../ruleChange';
import { login } from '../session';
import { SOFTWARE } from '../software';
import { journalStart } from './events';
import { journalEvent } from './journal';
import { GENESIS, sealOf } from './records';
import { verifyChains, type Break } from './verify';
import { breaksAfter } from '../../testing/tamper';

describe('the technical event journal', () => {
  const testDb = useTestDatabase();
  const lastOf = async (kind: string) => testDb().db('journal_events').where({ kind }).orderBy('id', 'desc').first();

  const found = (damage: (trx: Knex.Transaction) => Promise<unknown>) => breaksAfter(testDb().owner, damage);

  it('journals a sign-in, a price changed by hand (in the sale), a configuration change, a start and a version change, each sealed in the till’s chain', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const gate = { db, terminal: { id: t01.id }, config: { operators: { lockout: { attempts: 5, minutes: 15 }, serviceOperator: '' }, timeZone: 'Europe/Paris' } } as Parameters<typeof login>[0];
    const op = await login(gate, '1', '1234');
    expect(await lastOf('login')).toMatchObject({ terminal_id: t01.id, operator_id: op.id, details: { purpose: 'login' } });
    // A CLI sale's PIN is no sign-in.
    const logins = (await db('journal_events').where({ kind: 'login' })).length;
    await login(gate, '1', '1234', 'sale');
    expect((await db('journal_events').where({ kind: 'login' })).length).toBe(logins);

    // The price of a line changed by the manager: journalled by the sale's own statement.
    const req = await saleRequest(db, { terminal: t01, lines: [['EPIC-001', 1]] });
    const r = basketReducer(req.basket, { type: 'overridePrice', lineId: req.basket.lines[0]!.lineId, unitPriceCents: 99, by: 2 });
    if ('error' in r) throw new Error(r.error);
    const settled = settle(99, [{ kind: 'cash', cents: 99 }]);
    if ('error' in settled) throw new Error(settled.error);
    const { sale } = await commitSale(db, { ...req, basket: r.basket, payment: settled.payment });
    expect(await lastOf('price_override')).toMatchObject({ terminal_id: t01.id, operator_id: 1, sale_id: sale.id, details: { approver: 2, from: 129, to: 99, sku: 'EPIC-001' } });

    // A configuration change and its event in one transaction; one refused leaves neither.
    await ruleChange(db, { terminalId: t01.id, operatorId: 2, managed: true, via: 'till' }, { action: 'test_rule', work: async () => 1, details: () => ({ what: 'x' }) });
    expect(await lastOf('config_change')).toMatchObject({ operator_id: 2, details: { action: 'test_rule', what: 'x', via: 'till' } });
    const changes = (await db('journal_events').where({ kind: 'config_change' })).length;
    await expect(ruleChange(db, { terminalId: t01.id, operatorId: 2, managed: true, via: 'till' }, { action: 'test_rule', work: async () => { throw new Error('refused'); }, details: () => ({}) })).rejects.toThrow('refused');
    expect((await db('journal_events').where({ kind: 'config_change' })).length).toBe(changes);

    // A start after one of another version says the change.
    await journalEvent(db, { terminalId: t01.id, kind: 'start', details: { software: SOFTWARE.name, version: '0.0.1' } });
    await journalStart(db, t01.id);
    expect(await lastOf('version_change')).toMatchObject({ details: { from: '0.0.1', to: SOFTWARE.version } });
    expect(await lastOf('start')).toMatchObject({ details: { version: SOFTWARE.version } });
    await journalStart(db, t01.id);
    expect((await db('journal_events').where({ kind: 'version_change' })).length).toBe(1);

    // A configuration file edited between two starts is journalled at the second; the same file, not.
    await journalStart(db, t01.id, { lang: 'fr', receipt: { columns: 42 } });
    await journalStart(db, t01.id, { receipt: { columns: 42 }, lang: 'fr' });
    expect(await db('journal_events').where({ kind: 'config_change' }).whereRaw("details->>'action' = 'config_file'")).toHaveLength(0);
    await journalStart(db, t01.id, { lang: 'fr', receipt: { columns: 48 } });
    expect(await lastOf('config_change')).toMatchObject({ details: { action: 'config_file' } });
    expect(await db('journal_events').where({ kind: 'config_change' }).whereRaw("details->>'action' = 'config_file'")).toHaveLength(1);

    const links = await db('fiscal_seals').where({ chain: 'jet', terminal_id: t01.id }).orderBy('seq');
    let prev = GENESIS;
    links.forEach((l: { seq: number; prev_hash: string; hash: string; record: string }, i: number) => {
      expect([l.seq, l.prev_hash, l.hash]).toEqual([i + 1, prev, sealOf(prev, l.record)]);
      prev = l.hash;
    });
    expect(links.length).toBeGreaterThanOrEqual(7);
    expect((await verifyChains(db)).breaks).toEqual([]);
  });

  it('refuses the till and the owner any change of an event', async () => {
    const { db, owner } = testDb();
    const t01 = await terminal(db);
    const e = await journalEvent(db, { terminalId: t01.id, kind: 'anomaly', details: { test: true } });
    await expect(db.raw('UPDATE journal_events SET kind = ? WHERE id = ?', ['login', e.id])).rejects.toThrow(/permission denied/);
    await expect(db('journal_events').insert({ terminal_id: t01.id, kind: 'login' })).rejects.toThrow(/permission denied/);
    await expect(owner.raw('UPDATE journal_events SET kind = ? WHERE id = ?', ['login', e.id])).rejects.toThrow(/never changed/);
    await expect(owner.raw('DELETE FROM journal_events WHERE id = ?', [e.id])).rejects.toThrow(/never changed/);
    await expect(owner.raw('TRUNCATE journal_events')).rejects.toThrow(/never emptied/);
  });

  it('names an event changed, and one deleted, behind the till’s back', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const e = await journalEvent(db, { terminalId: t01.id, kind: 'no_sale', operatorId: 1, details: { approver: 2, drawer: 'drawer' } });
    const changed = await found(async (trx) => {
      await trx.raw('ALTER TABLE journal_events DISABLE TRIGGER journal_events_frozen');
      await trx.raw(`UPDATE journal_events SET details = '{"approver": 1, "drawer": "drawer"}' WHERE id = ?`, [e.id]);
    });
    expect(changed).toMatchObject([{ chain: 'jet', kind: 'changed', ref: `JET T01 #${e.id}`, field: 'details' }]);
    const gone = await found(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw('DELETE FROM journal_events WHERE id = ?', [e.id]);
    });
    expect(gone).toMatchObject([{ chain: 'jet', kind: 'missing', ref: `JET T01 #${e.id}` }]);
  });
});

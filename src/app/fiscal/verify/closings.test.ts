// `pos verify`'s chains with the closings wired in, against real PostgreSQL: the signed heads
// file a Z writes names each till's last ticket, so the last tickets deleted as the owner after
// it are found; a closing edited is found beside the sealed chains; closings are journalled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../../../testing/db';
import { saleRequest, terminal } from '../../../testing/fixtures';
import { sellAt } from '../../../testing/sellAt';
import { fixedClock } from '../../../domain/clock';
import { commitSale } from '../../commitSale';
import { headsPath } from '../../closings/heads';
import { closeNow, type ClosingConfig } from '../../closings/service';
import { verifyChains } from './index';

let t: TestDatabase;
let dataDir: string;
beforeEach(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'pos-verify-closings-'));
});
afterEach(async () => {
  await dropTestDatabase(t);
  await rm(dataDir, { recursive: true, force: true });
});

const config = (at: string): ClosingConfig => ({ timeZone: 'Europe/Paris', dataDir, clock: fixedClock(at), closings: { autoClose: true, fiscalYearStartMonth: 1 } });

async function zOfT01(at: string) {
  const till = await terminal(t.db, 'T01');
  return closeNow(t.db, config(at), { scope: { scope: 'terminal', storeId: till.storeId, terminalId: till.id }, kind: 'day', operatorId: 2, via: 'test', terminalId: till.id });
}

describe('pos verify with the closings and the heads file', () => {
  it('finds the last tickets deleted as the owner after a Z, through the signed heads file', async () => {
    for (const h of ['09', '10', '11']) await sellAt(t.db, 'T01', `2026-11-20T${h}:00:00+01:00`, [['BOUL-001', 1]]);
    await zOfT01('2026-11-20T20:00:00+01:00');
    const headsFile = headsPath(dataDir);
    expect(await verifyChains(t.db, { headsFile })).toMatchObject({ ok: true, breaks: [] });

    const till = await terminal(t.db, 'T01');
    const head = await t.db('fiscal_heads').where({ chain: 'ticket', terminal_id: till.id }).first();
    const seq = Number(head.seq);
    // As the owner, guards off: the last two tickets gone with their seals, the head in the database made to agree.
    await t.owner.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      const gone = (await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: till.id }).where('seq', '>', seq - 2).select('ref_id')).map((r: { ref_id: number }) => r.ref_id);
      for (const x of ['sale_lines', 'sale_tenders', 'sale_vat']) await trx(x).whereIn('sale_id', gone).del();
      await trx('sales').whereIn('id', gone).del();
      await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: till.id }).where('seq', '>', seq - 2).del();
      const kept = await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: till.id, seq: seq - 2 }).first();
      await trx('fiscal_heads').where({ chain: 'ticket', terminal_id: till.id }).update({ seq: seq - 2, hash: kept.hash });
    });
    // Without the file, the ticket chain looks whole (only the Z's figures tell something is off).
    const blind = await verifyChains(t.db);
    expect(blind.breaks.filter((b) => b.chain === 'ticket')).toEqual([]);
    const r = await verifyChains(t.db, { headsFile });
    expect(r.ok).toBe(false);
    expect(r.breaks.filter((b) => b.chain === 'ticket').map((b) => [b.kind, b.key, b.seq, b.terminal])).toEqual([['truncated', 'fiscal.break.truncatedFile', seq - 1, 'T01']]);
    expect(r.breaks.some((b) => b.kind === 'totals' && b.chain.startsWith('closing terminal:'))).toBe(true);
  });

  it('finds a closing edited, and journals every closing in the JET (the automatic ones too)', async () => {
    await sellAt(t.db, 'T01', '2026-11-19T10:00:00+01:00', [['BOUL-001', 2]]);
    await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['CAVE-001', 1]]);
    const made = (await zOfT01('2026-11-20T20:00:00+01:00')).closings;
    expect(made.map((c) => c.automatic)).toEqual([true, false]);
    const events = await t.db('journal_events').where({ kind: 'closing' }).orderBy('id');
    expect(events.map((e: { details: { hash: string; automatic: boolean } }) => [e.details.hash, e.details.automatic])).toEqual(made.map((c) => [c.hash, c.automatic]));
    expect(await verifyChains(t.db, { headsFile: headsPath(dataDir) })).toMatchObject({ ok: true });

    await t.owner.raw(`ALTER TABLE closings DISABLE TRIGGER closings_frozen;
      UPDATE closings SET total_cents = total_cents + 100 WHERE id = ${made[1]!.id};
      ALTER TABLE closings ENABLE TRIGGER closings_frozen`);
    const r = await verifyChains(t.db, { headsFile: headsPath(dataDir) });
    expect(r.ok).toBe(false);
    const changed = r.breaks.find((b) => b.kind === 'changed')!;
    expect(changed).toMatchObject({ chain: `closing terminal:${made[1]!.storeId}:${made[1]!.terminalId}:day`, terminal: 'T01', seq: 2, key: 'fiscal.break.closing.changed' });
    expect(changed.field).toContain('total_cents');
  });

  it('journals a day closed automatically before the first sale of the next', async () => {
    await sellAt(t.db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 1]]);
    const policy = { clock: fixedClock('2026-11-21T09:00:00+01:00'), closings: { autoClose: true, fiscalYearStartMonth: 1, timeZone: 'Europe/Paris', dataDir } };
    const sold = await commitSale(t.db, await saleRequest(t.db, { terminal: await terminal(t.db, 'T01'), lines: [['BOUL-006', 1]] }), { receipt: false, policy });
    expect(sold.notes).toEqual([{ key: 'closing.autoClosed', params: { day: '20/11/2026' } }]);
    const e = await t.db('journal_events').where({ kind: 'closing' }).first();
    expect(e.details).toMatchObject({ automatic: true, first_day: '2026-11-20', via: 'till' });
    expect((await verifyChains(t.db)).ok).toBe(true);
  });
});

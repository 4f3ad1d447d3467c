// The till killed (SIGKILL) while it sends its offline journal, then sending it again: every
// sale once, none lost, the numbers printed on the receipts those of the tickets, no gap.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPending, offlineFolder, readBlock } from '../../app/offline/journal';
import { ensureBlock } from '../../app/offline/replay';
import { sellOffline } from '../../app/offline/sell';
import { checkDatabase } from '../../app/check/check';
import { loadConfig } from '../../config/load';
import { ticketNumberGaps } from '../../data/ticketBlocks';
import { saleRequest, terminal } from '../../testing/fixtures';
import { ledgerMismatches } from '../../testing/ledgers';
import { until } from '../../testing/until';
import { runCli, useCli } from '../testCli';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';
const bin = resolve(import.meta.dirname, '../../../bin/pos');

describe('pos offline replay, killed and run again', () => {
  const { db: testDb, root } = useCli();

  it('commits each of 50 offline sales exactly once, with its reserved number, after a SIGKILL in the middle of the replay', async () => {
    const { db, url } = testDb();
    const env = { DATABASE_URL: url, POS_OFFLINE_ENABLED: 'true', POS_RECEIPT_OUTPUT: 'none' };
    const config = loadConfig({ root: root(), env });
    const dir = offlineFolder(resolve(root(), config.dataDir), 'T01');
    const t01 = await terminal(db);
    await ensureBlock(db, dir, t01, 60);
    const { block } = (await readBlock(dir))!;
    // 50 sales made with the server away; the 26th alone sells a croissant.
    const keys: string[] = [];
    for (let i = 1; i <= 50; i++) {
      const req = await saleRequest(db, { terminal: t01, lines: [[i === 26 ? CROISSANT : BAGUETTE, 1 + (i % 3)]], tenders: [[i % 2 ? 'cash' : 'card', null]] });
      const { sale } = await sellOffline(dir, req, { config, terminal: t01, operator: { id: 1, code: '1', name: 'Camille' } });
      expect(sale.ticketNo).toBe(block.firstNo + i - 1);
      keys.push(req.basket.key);
    }
    expect(await countPending(dir)).toBe(50);
    const status = await runCli(root(), env, ['offline', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ enabled: true, pending: 50, rejected: 0, block: { firstNo: block.firstNo, lastNo: block.lastNo, closing: false } });

    // The croissant held by another transaction: the replay stops at the 26th sale, in its commit.
    const holder = await db.transaction();
    const croissant = await holder('items').where({ barcode: CROISSANT }).forUpdate().first('id');
    expect(croissant).toBeDefined();
    const child = spawn(process.execPath, [bin, 'offline', 'replay'], { cwd: root(), env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, POS_HOME: root() }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
    try {
      await until(async () => {
        const n = (await db('sales').whereIn('idempotency_key', keys).count<{ n: string }[]>({ n: '*' }))[0]!.n;
        const { rows } = await db.raw("SELECT count(*) AS w FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return Number(n) === 25 && Number(rows[0].w) > 0;
      }, '25 sales in and the 26th waiting on the croissant', 30_000);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      await holder.rollback();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    // Killed mid-commit: the 26th is not in, nothing after it.
    expect(await db('sales').whereIn('idempotency_key', keys)).toHaveLength(25);
    expect(await countPending(dir)).toBeGreaterThanOrEqual(25);

    const again = await runCli(root(), env, ['offline', 'replay', '--json']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc).toMatchObject({ waiting: 0, rejected: [], voided: 10 });
    // Every sale once, by its key, with the number on its receipt.
    const rows = await db('sales').whereIn('idempotency_key', keys).select('idempotency_key', 'ticket_no', 'id');
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(50);
    const numberOf = new Map(rows.map((r) => [r.idempotency_key as string, Number(r.ticket_no)]));
    expect(keys.map((k) => numberOf.get(k))).toEqual(keys.map((_, i) => block.firstNo + i));
    // Their receipts came out at the till: recorded as printed, once each.
    const jobs = await db('print_jobs').whereIn('sale_id', rows.map((r) => r.id)).select('sale_id', 'state');
    expect(jobs).toHaveLength(50);
    expect(jobs.every((j) => j.state === 'printed')).toBe(true);
    expect(await ticketNumberGaps(db, t01.id)).toEqual([]);
    expect(await db('ticket_voids').where({ block_id: block.id })).toHaveLength(10);
    expect(await ledgerMismatches(db)).toEqual([]);
    // pos check: every invariant holds, the voided numbers and the new open block no gap.
    expect((await checkDatabase(db)).breaks).toEqual([]);
    expect(await countPending(dir)).toBe(0);
    // The journal is kept, archived, whole: 50 sales.
    const archived = readFileSync(join(dir, readdirSync(dir).find((n) => n.startsWith('journal-'))!), 'utf8');
    expect(archived.trim().split('\n')).toHaveLength(50);
    // A new block for the next outage.
    expect((await readBlock(dir))!.block.firstNo).toBeGreaterThan(block.lastNo);
  });
});

// `pos offline rejected`: the offline sales the database refused at replay, each with its
// reason, read from the till's folder; the exit code says whether any waits for a manager.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineFolder, readBlock } from '../../app/offline/journal';
import { keepOperators } from '../../app/offline/operators';
import { ensureBlock, replayJournal } from '../../app/offline/replay';
import { sellOffline } from '../../app/offline/sell';
import { loadConfig } from '../../config/load';
import { saleRequest, terminal } from '../../testing/fixtures';
import { runCli, useCli } from '../testCli';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';

describe('pos offline rejected', () => {
  const { db: testDb, root } = useCli();

  it('lists each refused offline sale with its number, time, total and reason, in text and JSON; exit 1 while any is there, 0 when none', async () => {
    const { db, url, owner } = testDb();
    const env = { DATABASE_URL: url, POS_OFFLINE_ENABLED: 'true', POS_RECEIPT_OUTPUT: 'none', POS_TIME_ZONE: 'Europe/Paris' };
    const config = loadConfig({ root: root(), env });
    const dir = offlineFolder(resolve(root(), config.dataDir), 'T01');
    const t01 = await terminal(db);
    await ensureBlock(db, dir, t01, 10);
    const { block } = (await readBlock(dir))!;
    const who = { config, terminal: t01, operator: { id: 1, code: '1', name: 'Camille' } };
    const soldAt = new Date('2026-12-05T10:15:00.000Z');
    await sellOffline(dir, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 2]] }), who, soldAt);
    await sellOffline(dir, await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]], tenders: [['card', null]] }), who, soldAt);

    await keepOperators(db, dir);
    const status = await runCli(root(), env, ['offline', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 2, rejected: 0, operators_kept: 3, sign_ins: 0 });
    const none = await runCli(root(), env, ['offline', 'rejected', '--json']);
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, { rejected: [] }]);
    expect((await runCli(root(), env, ['offline', 'rejected', '--lang', 'fr'])).stdout.trim()).toBe('aucune vente hors ligne refusée');

    // The block closed from elsewhere meanwhile: the database takes none of its numbers.
    await owner.raw('SELECT pos_close_ticket_block(?)', [block.id]);
    expect(await replayJournal(db, dir)).toMatchObject({ committed: 0, rejected: [{}, {}] });

    const json = await runCli(root(), env, ['offline', 'rejected', '--json']);
    expect(json.code).toBe(1);
    const listed = JSON.parse(json.stdout).rejected;
    expect(listed).toMatchObject([
      { ticket: `T01-${String(block.firstNo).padStart(6, '0')}`, ticket_no: block.firstNo, sold_at: soldAt.toISOString(), total_cents: 260 },
      { ticket: `T01-${String(block.firstNo + 1).padStart(6, '0')}`, ticket_no: block.firstNo + 1, total_cents: 120 },
    ]);
    expect(listed.every((r: { reason: string }) => /not in an open block/.test(r.reason))).toBe(true);

    const fr = await runCli(root(), env, ['offline', 'rejected', '--lang', 'fr']);
    expect(fr.code).toBe(1);
    const lines = fr.stdout.trim().split('\n');
    expect(lines[0]).toBe('2 ventes hors ligne refusées par la base, à voir par un responsable :');
    expect(lines[1]).toMatch(new RegExp(`^T01-${String(block.firstNo).padStart(6, '0')}  05/12/2026 11:15  2,60 €  refusée : ticket number ${block.firstNo} is not in an open block`));
    const en = await runCli(root(), env, ['offline', 'rejected', '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe('2 offline sales refused by the database, for a manager to see to:');
    expect(en.stdout).toMatch(/€2\.60|2\.60/);
  });
});

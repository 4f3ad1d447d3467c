import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isConnectionError, openDb } from '../data/db';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { cuttableLink } from '../testing/proxy';
import { commitSpooled, countSpooled, replaySpool, spoolSale } from './spool';

describe('the spool of paid sales', () => {
  const testDb = useTestDatabase();

  it('sends again, once, a sale left on disk by a till that stopped before committing it', async () => {
    const { db } = testDb();
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    const req = await saleRequest(db, { terminal: await terminal(db), lines: [['3760000000017', 2]] });
    await spoolSale(dir, req); // the till died here

    const first = await replaySpool(db, dir);
    expect(first.committed.map((c) => c.created)).toEqual([true]);
    expect(readdirSync(dir)).toEqual([]);
    expect(await replaySpool(db, dir)).toEqual({ committed: [], waiting: 0, rejected: [] });

    // Committed, but the till died before removing the file: the replay finds the same ticket.
    await spoolSale(dir, req);
    const again = await replaySpool(db, dir);
    expect(again.committed[0]!.created).toBe(false);
    expect(again.committed[0]!.sale.id).toBe(first.committed[0]!.sale.id);
    expect(await db('sales').where('idempotency_key', req.basket.key)).toHaveLength(1);
  });

  it('a sale committed by a replay owes its receipt like any other, once', async () => {
    const { db } = testDb();
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    const req = await saleRequest(db, { terminal: await terminal(db), lines: [['3760000000017', 1]] });
    await spoolSale(dir, req);
    const { committed } = await replaySpool(db, dir);
    const { sale } = committed[0]!;
    expect(await db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ kind: 'receipt', state: 'queued', blocks: null, title: `T01-${String(sale.ticketNo).padStart(6, '0')}` }]);
    // Replayed again (the till died before removing the file): the same ticket, no second receipt.
    await spoolSale(dir, req);
    expect((await replaySpool(db, dir)).committed[0]).toMatchObject({ created: false, sale: { id: sale.id } });
    expect(await db('print_jobs').where('sale_id', sale.id)).toHaveLength(1);
  });

  it('with the database away, a replay keeps every paid sale spooled and sets none aside; once it is back, they are committed', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const away = openDb({ url: target.toString(), connectTimeoutMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    try {
      const t01 = await terminal(db);
      const reqs = [await saleRequest(db, { terminal: t01, lines: [['BOUL-006', 1]] }), await saleRequest(db, { terminal: t01, lines: [['BOUL-001', 2]] })];
      for (const req of reqs) await spoolSale(dir, req);
      link.cut();
      expect(await replaySpool(away, dir)).toEqual({ committed: [], waiting: 2, rejected: [] });
      expect(readdirSync(dir).sort()).toEqual(reqs.map((r) => `${r.basket.key}.json`).sort());
      expect(await countSpooled(dir)).toBe(2);

      link.mend();
      const back = await replaySpool(away, dir);
      expect(back).toMatchObject({ waiting: 0, rejected: [] });
      expect(back.committed.map((c) => c.created)).toEqual([true, true]);
      expect(readdirSync(dir)).toEqual([]);
      expect(await db('sales').whereIn('idempotency_key', reqs.map((r) => r.basket.key))).toHaveLength(2);
    } finally {
      await away.destroy();
      await link.close();
    }
  });

  it('leaves to the sale screen the sale it is sending again: a refusal is the cashier\'s to see, not set aside', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const away = openDb({ url: target.toString(), connectTimeoutMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    try {
      // A sale the database will refuse once back (its item gone meanwhile).
      const req = await saleRequest(db, { terminal: await terminal(db), lines: [['BOUL-006', 1]] });
      req.basket.lines[0]!.item = { ...req.basket.lines[0]!.item, id: 999_999 };
      link.cut();
      // The screen's commit finds the database away: the sale waits on disk, the screen will send it again.
      await expect(commitSpooled(away, dir, req)).rejects.toSatisfy(isConnectionError);
      expect(readdirSync(dir)).toEqual([`${req.basket.key}.json`]);
      link.mend();
      expect(await replaySpool(away, dir)).toEqual({ committed: [], waiting: 0, rejected: [] });
      expect(await countSpooled(dir)).toBe(1);
      // The screen's next attempt is refused: said on screen, the file gone, nothing set aside.
      await expect(commitSpooled(away, dir, req)).rejects.not.toSatisfy(isConnectionError);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await away.destroy();
      await link.close();
    }
  });

  it('removes the file once committed, and sets aside a sale the database refuses', async () => {
    const { db } = testDb();
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    const t01 = await terminal(db);
    const result = await commitSpooled(db, dir, await saleRequest(db, { terminal: t01, lines: [['BOUL-006', 1]] }));
    expect(result.created).toBe(true);
    expect(readdirSync(dir)).toEqual([]);

    const bad = await saleRequest(db, { terminal: t01, lines: [['BOUL-006', 1]] });
    bad.basket.lines[0]!.item = { ...bad.basket.lines[0]!.item, id: 999_999 };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const replay = await replaySpool(db, dir);
    expect(replay.rejected).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['bad.json.rejected']);
  });
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { commitSpooled, replaySpool, spoolSale } from './spool';

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

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { cuttableLink } from '../testing/proxy';
import { spoolSale, type Replay } from './spool';
import { replayDelay, SpoolReplay } from './spoolReplay';

describe('the spool replayed while the till runs', () => {
  const testDb = useTestDatabase();

  it('waits the first delay, then twice as long after each pass that found the database away, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => replayDelay(n, 1000))).toEqual([1000, 2000, 4000, 8000, 16000, 30_000, 30_000, 30_000]);
    expect([1, 2, 3].map((n) => replayDelay(n, 300, 1000))).toEqual([300, 600, 1000]);
  });

  it('keeps trying while the server is away, backing off, and commits the paid sale once it is back, without a restart; the delay starts over after', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const away = openDb({ url: target.toString(), connectTimeoutMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), 'pos-spool-'));
    // The next pass is set by the test's hand: the delays asked for are the back-off, and a
    // pass runs when the test says the time has come.
    const delays: number[] = [];
    let due: (() => void) | null = null;
    const timers = { set: (run: () => void, ms: number) => (delays.push(ms), (due = run)), clear: () => void (due = null) };
    const timeComes = () => {
      const run = due!;
      due = null;
      run();
    };
    const passes: { replay: Replay; waiting: number }[] = [];
    let told: (() => void) | null = null;
    const pass = () => new Promise<void>((resolve) => (told = resolve));
    const replay = new SpoolReplay({
      db: away,
      dir,
      firstDelayMs: 100,
      timers,
      log: { error: () => undefined },
      onPass: (r, waiting) => {
        passes.push({ replay: r, waiting });
        told?.();
      },
    });
    try {
      const t01 = await terminal(db);
      const req = await saleRequest(db, { terminal: t01, lines: [['BOUL-006', 1]] });
      await spoolSale(dir, req);
      link.cut();
      let next = pass();
      replay.wake();
      await next;
      for (let i = 0; i < 2; i++) {
        next = pass();
        timeComes();
        await next;
      }
      expect(passes.map((p) => [p.replay.committed.length, p.replay.waiting, p.replay.rejected.length, p.waiting])).toEqual([[0, 1, 0, 1], [0, 1, 0, 1], [0, 1, 0, 1]]);
      expect(delays).toEqual([100, 200, 400]);
      expect(readdirSync(dir)).toEqual([`${req.basket.key}.json`]);

      link.mend();
      next = pass();
      timeComes();
      await next;
      expect(passes.at(-1)).toMatchObject({ replay: { waiting: 0, rejected: [] }, waiting: 0 });
      expect(passes.at(-1)!.replay.committed.map((c) => [c.created, c.sale.key])).toEqual([[true, req.basket.key]]);
      expect(readdirSync(dir)).toEqual([]);
      expect(await db('sales').where('idempotency_key', req.basket.key)).toHaveLength(1);
      // Nothing waits: no pass is set.
      expect(due).toBeNull();
      expect(delays).toEqual([100, 200, 400]);

      // Away again with another paid sale: the first delay again, not where it had got to.
      await spoolSale(dir, await saleRequest(db, { terminal: t01, lines: [['BOUL-001', 1]] }));
      link.cut();
      next = pass();
      replay.wake();
      await next;
      expect(passes.at(-1)).toMatchObject({ replay: { committed: [], waiting: 1, rejected: [] }, waiting: 1 });
      expect(delays).toEqual([100, 200, 400, 100]);
    } finally {
      await replay.stop();
      await away.destroy();
      await link.close();
    }
  });
});

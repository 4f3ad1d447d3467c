// Measure 7: stock, live. 16 tills sell the demo shop's items as fast as they can, each with a
// pool of its own as 16 processes would: with items that are not stocked (the commit as it was
// before stock); stocked, none low (a movement and an event per item, no NOTIFY); stocked and
// every one low (each sale wakes the tills: a NOTIFY, which makes notifying commits queue);
// the same with every till also following the events as a till on screen does (a listening
// connection each, reading every event). Meanwhile a second process follows the store as a
// till does (src/bench/stockWatcher.ts, bundled like the till): for each sale, the time from
// the selling till having its answer to the other process having the new figure in the store's
// figures its item keys read (LiveStock; a figure a newer one overtook is never shown, and
// counts as unseen), and from the
// sale's stock written (just before its commit, the server's clock) to the same.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Knex } from 'knex';
import { commitSale } from '../app/commitSale';
import { LiveFeed } from '../app/events/feed';
import { openDb } from '../data/db';
import { findTerminal, type Terminal } from '../data/places';
import type { CatalogItem } from '../domain/item';
import { buildSale } from './commits';
import { busyCores, cpuMark } from './cpu';
import { benchTerminalCode } from './database';

export interface StockBenchOptions {
  root: string;
  url: string;
  tills: number;
  linesPerSale: number;
  /** Sales per phase. */
  sales: number;
}

export interface StockPhase {
  name: 'none' | 'quiet' | 'low' | 'live';
  commits: number;
  seconds: number;
  perSecond: number;
  /**
   * Per sale, from its stock movement written (in its transaction, just before the commit: the
   * server's clock) to the other process holding the new figure, in ms: the commit included.
   */
  propagation: number[];
  /** The same from the seller having its answer (this process's clock): its own event loop's delays come into it. */
  fromAnswer: number[];
  /** Sales whose figure never reached the other process. */
  unseen: number;
  machineCores: number;
  /** CPU this process used, in cores: near 1, the 16 tills' client side was the limit. */
  clientCores: number;
  errors: string[];
}

interface BenchTill {
  db: Knex;
  terminal: Terminal;
  feed: LiveFeed | null;
}

const now = () => performance.timeOrigin + performance.now();

/** The watcher: a bundled process following the events; the times it had each figure (by movement id). */
async function startWatcher(root: string, url: string, dir: string) {
  const outfile = join(dir, 'watcher.mjs');
  execFileSync(process.execPath, [join(root, 'bin', 'build.mjs'), '--entry', join(root, 'src', 'bench', 'stockWatcher.ts'), '--outfile', outfile], { stdio: 'inherit' });
  const child = spawn(process.execPath, [outfile, url], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  const seen = new Map<number, number>();
  let ready: () => void;
  const listening = new Promise<void>((r) => (ready = r));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') return ready();
    const [v, at] = line.split(' ');
    seen.set(Number(v), Number(at));
  });
  await listening;
  return {
    seen,
    stop: () => new Promise<void>((done) => {
      child.once('exit', () => done());
      child.stdin!.end();
    }),
  };
}

export async function measureStock(opts: StockBenchOptions): Promise<StockPhase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-stock-'));
  const tills: BenchTill[] = [];
  const watcher = await startWatcher(opts.root, opts.url, dir);
  try {
    for (let i = 0; i < opts.tills; i++) {
      const db = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: `pos-bench:till-${i + 1}` });
      tills.push({ db, terminal: (await findTerminal(db, benchTerminalCode(i)))!, feed: null });
    }
    const admin = tills[0]!.db;
    const items = await stockedCatalog(admin);
    // Enough of each on the shelves for the whole run: no sale goes below zero.
    await admin.raw(`INSERT INTO stock_movements (store_id, item_id, kind, qty, operator_id, reference)
                     SELECT 1, id, 'receive', 1000000, 2, 'bench' FROM items WHERE id = ANY(?) ORDER BY id`, [items.map((i) => i.id)]);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const phases: StockPhase[] = [];
    // One sale each first, not counted: connections opened, statements planned.
    await Promise.all(tills.map((t) => commitSale(t.db, buildSale(t.terminal, items, opts.linesPerSale, random))));
    for (const name of ['none', 'quiet', 'low', 'live'] as const) {
      // Every figure at or under its threshold: each sale changes what the tills show.
      if (name === 'low') await admin('items').whereIn('id', items.map((i) => i.id)).update({ stock_threshold: 999_999 });
      if (name === 'live') await Promise.all(tills.map((t) => listen(t, opts.url)));
      const catalog = name === 'none' ? items.map((i) => ({ ...i, stocked: false })) : items;
      phases.push(await phase(name, tills, catalog, opts, random, watcher.seen));
    }
    return phases;
  } finally {
    await Promise.all(tills.map(async (t) => {
      await t.feed?.close();
      await t.db.destroy();
    }));
    await watcher.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A till on screen follows the events too: its own listening connection, reads through its own pool. */
async function listen(t: BenchTill, url: string): Promise<void> {
  const db = openDb({ url, poolMax: 1, applicationName: 'pos-bench:till-reader' });
  const feed = new LiveFeed(db, { storeId: t.terminal.storeId, listenUrl: url, retryMs: 200, maxRetryMs: 2000, heartbeatMs: 30_000, applicationName: 'pos-bench:till-listen', log: { error: () => undefined } });
  const close = feed.close.bind(feed);
  feed.close = async () => {
    await close();
    await db.destroy();
  };
  await feed.open();
  t.feed = feed;
}

async function phase(
  name: StockPhase['name'], tills: BenchTill[], items: CatalogItem[], opts: StockBenchOptions, random: () => number, seen: Map<number, number>,
): Promise<StockPhase> {
  const committed: { saleId: number; at: number }[] = [];
  const errors: string[] = [];
  const machineBefore = cpuMark();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(tills.map(async (t) => {
    while (committed.length < opts.sales) {
      try {
        const { sale } = await commitSale(t.db, buildSale(t.terminal, items, opts.linesPerSale, random));
        committed.push({ saleId: sale.id, at: now() });
      } catch (e) {
        if (errors.length < 5) errors.push((e as Error).message);
      }
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  const machineCores = busyCores(machineBefore, cpuMark());
  const cpu = process.cpuUsage(cpuBefore);
  const result = {
    name, commits: committed.length, seconds, perSecond: committed.length / seconds, propagation: [] as number[], fromAnswer: [] as number[], unseen: 0,
    machineCores, clientCores: (cpu.user + cpu.system) / 1e6 / seconds, errors,
  };
  if (name === 'none' || name === 'quiet') return result;
  // The first movement of each sale: its figure's version, as the watcher printed it.
  const { rows } = await tills[0]!.db.raw<{ rows: { sale_id: number; id: number; at: number }[] }>(
    'SELECT sale_id, min(id)::bigint AS id, extract(epoch FROM min(at)) * 1000 AS at FROM stock_movements WHERE sale_id = ANY(?) GROUP BY sale_id', [committed.map((c) => c.saleId)]);
  const movement = new Map(rows.map((r) => [r.sale_id, Number(r.id)]));
  const written = new Map(rows.map((r) => [r.sale_id, Number(r.at)]));
  // The last events of the phase may still be on their way.
  const deadline = performance.now() + 5000;
  while (committed.some((c) => !seen.has(movement.get(c.saleId) ?? -1)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const c of committed) {
    const at = seen.get(movement.get(c.saleId) ?? -1);
    if (at === undefined) result.unseen += 1;
    else {
      result.propagation.push(at - written.get(c.saleId)!);
      result.fromAnswer.push(at - c.at);
    }
  }
  return result;
}

/** The demo shop's stocked items (not the bulk catalog), as the till reads them. */
async function stockedCatalog(db: Knex): Promise<CatalogItem[]> {
  const rows = (await db('items').where('sku', 'not like', 'BANC-%').andWhere('stocked', true).select('id', 'sku', 'barcode', 'name', 'price_cents', 'vat_rate_bp')) as {
    id: number; sku: string; barcode: string | null; name: string; price_cents: number; vat_rate_bp: number;
  }[];
  return rows.map((r) => ({ id: r.id, sku: r.sku, barcode: r.barcode, name: r.name, priceCents: r.price_cents, vatRateBp: r.vat_rate_bp }));
}

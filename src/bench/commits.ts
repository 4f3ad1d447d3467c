// Measure 3: whole sales committed per second by 16 tills at once on one server. Each till
// has its own small pool, as 16 processes would, and commits through the same use case as the
// till's screen (commitSale: ticket number, lines, VAT, tenders, audit, read back).
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { commitSale, type SaleRequest } from '../app/commitSale';
import { openDb } from '../data/db';
import { findTerminal, type Terminal } from '../data/places';
import { basketReducer, basketTotals, openBasket, type Basket } from '../domain/basket';
import type { CatalogItem } from '../domain/item';
import { settle } from '../domain/tender';
import { busyCores, cpuMark } from './cpu';
import { benchTerminalCode } from './database';

export interface CommitOptions {
  url: string;
  tills: number;
  linesPerSale: number;
  seconds: number;
}

export interface CommitResult {
  commits: number;
  seconds: number;
  perSecond: number;
  /** Per sale, from commitSale() called to its result. */
  latencies: number[];
  /** CPU the bench process used over the run, in cores: near 1 means the client was the limit. */
  clientCores: number;
  /** CPU the whole machine used over the run, in cores (server included when it runs here). */
  machineCores: number;
  errors: string[];
}

interface BenchTill {
  db: Knex;
  terminal: Terminal;
}

export async function measureCommits(opts: CommitOptions): Promise<CommitResult> {
  const tills: BenchTill[] = [];
  try {
    for (let i = 0; i < opts.tills; i++) {
      const db = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: `pos-bench:till-${i + 1}` });
      tills.push({ db, terminal: (await findTerminal(db, benchTerminalCode(i)))! });
    }
    // The demo shop's 205 articles (not the gift cards' line, off the catalogue): what a cashier scans in a corner shop.
    const items = await demoCatalog(tills[0]!.db);
    let seed = 1;
    const request = (till: BenchTill): SaleRequest => buildSale(till.terminal, items, opts.linesPerSale, () => (seed = (seed * 48271) % 2147483647) / 2147483647);

    // One sale each first, not counted: connections opened, statements planned.
    await Promise.all(tills.map((t) => commitSale(t.db, request(t))));

    const latencies: number[] = [];
    const errors: string[] = [];
    const cpuBefore = process.cpuUsage();
    const machineBefore = cpuMark();
    const start = performance.now();
    const end = start + opts.seconds * 1000;
    await Promise.all(
      tills.map(async (t) => {
        while (performance.now() < end) {
          const req = request(t);
          const began = performance.now();
          try {
            await commitSale(t.db, req);
            latencies.push(performance.now() - began);
          } catch (e) {
            if (errors.length < 5) errors.push((e as Error).message);
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const machineCores = busyCores(machineBefore, cpuMark());
    return {
      commits: latencies.length,
      seconds,
      perSecond: latencies.length / seconds,
      latencies,
      clientCores: (cpu.user + cpu.system) / 1e6 / seconds,
      machineCores,
      errors,
    };
  } finally {
    await Promise.all(tills.map((t) => t.db.destroy()));
  }
}

/** The demo shop's items a cashier scans (the bulk catalog and the gift cards' line aside). */
export async function demoCatalog(db: Knex): Promise<CatalogItem[]> {
  const rows = (await db('items').where('sku', 'not like', 'BANC-%').where('active', true).select('id', 'sku', 'barcode', 'name', 'price_cents', 'vat_rate_bp')) as {
    id: number; sku: string; barcode: string | null; name: string; price_cents: number; vat_rate_bp: number;
  }[];
  return rows.map((r) => ({ id: r.id, sku: r.sku, barcode: r.barcode, name: r.name, priceCents: r.price_cents, vatRateBp: r.vat_rate_bp }));
}

/** A basket built as the till builds it (reducer, then tenders), paid in cash. */
export function buildSale(terminal: Terminal, items: readonly CatalogItem[], lines: number, random: () => number): SaleRequest {
  let basket: Basket = openBasket(randomUUID());
  for (let i = 0; i < lines; i++) {
    const item = items[Math.floor(random() * items.length)]!;
    const r = basketReducer(basket, { type: 'add', item, qty: 1 + Math.floor(random() * 3) });
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
  }
  const total = basketTotals(basket).totalCents;
  const settled = settle(total, [{ kind: 'cash', cents: total }]);
  if ('error' in settled) throw new Error(settled.error);
  return { terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket, payment: settled.payment };
}

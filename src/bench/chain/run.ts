// `pos bench --chain`: a chain-sized database built by the generator, then N tills selling at
// once beside pgbench's references on the same server, in the same run, alternating so that both
// see the same machine; then the hot vouchers, the reports, a till scanning under load, and
// `pos check` over what the load left. Figures only: the bench fails only on a broken invariant.
import { cpus, totalmem } from 'node:os';
import { breakText, checkDatabase } from '../../app/check/check';
import { seedDemo } from '../../app/seedDemo';
import { maskUrl, openDb, withDatabase } from '../../data/db';
import { migrateLatest } from '../../data/migrations';
import type { Lang } from '../../domain/money';
import type { MessageKey, Params } from '../../i18n/messages';
import { percentile } from '../stats';
import { HOT_ROW_SCRIPT, HOT_ROW_SETUP } from '../giftCards';
import { openPgbench, type PgbenchBed } from '../pgbench';
import { checkpoint, dropDatabase, isLocalServer, recreateDatabase } from '../server';
import { generateChain } from './generate';
import { noMix, runHotVoucher, runLoad } from './load';
import { timeReports } from './reportTimes';
import { scanUnderLoad } from './scanUnderLoad';
import { ratios, spread, type Spread } from './spread';
import type { CpuSpent } from '../cpu';
import type { ChainSizes, GeneratedChain, LoadResult, Timing } from './types';

export interface ChainBenchOptions {
  /** The server's maintenance URL, as a user who may create databases. */
  serverUrl: string;
  /** The bench's own database there, made afresh. */
  database: string;
  sizes: ChainSizes;
  /** Tills selling at once, one load per count and run. */
  clients: number[];
  runs: number;
  seconds: number;
  hotVouchers: number;
  /** The bench database through a pooler (PgBouncer in transaction mode), or null. */
  poolerUrl: string | null;
  /** Barcodes typed at the till on a pseudo-terminal under load; 0: not measured. */
  scans: number;
  keep: boolean;
  timeZone: string;
  lang: Lang;
}

export interface SalesFigures {
  tills: number;
  perSecond: Spread;
  commitP50Ms: Spread;
  commitP99Ms: Spread;
  /** pgbench's TPC-B-like run with as many clients, run by run; null when pgbench is unavailable. */
  pgbenchTps: Spread | null;
  ratio: Spread | null;
  /** CPU per sale and per TPC-B transaction; null when the server is not on this machine. */
  cpu: CpuFigures | null;
  mix: LoadResult['mix'];
  refused: Record<string, number>;
  errors: string[];
}

/**
 * Where a sale's time goes, beside pgbench's transaction: milliseconds of CPU each costs its
 * client (the till's code, pgbench) and the server (the rest of the machine: PostgreSQL and the
 * system under it). Ratios as for the rates: the reference's cost over the sale's.
 */
export interface CpuFigures {
  tillMsPerSale: Spread;
  serverMsPerSale: Spread;
  pgbenchMsPerTransaction: Spread | null;
  serverMsPerTransaction: Spread | null;
  clientRatio: Spread | null;
  serverRatio: Spread | null;
}

export interface ChainBenchResult {
  server: string;
  database: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string };
  settings: { clients: number[]; runs: number; seconds: number; hotVouchers: number; focusTills: number; scans: number };
  /** Schema and demo shop, before the generator. */
  setupSeconds: number;
  generated: GeneratedChain;
  pgbench: { scale: number; initSeconds: number } | { unavailable: string };
  sales: SalesFigures[];
  pooler: { tills: number; direct: Spread; pooled: Spread; ratio: Spread | null; errors: string[] } | null;
  hotVoucher: {
    tills: number;
    vouchers: number;
    perSecond: Spread;
    redeemP99Ms: Spread;
    bareUpdateTps: Spread | null;
    ratio: Spread | null;
    /** The debit alone, as the e-shop's API redeems, against the same bare UPDATE. */
    debitPerSecond: Spread;
    debitRatio: Spread | null;
    errors: string[];
  };
  /** The back office's look-ups during the loads at focusTills, per kind: p50 and p99 over the runs. */
  lookups: Record<string, { n: number; p50Ms: Spread; p99Ms: Spread }>;
  reports: { report: string; kind: string; from: string; to: string; ms: Spread }[];
  scan: { tills: number; terminal: string; n: number; p50Ms: number; p99Ms: number; maxMs: number; salesPerSecond: number; errors: string[] } | { skipped: true } | { failed: string };
  check: { ok: boolean; ms: number; counts: Record<string, number>; breaks: string[] };
}

/** Progress: a line of the catalogue, or a sub-step's own words (the generator's, the load's). */
export interface Progress {
  step(key: MessageKey, params?: Params): void;
  note(text: string): void;
}

/** The till count the single-count measures run at: the 16 when asked for, else the most asked. */
export function focusTills(clients: readonly number[]): number {
  return clients.includes(16) ? 16 : Math.max(...clients);
}

export async function runChainBench(opts: ChainBenchOptions, progress: Progress): Promise<ChainBenchResult> {
  const { step, note } = progress;
  const url = withDatabase(opts.serverUrl, opts.database);
  const focus = focusTills(opts.clients);
  step('bench.chain.step.setup', { database: opts.database });
  const setupStart = performance.now();
  await recreateDatabase(opts.serverUrl, opts.database);
  // Not "pos:…": a till leaving an embedded server stops it when no other "pos:" client is left.
  const db = openDb({ url, poolMax: 4, applicationName: 'pos-bench:chain' });
  const beds: PgbenchBed[] = [];
  try {
    await migrateLatest(db);
    await seedDemo(db);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    step('bench.chain.step.generate', sizeParams(opts.sizes));
    const generated = await generateChain(db, opts.sizes, (what) => note(`  ${what}`));

    const scale = Math.max(...opts.clients);
    step('bench.chain.step.pgbenchInit', { scale });
    const tpcb = await openPgbench(opts.serverUrl, { scale }, `${opts.database}_tpcb`);
    const hotRow = await openPgbench(opts.serverUrl, { setup: HOT_ROW_SETUP, script: HOT_ROW_SCRIPT }, `${opts.database}_hot`);
    for (const bed of [tpcb, hotRow]) if (!('unavailable' in bed)) beds.push(bed);
    const pgbench = 'unavailable' in tpcb ? tpcb : { scale, initSeconds: tpcb.initSeconds };

    step('bench.chain.step.reports', { runs: opts.runs });
    const reports = (await timeReports(db, opts.runs, opts.timeZone)).map((r) => ({ ...r, ms: spread(r.ms) }));

    const loads = new Map<number, LoadResult[]>(opts.clients.map((c) => [c, []]));
    const tps = new Map<number, (number | null)[]>(opts.clients.map((c) => [c, []]));
    const tpcbCpu = new Map<number, (PerTransaction | null)[]>(opts.clients.map((c) => [c, []]));
    const pooled: LoadResult[] = [];
    const hot: { perSecond: number; p99: number; debitPerSecond: number; errors: string[] }[] = [];
    const bare: (number | null)[] = [];
    const threads = (clients: number) => Math.max(1, Math.min(clients, cpus().length));
    const reference = async (bed: typeof tpcb, clients: number, cpu?: (PerTransaction | null)[]): Promise<number | null> => {
      if ('unavailable' in bed) return null;
      await checkpoint(opts.serverUrl);
      const r = await bed.run({ clients, threads: threads(clients), seconds: opts.seconds });
      if ('unavailable' in r) {
        note(`  ${r.unavailable}`);
        return null;
      }
      cpu?.push(r.cpu && r.transactions > 0 ? perTransaction(r.cpu, r.transactions) : null);
      return r.tps;
    };
    for (let run = 0; run < opts.runs; run++) {
      // Odd runs put the reference first: a machine warming up or slowing down weighs on both.
      const referenceFirst = run % 2 === 1;
      for (const tills of opts.clients) {
        const load = async () => {
          step(tills === focus ? 'bench.chain.step.salesLookups' : 'bench.chain.step.sales', { run: run + 1, runs: opts.runs, tills, seconds: opts.seconds });
          await checkpoint(opts.serverUrl);
          loads.get(tills)!.push(await orFailed(tills, runLoad({ url, tills, seconds: opts.seconds, hotVouchers: opts.hotVouchers, seed: run * 1000 + tills, lookups: tills === focus }, (what) => note(`  ${what}`))));
          if (tills === focus && opts.poolerUrl) {
            step('bench.chain.step.pooler', { run: run + 1, runs: opts.runs, tills, seconds: opts.seconds });
            await checkpoint(opts.serverUrl);
            pooled.push(await orFailed(tills, runLoad({ url: opts.poolerUrl, tills, seconds: opts.seconds, hotVouchers: opts.hotVouchers, seed: run * 1000 + tills, lookups: true })));
          }
        };
        const pg = async () => {
          if ('unavailable' in tpcb) return void tps.get(tills)!.push(null);
          step('bench.chain.step.tpcb', { run: run + 1, runs: opts.runs, tills, seconds: opts.seconds });
          tps.get(tills)!.push(await reference(tpcb, tills, tpcbCpu.get(tills)!));
        };
        for (const part of referenceFirst ? [pg, load] : [load, pg]) await part();
      }
      const hotLoad = async () => {
        step('bench.chain.step.hot', { run: run + 1, runs: opts.runs, tills: focus, vouchers: opts.hotVouchers, seconds: opts.seconds });
        try {
          await checkpoint(opts.serverUrl);
          const r = await runHotVoucher({ url, tills: focus, seconds: opts.seconds, vouchers: opts.hotVouchers });
          await checkpoint(opts.serverUrl);
          const d = await runHotVoucher({ url, tills: focus, seconds: opts.seconds, vouchers: opts.hotVouchers, via: 'debit' });
          hot.push({ perSecond: r.perSecond, p99: r.redeem.p99, debitPerSecond: d.perSecond, errors: [...r.errors, ...d.errors] });
        } catch (e) {
          hot.push({ perSecond: Number.NaN, p99: Number.NaN, debitPerSecond: Number.NaN, errors: [failure(e)] });
        }
      };
      const hotBare = async () => {
        if ('unavailable' in hotRow) return void bare.push(null);
        step('bench.chain.step.bare', { run: run + 1, runs: opts.runs, tills: focus, seconds: opts.seconds });
        bare.push(await reference(hotRow, focus));
      };
      for (const part of referenceFirst ? [hotBare, hotLoad] : [hotLoad, hotBare]) await part();
    }

    let scan: ChainBenchResult['scan'] = { skipped: true };
    if (opts.scans > 0) {
      step('bench.chain.step.scan', { scans: opts.scans, tills: focus });
      try {
        const r = await scanUnderLoad(db, { url, tills: focus, seconds: opts.seconds, hotVouchers: opts.hotVouchers, seed: 4242, lookups: false }, opts.scans, note);
        scan = {
          tills: focus, terminal: r.terminal, n: r.latencies.length,
          p50Ms: percentile(r.latencies, 50), p99Ms: percentile(r.latencies, 99), maxMs: Math.max(...r.latencies),
          salesPerSecond: r.salesPerSecond, errors: r.errors.slice(0, 3),
        };
      } catch (e) {
        scan = { failed: (e as Error).message };
      }
    }

    step('bench.chain.step.check');
    const checkStart = performance.now();
    const checked = await checkDatabase(db);
    const check = { ok: checked.ok, ms: performance.now() - checkStart, counts: checked.counts, breaks: checked.breaks.map((b) => breakText(b, opts.lang)) };

    const direct = loads.get(focus)!;
    return {
      server: maskUrl(opts.serverUrl),
      database: opts.database,
      machine: { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? 'CPU', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: { clients: opts.clients, runs: opts.runs, seconds: opts.seconds, hotVouchers: opts.hotVouchers, focusTills: focus, scans: opts.scans },
      setupSeconds,
      generated,
      pgbench,
      sales: opts.clients.map((tills) => salesFigures(tills, loads.get(tills)!, tps.get(tills)!, isLocalServer(opts.serverUrl) ? tpcbCpu.get(tills)! : null)),
      pooler: opts.poolerUrl
        ? { tills: focus, direct: spread(direct.map((l) => l.perSecond)), pooled: spread(pooled.map((l) => l.perSecond)), ratio: ratios(pooled.map((l) => l.perSecond), direct.map((l) => l.perSecond)), errors: pooled.flatMap((l) => l.errors).slice(0, 3) }
        : null,
      hotVoucher: {
        tills: focus,
        vouchers: opts.hotVouchers,
        perSecond: spread(hot.map((h) => h.perSecond)),
        redeemP99Ms: spread(hot.map((h) => h.p99)),
        bareUpdateTps: bare.some((b) => b !== null) ? spread(bare.filter((b): b is number => b !== null)) : null,
        ratio: ratios(hot.map((h) => h.perSecond), bare),
        debitPerSecond: spread(hot.map((h) => h.debitPerSecond)),
        debitRatio: ratios(hot.map((h) => h.debitPerSecond), bare),
        errors: hot.flatMap((h) => h.errors).slice(0, 3),
      },
      lookups: lookupFigures(direct),
      reports,
      scan,
      check,
    };
  } finally {
    for (const bed of beds) await bed.drop();
    await db.destroy();
    if (!opts.keep) {
      step('bench.chain.step.drop', { database: opts.database });
      await dropDatabase(opts.serverUrl, opts.database);
    }
  }
}

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A load that failed (a server refusing connections…) is one run without figures and with its
 * error, not the end of a bench that may have run for an hour.
 */
async function orFailed(tills: number, load: Promise<LoadResult>): Promise<LoadResult> {
  try {
    return await load;
  } catch (e) {
    return {
      tills, sales: 0, seconds: 0, perSecond: Number.NaN, commit: { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN },
      mix: noMix(), refused: {}, errors: [failure(e)], lookups: {}, cpu: null,
    };
  }
}

/** What one sale or transaction cost its client and the server, in CPU milliseconds. */
interface PerTransaction {
  clientMs: number;
  serverMs: number;
}

function perTransaction(cpu: CpuSpent, n: number): PerTransaction {
  return { clientMs: cpu.clientMs / n, serverMs: (cpu.machineMs - cpu.clientMs) / n };
}

/** `tpcb` null: the server is elsewhere, the machine's CPU says nothing of its work. */
function cpuFigures(loads: LoadResult[], tpcb: (PerTransaction | null)[] | null): CpuFigures | null {
  if (!tpcb) return null;
  const perSale = loads.map((l) => (l.cpu && l.sales > 0 ? perTransaction(l.cpu, l.sales) : null));
  const sales = perSale.filter((x): x is PerTransaction => x !== null);
  if (sales.length === 0) return null;
  const refs = tpcb.filter((x): x is PerTransaction => x !== null);
  // A cost ratio is the reference's over the sale's, run by run: 1× is a sale as light as a TPC-B transaction.
  const costRatios = (pick: (x: PerTransaction) => number) => {
    const runs = perSale.flatMap((sale, i) => (sale && tpcb[i] ? [pick(tpcb[i]!) / pick(sale)] : []));
    return runs.length > 0 ? spread(runs) : null;
  };
  return {
    tillMsPerSale: spread(sales.map((x) => x.clientMs)),
    serverMsPerSale: spread(sales.map((x) => x.serverMs)),
    pgbenchMsPerTransaction: refs.length > 0 ? spread(refs.map((x) => x.clientMs)) : null,
    serverMsPerTransaction: refs.length > 0 ? spread(refs.map((x) => x.serverMs)) : null,
    clientRatio: costRatios((x) => x.clientMs),
    serverRatio: costRatios((x) => x.serverMs),
  };
}

function salesFigures(tills: number, loads: LoadResult[], tps: (number | null)[], tpcbCpu: (PerTransaction | null)[] | null): SalesFigures {
  const mix = noMix();
  const refused: Record<string, number> = {};
  for (const l of loads) {
    for (const k of Object.keys(mix) as (keyof typeof mix)[]) mix[k] += l.mix[k];
    for (const [k, n] of Object.entries(l.refused)) refused[k] = (refused[k] ?? 0) + n;
  }
  const measured = tps.filter((x): x is number => x !== null);
  return {
    tills,
    perSecond: spread(loads.map((l) => l.perSecond)),
    commitP50Ms: spread(loads.map((l) => l.commit.p50)),
    commitP99Ms: spread(loads.map((l) => l.commit.p99)),
    pgbenchTps: measured.length > 0 ? spread(measured) : null,
    ratio: ratios(loads.map((l) => l.perSecond), tps),
    cpu: cpuFigures(loads, tpcbCpu),
    mix,
    refused,
    errors: loads.flatMap((l) => l.errors).slice(0, 3),
  };
}

function lookupFigures(loads: LoadResult[]): ChainBenchResult['lookups'] {
  const kinds = new Map<string, Timing[]>();
  for (const l of loads) for (const [kind, timing] of Object.entries(l.lookups)) kinds.set(kind, [...(kinds.get(kind) ?? []), timing]);
  return Object.fromEntries(
    [...kinds].map(([kind, timings]) => [kind, { n: timings.reduce((s, x) => s + x.n, 0), p50Ms: spread(timings.map((x) => x.p50)), p99Ms: spread(timings.map((x) => x.p99)) }]),
  );
}

/** The sizes as the catalogue's messages name them. */
export function sizeParams(s: ChainSizes): Params {
  return { ...s };
}

// `npm run bench`: builds the till, then measures what the issue asks of it and prints the
// figures beside their targets. It asserts nothing; it is not part of the test suite.
//
// Server: DATABASE_URL's when set, else a private embedded PostgreSQL in the temp folder.
// BENCH_QUICK=1 runs every measure briefly (to check the bench itself, not the till).
// BENCH_ONLY=cold,scans runs only the measures named (cold, scans, commits, vouchers, coupons,
// customers, giftcards, stock, reports, check, pins, roles, seal, verify, pooler, failover): a before/after of one change without the rest.
// pooler needs pgbouncer; failover needs Debian's PostgreSQL (a primary and standby of its own): each is skipped, with why, without.
// An interrupted run leaves its database behind; the next run drops it before starting.
// BENCH_DATABASE=name: the bench's database on the server (default pos_bench).
import './production';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoItems } from '../app/demoCatalog';
import { maskUrl } from '../data/db';
import { shuffled } from './catalog';
import { measureColdStart } from './coldStart';
import { measureCheck } from './check';
import { measureCommits } from './commits';
import { measureFailover, reportFailover } from './failover';
import { measurePooler, reportPooler } from './pooler';
import { measureCoupons } from './coupons';
import { measureCustomers } from './customers';
import { prepareBenchDatabase } from './database';
import { measureGiftCards, HOT_ROW_SCRIPT, HOT_ROW_SETUP } from './giftCards';
import { runPgbench, runPgbenchScript } from './pgbench';
import { reportCheck, reportColdStart, reportCommits, reportCoupons, reportCustomers, reportGiftCards, reportReports, reportRoles, reportScans, reportStock, reportSummary, reportVouchers, type SummaryRow } from './report';
import { measureScans } from './scan';
import { measureStock } from './stock';
import { measureReports } from './reports';
import { measurePins, reportPins } from './pins';
import { measureRoles } from './roles';
import { measureVouchers } from './vouchers';
import { measureSealRate, measureVerify, reportSeal } from './seal';
import { checkpoint, openBenchServer } from './server';

const quick = process.env.BENCH_QUICK === '1';
const MEASURES = ['cold', 'scans', 'commits', 'vouchers', 'coupons', 'customers', 'giftcards', 'stock', 'reports', 'check', 'pins', 'roles', 'seal', 'verify', 'pooler', 'failover'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((m) => !(MEASURES as readonly string[]).includes(m));
if (unknown.length > 0) {
  console.error(`bench: BENCH_ONLY names no measure ${unknown.join(', ')} (known: ${MEASURES.join(', ')})`);
  process.exit(2);
}
const wanted = (m: (typeof MEASURES)[number]) => only.length === 0 || only.includes(m);
const SETTINGS = {
  coldRuns: quick ? 3 : 10,
  catalogItems: quick ? 10_000 : 100_000,
  basketLines: quick ? 50 : 300,
  scans: quick ? 100 : 1000,
  scanPauseMs: 20,
  tills: 16,
  linesPerSale: 5,
  commitSeconds: quick ? 3 : 15,
  pgbenchScale: 16,
  pgbenchThreads: 2,
  vouchers: quick ? 50_000 : 1_000_000,
  voucherLookups: quick ? 200 : 2000,
  couponCodes: quick ? 100_000 : 1_000_000,
  couponApplyRuns: quick ? 100 : 1000,
  couponValidations: quick ? 200 : 2000,
  customers: quick ? 100_000 : 1_000_000,
  customerSearches: quick ? 100 : 1000,
  cardScans: quick ? 50 : 300,
  stockSales: quick ? 200 : 1000,
  reportCards: quick ? 100_000 : 1_000_000,
  reportTickets: quick ? 100_000 : 1_000_000,
  reportRuns: 5,
  checkTickets: quick ? 100_000 : 1_000_000,
  checkRuns: quick ? 2 : 5,
  pinRuns: quick ? 5 : 30,
  sealRounds: 4,
  verifyTickets: quick ? 100_000 : 1_000_000,
  verifyTills: 4,
  verifyRuns: quick ? 1 : 2,
  roleRounds: quick ? 2 : 4,
  poolerRounds: quick ? 2 : 4,
  failoverTills: 8,
  failoverRepeats: quick ? 1 : 3,
  failoverSellSeconds: quick ? 1 : 2,
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const began = performance.now();

function step(what: string): void {
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${what}\n`);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'pos.mjs'))) throw new Error('dist/pos.mjs is missing: run `npm run bench` (it builds first) or `npm run build`');
  step(process.env.DATABASE_URL ? 'using the server of DATABASE_URL' : 'starting the private embedded PostgreSQL');
  const server = await openBenchServer();
  const rows: SummaryRow[] = [];
  // The bare conditional-UPDATE rate the commit and voucher figures are compared with: measured
  // once, by the first measure that needs it.
  let baseline: ReturnType<typeof runPgbench> | undefined;
  const pgbench = async () => {
    if (!baseline) {
      await checkpoint(server.url);
      baseline = runPgbench({ serverUrl: server.url, clients: SETTINGS.tills, threads: SETTINGS.pgbenchThreads, scale: SETTINGS.pgbenchScale, seconds: SETTINGS.commitSeconds });
    }
    return baseline;
  };
  // No database: the cost of a PIN check alone, before the other measures load the machine.
  if (wanted('pins')) {
    step(`PIN verification: ${SETTINGS.pinRuns} runs at the shop's scrypt cost`);
    rows.push(...reportPins(measurePins(SETTINGS.pinRuns), 10));
  }
  // A cluster of its own, not the bench's server.
  if (wanted('failover')) {
    step(`failover: ${SETTINGS.failoverTills} tills on a primary and its standby, the primary stopped and the standby promoted, ${SETTINGS.failoverRepeats} runs`);
    const failover = await measureFailover({ root, tills: SETTINGS.failoverTills, linesPerSale: SETTINGS.linesPerSale, repeats: SETTINGS.failoverRepeats, sellSeconds: SETTINGS.failoverSellSeconds }, step);
    rows.push(...reportFailover(failover, { number: 15 }));
  }
  if (only.length > 0 && only.every((m) => m === 'pins' || m === 'failover')) {
    await server.close();
    reportSummary(rows, [`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`]);
    return;
  }
  try {
    step(`bench database: schema, demo shop, ${SETTINGS.catalogItems.toLocaleString('en')} catalog items`);
    const bench = await prepareBenchDatabase(server.url, { bulkItems: SETTINGS.catalogItems, terminals: SETTINGS.tills });
    try {
      await checkpoint(server.url);
      if (wanted('cold')) {
        step(`cold start: ${SETTINGS.coldRuns} runs each of node -e '' and the till`);
        const cold = await measureColdStart({
          root,
          url: bench.url,
          embedded: server.embedded ? { dataDir: server.dataDir, serverUrl: server.url } : null,
          runs: SETTINGS.coldRuns,
        });
        rows.push(...reportColdStart(cold));
      }

      if (wanted('scans')) {
        step(`scans: ${SETTINGS.basketLines}-line basket, then ${SETTINGS.scans} timed scans`);
        const items = shuffled(bench.bulk);
        const scans = await measureScans({
          root,
          url: bench.url,
          basketItems: items.slice(0, SETTINGS.basketLines),
          scanItems: items.slice(SETTINGS.basketLines, SETTINGS.basketLines + SETTINGS.scans),
          pauseMs: SETTINGS.scanPauseMs,
        });
        rows.push(...reportScans(scans, { catalog: SETTINGS.catalogItems + demoItems().length, basket: SETTINGS.basketLines, pauseMs: SETTINGS.scanPauseMs }));
      }

      if (wanted('commits')) {
        step(`commits: ${SETTINGS.tills} tills for ${SETTINGS.commitSeconds} s, then pgbench -i -s ${SETTINGS.pgbenchScale} and ${SETTINGS.commitSeconds} s`);
        await checkpoint(server.url);
        const commits = await measureCommits({ url: bench.url, tills: SETTINGS.tills, linesPerSale: SETTINGS.linesPerSale, seconds: SETTINGS.commitSeconds });
        rows.push(...reportCommits(commits, await pgbench(), { tills: SETTINGS.tills, lines: SETTINGS.linesPerSale }));
      }

      if (wanted('roles')) {
        step(`till role: ${SETTINGS.tills} tills commit as a user of pos_till and as the owner, ${SETTINGS.commitSeconds} s each in ${SETTINGS.roleRounds} alternating rounds`);
        await checkpoint(server.url);
        const roles = await measureRoles(bench.db, { url: bench.url, tills: SETTINGS.tills, linesPerSale: SETTINGS.linesPerSale, seconds: SETTINGS.commitSeconds, rounds: SETTINGS.roleRounds });
        rows.push(...reportRoles(roles, { tills: SETTINGS.tills, lines: SETTINGS.linesPerSale, number: 11 }));
      }

      if (wanted('pooler')) {
        step(`pooler: ${SETTINGS.tills} tills commit straight and through PgBouncer (transaction mode), ${SETTINGS.commitSeconds} s each in ${SETTINGS.poolerRounds} alternating rounds`);
        await checkpoint(server.url);
        const pooler = await measurePooler({ url: bench.url, tills: SETTINGS.tills, linesPerSale: SETTINGS.linesPerSale, seconds: SETTINGS.commitSeconds, rounds: SETTINGS.poolerRounds });
        rows.push(...reportPooler(pooler, { tills: SETTINGS.tills, lines: SETTINGS.linesPerSale, number: 14 }));
      }

      if (wanted('seal') || wanted('verify')) {
        let rate = null;
        let verify = null;
        if (wanted('seal')) {
          step(`seal: ${SETTINGS.tills} tills commit with the seal and without it, ${SETTINGS.commitSeconds} s each in ${SETTINGS.sealRounds} alternating rounds`);
          await checkpoint(server.url);
          rate = await measureSealRate(bench.db, { url: bench.url, tills: SETTINGS.tills, linesPerSale: SETTINGS.linesPerSale, seconds: SETTINGS.commitSeconds, rounds: SETTINGS.sealRounds });
        }
        if (wanted('verify')) {
          step(`verify: pos verify over ${SETTINGS.verifyTickets.toLocaleString('en')} sealed tickets on ${SETTINGS.verifyTills} tills`);
          await checkpoint(server.url);
          verify = await measureVerify({ root, serverUrl: server.url, tickets: SETTINGS.verifyTickets, tills: SETTINGS.verifyTills, runs: SETTINGS.verifyRuns }, step);
        }
        rows.push(...reportSeal(rate, verify, { tills: SETTINGS.tills, lines: SETTINGS.linesPerSale, number: 12 }));
      }

      if (wanted('vouchers')) {
        step(`vouchers: ${SETTINGS.vouchers.toLocaleString('en')} loaded, ${SETTINGS.voucherLookups} lookups, ${SETTINGS.tills} connections redeeming for ${SETTINGS.commitSeconds} s`);
        await checkpoint(server.url);
        const vouchers = await measureVouchers(bench.db, { url: bench.url, vouchers: SETTINGS.vouchers, lookups: SETTINGS.voucherLookups, connections: SETTINGS.tills, seconds: SETTINGS.commitSeconds }, step);
        rows.push(...reportVouchers(vouchers, await pgbench(), { connections: SETTINGS.tills }));
      }

      if (wanted('coupons')) {
        step(`coupons: ${SETTINGS.couponCodes.toLocaleString('en')} codes made, applied to a 100-line basket, checked at the till`);
        await checkpoint(server.url);
        const coupons = await measureCoupons(bench.db, { url: bench.url, codes: SETTINGS.couponCodes, applyRuns: SETTINGS.couponApplyRuns, validations: SETTINGS.couponValidations }, step);
        rows.push(...reportCoupons(coupons));
      }

      if (wanted('customers')) {
        step(`customers: ${SETTINGS.customers.toLocaleString('en')} loaded, ${SETTINGS.customerSearches} searches by a name fragment, ${SETTINGS.cardScans} cards scanned at the till`);
        await checkpoint(server.url);
        const customers = await measureCustomers(bench.db, { root, url: bench.url, customers: SETTINGS.customers, searches: SETTINGS.customerSearches, scans: SETTINGS.cardScans, pauseMs: SETTINGS.scanPauseMs }, step);
        rows.push(...reportCustomers(customers, 6));
      }

      if (wanted('giftcards')) {
        step(`gift cards: one card spent by ${SETTINGS.tills} tills for ${SETTINGS.commitSeconds} s, then pgbench's bare conditional UPDATE of one row by ${SETTINGS.tills} clients`);
        await checkpoint(server.url);
        const cards = await measureGiftCards(bench.db, { url: bench.url, tills: SETTINGS.tills, seconds: SETTINGS.commitSeconds });
        const hotRow = await runPgbenchScript({ serverUrl: server.url, clients: SETTINGS.tills, threads: SETTINGS.pgbenchThreads, seconds: SETTINGS.commitSeconds, setup: HOT_ROW_SETUP, script: HOT_ROW_SCRIPT });
        rows.push(...reportGiftCards(cards, hotRow, { tills: SETTINGS.tills, number: 7 }));
      }

      if (wanted('stock')) {
        step(`stock: ${SETTINGS.tills} tills, ${SETTINGS.stockSales} sales each: not stocked, stocked, all low, all low with every till listening; a second process following`);
        await checkpoint(server.url);
        const stock = await measureStock({ root, url: bench.url, tills: SETTINGS.tills, linesPerSale: SETTINGS.linesPerSale, sales: SETTINGS.stockSales });
        rows.push(...reportStock(stock, { tills: SETTINGS.tills, lines: SETTINGS.linesPerSale, number: 8 }));
      }

      if (wanted('reports')) {
        step(`reports: liabilities over ${(SETTINGS.reportCards * 10).toLocaleString('en')} ledger rows, a month's payments over ${SETTINGS.reportTickets.toLocaleString('en')} tickets`);
        await checkpoint(server.url);
        const reports = await measureReports(bench.db, { cards: SETTINGS.reportCards, tickets: SETTINGS.reportTickets, runs: SETTINGS.reportRuns, timeZone: 'Europe/Paris' }, step);
        rows.push(...reportReports(reports, 9));
      }

      if (wanted('check')) {
        // A database of its own: the measures above leave tickets numbered for their own ends.
        step(`check: pos check over ${SETTINGS.checkTickets.toLocaleString('en')} tickets and their ledgers, ${SETTINGS.checkRuns} runs`);
        await checkpoint(server.url);
        const check = await measureCheck({ root, serverUrl: server.url, tickets: SETTINGS.checkTickets, tills: SETTINGS.tills, runs: SETTINGS.checkRuns }, step);
        rows.push(...reportCheck(check, 10));
      }
    } finally {
      step('dropping the bench database');
      await bench.drop();
    }
  } finally {
    await server.close();
  }
  reportSummary(rows, [
    `server: ${server.embedded ? `embedded PostgreSQL on port ${server.embedded.port} (${server.dataDir})` : maskUrl(server.url)}`,
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}${quick ? '; BENCH_QUICK (figures not comparable)' : ''}`,
  ]);
  step('done');
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error)?.stack ?? String(e)}`);
  process.exitCode = 1;
});

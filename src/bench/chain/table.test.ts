import { describe, expect, it } from 'vitest';
import type { ChainBenchResult } from './run';
import { spread } from './spread';
import { chainTable } from './table';
import { SMALL_CHAIN } from './types';

const s = (...runs: number[]) => spread(runs);

/** Three runs of a small chain, as runChainBench returns them. */
const result: ChainBenchResult = {
  server: 'postgres://root@127.0.0.1:5432/postgres',
  database: 'pos_bench_chain',
  machine: { cpus: 2, model: 'CPU', memoryGiB: 24, node: 'v20' },
  settings: { clients: [1, 16], runs: 3, seconds: 10, hotVouchers: 4, focusTills: 16, scans: 20 },
  setupSeconds: 9,
  generated: { sizes: SMALL_CHAIN, seconds: 5, tables: [{ table: 'sales', rows: 5000, seconds: 0.4 }] },
  pgbench: { scale: 16, initSeconds: 7 },
  sales: [1, 16].map((tills) => ({ tills, perSecond: s(30, 35, 40), commitP50Ms: s(20, 22), commitP99Ms: s(60, 70), pgbenchTps: s(1000, 1100, 1200), ratio: s(0.03, 0.04, 0.04),
    cpu: tills === 16 ? { tillMsPerSale: s(5, 5.5, 6), serverMsPerSale: s(10, 11, 12), pgbenchMsPerTransaction: s(0.1, 0.1, 0.1), serverMsPerTransaction: s(0.8, 0.9, 1), clientRatio: s(0.02, 0.02, 0.02), serverRatio: s(0.08, 0.08, 0.09) } : null,
    mix: { coupon: 1, loyalty: 1, voucher: 1, giftCard: 1, hotVoucher: 1, cash: 1, card: 1 }, refused: {}, errors: [] })),
  pooler: null,
  hotVoucher: { tills: 16, vouchers: 4, perSecond: s(90, 95), redeemP99Ms: s(300, 320), bareUpdateTps: s(1100, 1200), ratio: s(0.08, 0.08), debitPerSecond: s(700, 720), debitRatio: s(0.6, 0.62), errors: [] },
  lookups: { customerSearch: { n: 12, p50Ms: s(40, 44), p99Ms: s(70, 75) } },
  reports: [{ report: 'sales', kind: 'sales', from: '2026-11-06', to: '2026-12-06', ms: s(61, 65) }],
  scan: { tills: 16, terminal: 'S003-T04', n: 20, p50Ms: 65, p99Ms: 108, maxMs: 110, salesPerSecond: 35, errors: [] },
  check: { ok: true, ms: 140, counts: {}, breaks: [] },
};

describe('the chain bench as a table', () => {
  it('names each measure in the language asked, with its spread, reference, ratio and verdict', () => {
    const text = chainTable(result, 'fr').join('\n');
    expect(text).toMatch(/Ventes\/s, 16 caisses +35\.0 +30\.0 +40\.0 +TPC-B 1100\.0 tps +0\.04× \[0\.03×–0\.04×\] +≥ 0\.75× +NON/);
    expect(text).toContain('Recherche client par le nom p99 (ms), 16 caisses');
    // Where a sale's time goes, at the 16 tills only: the server's CPU and the till code's, beside pgbench's.
    expect(text).toMatch(/CPU du serveur par vente \(ms\), 16 caisses +11\.00 +10\.00 +12\.00 +TPC-B 0\.90 ms par transaction +0\.08× \[0\.08×–0\.09×\]/);
    expect(text).toMatch(/CPU du code de la caisse par vente \(ms\), 16 caisses +5\.50 +5\.00 +6\.00 +pgbench 0\.10 ms par transaction +0\.02×/);
    expect(text).not.toContain('par vente (ms), 1 caisse');
    expect(chainTable(result, 'en').join('\n')).toContain('Server CPU per sale (ms), 16 tills');
    // Hot vouchers as whole sales and as debits alone, each against the same bare UPDATE and target.
    expect(text).toMatch(/Bons chauds \(4\) : encaissements\/s, 16 caisses +90\.0 +90\.0 +95\.0 +UPDATE nu 1100\.0 tps +0\.08× \[0\.08×–0\.08×\] +≥ 0\.50×, 0 anomalie +NON/);
    expect(text).toMatch(/Bons chauds \(4\) : débits seuls\/s \(API\), 16 connexions +700\.0 +700\.0 +720\.0 +UPDATE nu 1100\.0 tps +0\.60× \[0\.60×–0\.62×\] +≥ 0\.50×, 0 anomalie +oui/);
    expect(chainTable(result, 'en').join('\n')).toContain('Look-up customer by name p99 (ms), 16 tills');
  });

  it('in a terminal narrower than the table, gives each measure two lines that fit', () => {
    const wide = chainTable(result, 'fr');
    expect(Math.max(...wide.map((l) => [...l].length))).toBeGreaterThan(80);
    const narrow = chainTable(result, 'fr', 80);
    const i = narrow.indexOf('Ventes/s, 16 caisses');
    expect(narrow[i + 1]).toBe('  35.0 [30.0–40.0] · TPC-B 1100.0 tps · 0.04× [0.03×–0.04×] · ≥ 0.75× : NON');
    // The table's lines fit; the header lines (the chain's sizes, the tables built) are prose a terminal folds at spaces.
    for (const columns of [80, 60]) {
      const lines = chainTable(result, 'fr', columns);
      for (const line of lines.slice(lines.indexOf('') + 1)) expect([...line].length, line).toBeLessThanOrEqual(columns);
    }
  });
});

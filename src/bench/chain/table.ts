// The bench's figures as a table for a person: one row per measure, the median with the lowest
// and highest run, the reference measured beside it, the ratio and the target.
import type { Lang } from '../../domain/money';
import { t } from '../../i18n/messages';
import { table } from '../../cli/output';
import type { ChainBenchResult } from './run';
import type { Spread } from './spread';
import { sizeParams } from './run';

/** The speed targets: reported, never asserted. */
export const CHAIN_TARGETS = { salesVsTpcb: 0.75, poolerVsDirect: 0.9, hotVsBareUpdate: 0.5 } as const;

const num = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
const ratioText = (r: Spread | null) => (r ? `${times(r.median)} [${times(r.min)}–${times(r.max)}]` : '—');
const cells = (s: Spread, digits = 1) => [num(s.median, digits), num(s.min, digits), num(s.max, digits)];

/**
 * `width`: the terminal's columns. Where the table is wider, each measure takes two lines (its
 * name, then its figures) rather than lines the terminal folds in the middle of a column.
 */
export function chainTable(r: ChainBenchResult, lang: Lang, width = Number.POSITIVE_INFINITY): string[] {
  const yes = t(lang, 'bench.chain.met.yes');
  const no = t(lang, 'bench.chain.met.no');
  const met = (ok: boolean | null) => (ok === null ? '' : ok ? yes : no);
  const atLeast = (x: number) => `≥ ${times(x)}`;
  const rows: string[][] = [];
  const noPgbench = 'unavailable' in r.pgbench ? t(lang, 'bench.chain.ref.none') : '—';

  for (const s of r.sales) {
    const target = s.tills === 16 ? CHAIN_TARGETS.salesVsTpcb : null;
    rows.push([
      t(lang, 'bench.chain.row.sales', { tills: s.tills }),
      ...cells(s.perSecond),
      s.pgbenchTps ? t(lang, 'bench.chain.ref.tpcb', { tps: num(s.pgbenchTps.median) }) : noPgbench,
      ratioText(s.ratio),
      target === null ? '' : atLeast(target),
      target === null || !s.ratio ? '' : met(s.ratio.median >= target),
    ]);
  }
  const cpu = r.sales.find((s) => s.tills === r.settings.focusTills)?.cpu;
  if (cpu) {
    const perTransaction = (key: 'bench.chain.ref.tpcbCpu' | 'bench.chain.ref.pgbenchCpu', ms: Spread | null) => (ms ? t(lang, key, { ms: num(ms.median, 2) }) : noPgbench);
    rows.push([t(lang, 'bench.chain.row.serverCpu', { tills: r.settings.focusTills }), ...cells(cpu.serverMsPerSale, 2), perTransaction('bench.chain.ref.tpcbCpu', cpu.serverMsPerTransaction), ratioText(cpu.serverRatio), '', '']);
    rows.push([t(lang, 'bench.chain.row.tillCpu', { tills: r.settings.focusTills }), ...cells(cpu.tillMsPerSale, 2), perTransaction('bench.chain.ref.pgbenchCpu', cpu.pgbenchMsPerTransaction), ratioText(cpu.clientRatio), '', '']);
  }
  if (r.pooler) {
    rows.push([
      t(lang, 'bench.chain.row.pooler', { tills: r.pooler.tills }),
      ...cells(r.pooler.pooled),
      t(lang, 'bench.chain.ref.direct', { rate: num(r.pooler.direct.median) }),
      ratioText(r.pooler.ratio),
      atLeast(CHAIN_TARGETS.poolerVsDirect),
      r.pooler.ratio ? met(r.pooler.ratio.median >= CHAIN_TARGETS.poolerVsDirect) : '',
    ]);
  }
  const h = r.hotVoucher;
  // As whole sales, and the debit alone as the API redeems: both against the same bare UPDATE.
  const hotRows = [['bench.chain.row.hot', h.perSecond, h.ratio], ['bench.chain.row.hotDebit', h.debitPerSecond, h.debitRatio]] as const;
  for (const [label, perSecond, ratio] of hotRows) {
    rows.push([
      t(lang, label, { tills: h.tills, vouchers: h.vouchers }),
      ...cells(perSecond),
      h.bareUpdateTps ? t(lang, 'bench.chain.ref.bare', { tps: num(h.bareUpdateTps.median) }) : noPgbench,
      ratioText(ratio),
      t(lang, 'bench.chain.target.hot', { ratio: times(CHAIN_TARGETS.hotVsBareUpdate) }),
      ratio ? met(ratio.median >= CHAIN_TARGETS.hotVsBareUpdate && r.check.ok) : '',
    ]);
  }
  for (const [kind, l] of Object.entries(r.lookups)) {
    rows.push([t(lang, 'bench.chain.row.lookup', { kind: t(lang, `bench.chain.lookup.${kind}` as 'bench.chain.lookup.item'), tills: r.settings.focusTills }), ...cells(l.p99Ms, 2), t(lang, 'bench.chain.ref.p50', { ms: num(l.p50Ms.median, 2), n: l.n }), '', '', '']);
  }
  for (const rep of r.reports) {
    rows.push([t(lang, 'bench.chain.row.report', { report: t(lang, `bench.chain.report.${rep.kind}` as 'bench.chain.report.sales') }), ...cells(rep.ms, 0), '', '', '', '']);
  }
  if ('p99Ms' in r.scan) {
    rows.push([t(lang, 'bench.chain.row.scan', { tills: r.scan.tills }), num(r.scan.p99Ms, 2), '', num(r.scan.maxMs, 2), t(lang, 'bench.chain.ref.scan', { ms: num(r.scan.p50Ms, 2), n: r.scan.n }), '', '', '']);
  } else {
    rows.push([t(lang, 'bench.chain.row.scan', { tills: r.settings.focusTills }), 'failed' in r.scan ? t(lang, 'bench.chain.scanFailed') : t(lang, 'bench.chain.scanSkipped'), '', '', '', '', '', '']);
  }
  rows.push([
    t(lang, 'bench.chain.row.check'),
    r.check.ok ? t(lang, 'bench.chain.check.ok') : t(lang, 'check.broken', { n: r.check.breaks.length }),
    '', '', t(lang, 'bench.chain.ref.checkMs', { ms: num(r.check.ms, 0) }), '', t(lang, 'bench.chain.target.check'), met(r.check.ok),
  ]);

  const head = ['measure', 'median', 'min', 'max', 'reference', 'ratio', 'target', 'met'].map((c) => t(lang, `bench.chain.col.${c}` as 'bench.chain.col.measure'));
  const body = table([head, ...rows], ['left', 'right', 'right', 'right', 'left', 'left', 'left', 'left']);
  const widest = Math.max(...body.map((l) => [...l].length));
  const rule = '─'.repeat(Math.min(widest, width));
  const gen = r.generated;
  const pg = 'unavailable' in r.pgbench ? t(lang, 'bench.chain.pgbenchNone', { reason: r.pgbench.unavailable }) : t(lang, 'bench.chain.pgbench', { scale: r.pgbench.scale, seconds: num(r.pgbench.initSeconds) });
  const lines = [
    t(lang, 'bench.chain.title', sizeParams(gen.sizes)),
    t(lang, 'bench.chain.built', { seconds: num(gen.seconds), setup: num(r.setupSeconds), rows: gen.tables.map((x) => `${x.table} ${x.rows.toLocaleString('en')} (${num(x.seconds)} s)`).join(', ') }),
    t(lang, 'bench.chain.settings', { runs: r.settings.runs, seconds: r.settings.seconds, server: r.server, cpus: r.machine.cpus, model: r.machine.model, memory: r.machine.memoryGiB, node: r.machine.node }),
    pg,
    '',
    ...(widest <= width ? [body[0]!, rule, ...body.slice(1)] : stacked(rows, width)),
  ];
  const errors = [...r.sales.flatMap((s) => s.errors), ...r.hotVoucher.errors, ...(r.pooler?.errors ?? []), ...('errors' in r.scan ? r.scan.errors : []), ...('failed' in r.scan ? [r.scan.failed] : [])];
  if (errors.length > 0) lines.push('', ...errors.slice(0, 5).map((e) => t(lang, 'bench.chain.error', { error: e })));
  if (!r.check.ok) lines.push('', ...r.check.breaks);
  return lines;
}

/** A row as two lines (three where they would not fit): the measure, its median [min–max] and reference, its ratio, target and verdict. */
function stacked(rows: string[][], width: number): string[] {
  return rows.flatMap(([measure, median, min, max, reference, ratio, target, met]) => {
    const spread = min || max ? ` [${min || '—'}–${max || '—'}]` : '';
    const figures = [`${median}${spread}`, reference].filter(Boolean).join(' · ');
    const verdict = [ratio, [target, met].filter(Boolean).join(' : ')].filter(Boolean).join(' · ');
    const one = `  ${[figures, verdict].filter(Boolean).join(' · ')}`;
    return [measure!, ...([...one].length <= width || !verdict ? [one] : [`  ${figures}`, `  ${verdict}`])];
  });
}

// What the bench prints: one section per measure as it ends, then the summary against the
// targets of the issue. Figures only; the bench never fails on them.
import { cpus } from 'node:os';
import type { ColdStartResult } from './coldStart';
import type { CheckBenchResult } from './check';
import type { CouponResult } from './coupons';
import type { CustomerBenchResult } from './customers';
import type { RolesResult } from './roles';
import type { CommitResult } from './commits';
import type { GiftCardResult } from './giftCards';
import type { PgbenchResult } from './pgbench';
import type { PtyRun } from './pty';
import type { ReportBenchResult } from './reports';
import type { ScanResult } from './scan';
import type { StockPhase } from './stock';
import type { VoucherResult } from './vouchers';
import { max, median, mib, ms, percentile, ratio } from './stats';

export const TARGETS = {
  coldStartRatio: 3,
  coldStartRssMiB: 100,
  scanP99Ms: 16,
  commitsVsPgbench: 0.5,
  stockPropagationP99Ms: 200,
  liabilityMs: 1000,
  monthPaymentsMs: 2000,
  checkMs: 10_000,
} as const;

export interface SummaryRow {
  measure: string;
  figure: string;
  target: string;
  met: boolean | null;
}

export function section(title: string): void {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);
}

export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

function spread(samples: readonly number[]): string {
  return `median ${ms(median(samples))}  p90 ${ms(percentile(samples, 90))}  min ${ms(Math.min(...samples))}  (n=${samples.length})`;
}

export function reportColdStart(r: ColdStartResult): SummaryRow[] {
  section('1. Cold start of the built till to its first interactive frame (80×24 pty)');
  line('node -e \'\' (spawned directly)', spread(r.bareDirect));
  line('node -e \'\' (in the same pty wrapper)', spread(r.barePty));
  const rows: SummaryRow[] = [];
  const variant = (name: string, runs: PtyRun[] | null) => {
    if (runs === null) return;
    if (runs.length === 0) {
      line(name, 'no successful run');
      rows.push({ measure: `Cold start, ${name}`, figure: 'failed', target: `≤ ${TARGETS.coldStartRatio}× bare node`, met: false });
      return;
    }
    const times = runs.map((x) => x.ms);
    const rss = runs.map((x) => x.rssBytes);
    const hwm = runs.map((x) => x.hwmBytes);
    const vsBare = median(times) / median(r.barePty);
    line(`till, ${name}`, spread(times));
    line('  ratio to bare node (same wrapper, medians)', `${ratio(vsBare)}  (direct spawn: ${ratio(median(times) / median(r.bareDirect))})`);
    line('  RSS at the frame (VmRSS)', `median ${mib(median(rss))}  max ${mib(max(rss))}`);
    line('  peak RSS until then (VmHWM)', `median ${mib(median(hwm))}  max ${mib(max(hwm))}`);
    rows.push({
      measure: `Cold start, ${name}`,
      figure: `${ms(median(times), 0)} = ${ratio(vsBare)} bare node (${ms(median(r.barePty), 0)})`,
      target: `≤ ${TARGETS.coldStartRatio}×`,
      met: vsBare <= TARGETS.coldStartRatio,
    });
    rows.push({ measure: `RSS at first frame, ${name}`, figure: `${mib(median(rss))} (peak ${mib(median(hwm))})`, target: `≤ ${TARGETS.coldStartRssMiB} MiB`, met: median(rss) <= TARGETS.coldStartRssMiB * 1024 * 1024 });
  };
  variant('store server (POS_DB_URL)', r.tillUrl);
  variant('embedded server, already running', r.tillEmbedded);
  if (r.tillEmbedded === null) line('till, embedded server', 'not run: DATABASE_URL is set, the bench has no embedded server');
  for (const f of r.failures.slice(0, 3)) line('  a failed run', f);
  return rows;
}

export function reportScans(r: ScanResult, setup: { catalog: number; basket: number; pauseMs: number }): SummaryRow[] {
  section(`2. Scan to frame (${r.latencies.length} scans, ${setup.catalog.toLocaleString('en')} items, basket of ${setup.basket} → ${setup.basket + r.latencies.length} lines, ${setup.pauseMs} ms apart)`);
  const p = (x: number) => ms(percentile(r.latencies, x), 2);
  line('scan → frame showing the item', `p50 ${p(50)}  p90 ${p(90)}  p99 ${p(99)}  max ${ms(max(r.latencies), 2)}`);
  line('  of which: barcode look-up alone', `p50 ${ms(percentile(r.lookupMs, 50), 2)}  p99 ${ms(percentile(r.lookupMs, 99), 2)}`);
  line('  of which: Ink layout + draw per frame', `p50 ${ms(percentile(r.renderMs, 50), 2)}  p99 ${ms(percentile(r.renderMs, 99), 2)}  (${r.frames} frames, ${(r.frames / Math.max(1, r.latencies.length)).toFixed(1)} per scan)`);
  const single = r.latencies.filter((_, i) => r.framesPerScan[i] === 1);
  const multi = r.latencies.filter((_, i) => (r.framesPerScan[i] ?? 0) > 1);
  line('  scans shown by their first frame', `${single.length} (p50 ${ms(median(single), 2)}, p99 ${ms(percentile(single, 99), 2)})`);
  line('  scans shown by a later frame', `${multi.length} (p50 ${ms(median(multi), 2)}, p99 ${ms(percentile(multi, 99), 2)}): an earlier frame took the 60 fps slot`);
  line('  bytes written per frame', `${Math.round(r.bytesPerFrame).toLocaleString('en')}; ${r.fullRepaints} of ${r.frames} frames clear the whole screen, ${r.repeatedFrames} repeat the one before`);
  for (const e of r.errors.slice(0, 3)) line('  logged by the till', e);
  const p99 = percentile(r.latencies, 99);
  return [{ measure: 'Scan → frame p99', figure: `${ms(p99, 1)} (p50 ${ms(percentile(r.latencies, 50), 1)})`, target: `≤ ${TARGETS.scanP99Ms} ms`, met: p99 <= TARGETS.scanP99Ms }];
}

export function reportCommits(ours: CommitResult, pgbench: PgbenchResult, setup: { tills: number; lines: number }): SummaryRow[] {
  section(`3. Whole-sale commits, ${setup.tills} tills at once on one server`);
  line(`commitSale, ${setup.lines} lines a sale`, `${ours.perSecond.toFixed(1)} sales/s  (${ours.commits} in ${ours.seconds.toFixed(1)} s)`);
  line('  latency per sale', `p50 ${ms(percentile(ours.latencies, 50), 1)}  p99 ${ms(percentile(ours.latencies, 99), 1)}`);
  line('  CPU, cores busy: bench process / machine', `${ours.clientCores.toFixed(2)} / ${ours.machineCores.toFixed(2)} of ${cpus().length}${ours.clientCores > 0.85 ? '  ← the client (node) was the limit' : ''}`);
  line('  CPU per sale: bench process / machine', `${ms((ours.clientCores / ours.perSecond) * 1000, 2)} / ${ms((ours.machineCores / ours.perSecond) * 1000, 2)}`);
  for (const e of ours.errors) line('  an error', e);
  if ('unavailable' in pgbench) {
    line('pgbench TPC-B-like', pgbench.unavailable);
    return [{ measure: 'Sale commits/s (16 tills)', figure: `${ours.perSecond.toFixed(0)}/s; pgbench: none`, target: `≥ ${TARGETS.commitsVsPgbench}× pgbench`, met: null }];
  }
  const vs = ours.perSecond / pgbench.tps;
  line(`pgbench TPC-B-like, same clients`, `${pgbench.tps.toFixed(1)} tps  (init ${pgbench.initSeconds.toFixed(1)} s)`);
  line('  CPU per transaction (machine)', `${ms((pgbench.machineCores / pgbench.tps) * 1000, 2)}  (${pgbench.machineCores.toFixed(2)} cores busy)`);
  line('ratio sales/s ÷ pgbench tps', ratio(vs));
  return [{ measure: `Sale commits/s (${setup.tills} tills)`, figure: `${ours.perSecond.toFixed(0)}/s = ${ratio(vs)} pgbench (${pgbench.tps.toFixed(0)} tps)`, target: `≥ ${TARGETS.commitsVsPgbench}×`, met: vs >= TARGETS.commitsVsPgbench }];
}

export function reportVouchers(r: VoucherResult, pgbench: PgbenchResult, setup: { connections: number }): SummaryRow[] {
  section(`4. Store-credit vouchers: ${r.vouchers.toLocaleString('en')} in the table, each with its ledger row (loaded in ${r.loadSeconds.toFixed(1)} s)`);
  const p = (xs: number[], n: number) => ms(percentile(xs, n), 2);
  line(`lookup by code at the till (${r.lookupMs.length}, one at a time)`, `p50 ${p(r.lookupMs, 50)}  p99 ${p(r.lookupMs, 99)}  max ${ms(max(r.lookupMs), 2)}`);
  line(`redemptions, ${setup.connections} connections at once`, `${r.perSecond.toFixed(1)}/s  (${r.redemptions} in ${r.redeemSeconds.toFixed(1)} s)`);
  line('  latency per redemption', `p50 ${p(r.redeemMs, 50)}  p99 ${p(r.redeemMs, 99)}`);
  line('  CPU, cores busy (machine)', `${r.machineCores.toFixed(2)} of ${cpus().length}`);
  for (const e of r.errors) line('  an error', e);
  const rows: SummaryRow[] = [{ measure: `Voucher lookup among ${(r.vouchers / 1e6).toFixed(r.vouchers >= 1e6 ? 0 : 2)} M`, figure: `p50 ${p(r.lookupMs, 50)}, p99 ${p(r.lookupMs, 99)}`, target: '—', met: null }];
  if ('unavailable' in pgbench) {
    rows.push({ measure: `Voucher redemptions/s (${setup.connections} conn.)`, figure: `${r.perSecond.toFixed(0)}/s; pgbench: none`, target: '—', met: null });
    return rows;
  }
  line('ratio redemptions/s ÷ pgbench tps', ratio(r.perSecond / pgbench.tps));
  rows.push({ measure: `Voucher redemptions/s (${setup.connections} conn.)`, figure: `${r.perSecond.toFixed(0)}/s = ${ratio(r.perSecond / pgbench.tps)} pgbench (${pgbench.tps.toFixed(0)} tps)`, target: '—', met: null });
  return rows;
}

export const COUPON_TARGETS = { generateSeconds: 10, applyP99Ms: 1 } as const;

export function reportCoupons(r: CouponResult): SummaryRow[] {
  const millions = `${(r.codes / 1e6).toFixed(r.codes >= 1e6 ? 0 : 2)} M`;
  section(`5. Discount coupons: ${r.codes.toLocaleString('en')} codes for one definition`);
  line('codes made (pos coupon codes generate)', `${r.generateSeconds.toFixed(2)} s  (${Math.round(r.codes / r.generateSeconds).toLocaleString('en')} codes/s)`);
  const worst = Object.entries(r.applyMs).reduce((w, [, xs]) => Math.max(w, percentile(xs, 99)), 0);
  for (const [name, xs] of Object.entries(r.applyMs)) line(`applied to a 100-line basket: ${name}`, `p50 ${ms(percentile(xs, 50), 3)}  p99 ${ms(percentile(xs, 99), 3)}  (n=${xs.length})`);
  line(`a code checked at the till among ${millions} (entry line)`, `p50 ${ms(percentile(r.validateMs, 50), 2)}  p99 ${ms(percentile(r.validateMs, 99), 2)}  max ${ms(max(r.validateMs), 2)}`);
  for (const e of r.errors) line('  an error', e);
  return [
    { measure: `Generate ${millions} coupon codes`, figure: `${r.generateSeconds.toFixed(1)} s`, target: `≤ ${COUPON_TARGETS.generateSeconds} s`, met: r.generateSeconds <= COUPON_TARGETS.generateSeconds },
    { measure: 'Coupon on a 100-line basket p99', figure: ms(worst, 3), target: `≤ ${COUPON_TARGETS.applyP99Ms} ms`, met: worst <= COUPON_TARGETS.applyP99Ms },
    { measure: `Coupon code checked among ${millions}`, figure: `p50 ${ms(percentile(r.validateMs, 50), 2)}, p99 ${ms(percentile(r.validateMs, 99), 2)}`, target: '—', met: null },
  ];
}

export const CUSTOMER_TARGETS = { searchP99Ms: 20 } as const;

export function reportCustomers(r: CustomerBenchResult, number: number): SummaryRow[] {
  const millions = `${(r.customers / 1e6).toFixed(r.customers >= 1e6 ? 0 : 2)} M`;
  section(`${number}. Customers: ${r.customers.toLocaleString('en')} in the table (loaded in ${r.loadSeconds.toFixed(1)} s)`);
  const search = (x: number) => ms(percentile(r.searchMs, x), 2);
  line('search by a fragment of a name (a page of 16)', `p50 ${search(50)}  p90 ${search(90)}  p99 ${search(99)}  max ${ms(max(r.searchMs), 2)}  (n=${r.searchMs.length})`);
  line('  customers a fragment matched (sampled)', `median ${median(r.matches).toLocaleString('en')}  max ${max(r.matches).toLocaleString('en')}`);
  const scan = (x: number) => ms(percentile(r.scanMs, x), 2);
  line('loyalty card scanned → frame showing the customer', `p50 ${scan(50)}  p90 ${scan(90)}  p99 ${scan(99)}  max ${ms(max(r.scanMs), 2)}  (n=${r.scanMs.length})`);
  line('  of which: the card look-up alone', `p50 ${ms(percentile(r.lookupMs, 50), 2)}  p99 ${ms(percentile(r.lookupMs, 99), 2)}`);
  for (const e of r.errors.slice(0, 3)) line('  logged by the till', e);
  const p99 = percentile(r.searchMs, 99);
  return [
    { measure: `Customer search among ${millions} p99`, figure: `${ms(p99, 1)} (p50 ${ms(percentile(r.searchMs, 50), 1)})`, target: `≤ ${CUSTOMER_TARGETS.searchP99Ms} ms`, met: p99 <= CUSTOMER_TARGETS.searchP99Ms },
    { measure: 'Card scan → customer shown p99', figure: `${ms(percentile(r.scanMs, 99), 1)} (p50 ${ms(percentile(r.scanMs, 50), 1)})`, target: '—', met: null },
  ];
}

export function reportSummary(rows: SummaryRow[], about: string[]): void {
  section('Summary');
  for (const a of about) console.log(`  ${a}`);
  console.log('');
  const head: SummaryRow = { measure: 'Measure', figure: 'Figure', target: 'Target', met: null };
  const w = {
    measure: Math.max(...[head, ...rows].map((r) => r.measure.length)),
    figure: Math.max(...[head, ...rows].map((r) => r.figure.length)),
    target: Math.max(...[head, ...rows].map((r) => r.target.length)),
  };
  const fmt = (r: SummaryRow, met: string) => `  ${r.measure.padEnd(w.measure)}  ${r.figure.padEnd(w.figure)}  ${r.target.padEnd(w.target)}  ${met}`;
  console.log(fmt(head, 'Met'));
  console.log(`  ${'─'.repeat(w.measure + w.figure + w.target + 11)}`);
  for (const r of rows) console.log(fmt(r, r.met === null ? 'n/a' : r.met ? 'yes' : 'NO'));
}

export function reportGiftCards(r: GiftCardResult, pgbench: PgbenchResult, setup: { tills: number; number: number }): SummaryRow[] {
  section(`${setup.number}. One gift card spent by ${setup.tills} tills at once (whole sales paid with it)`);
  const p = (n: number) => ms(percentile(r.latencies, n), 2);
  line(`sales paid with the card, ${setup.tills} tills`, `${r.perSecond.toFixed(1)}/s  (${r.spends} in ${r.seconds.toFixed(1)} s)`);
  line('  latency per sale', `p50 ${p(50)}  p99 ${p(99)}  max ${ms(max(r.latencies), 2)}`);
  line('  balance = ledger = sales counted', r.booksAgree ? 'yes' : 'NO');
  line('  CPU, cores busy (machine)', `${r.machineCores.toFixed(2)} of ${cpus().length}`);
  for (const e of r.errors) line('  an error', e);
  const measure = `One gift card, ${setup.tills} tills: sales/s`;
  if ('unavailable' in pgbench) {
    line('pgbench, bare conditional UPDATE of one row', pgbench.unavailable);
    return [{ measure, figure: `${r.perSecond.toFixed(0)}/s; pgbench: none`, target: '—', met: null }];
  }
  line(`pgbench, bare conditional UPDATE of one row, ${setup.tills} clients`, `${pgbench.tps.toFixed(0)} tps`);
  line('ratio sales/s ÷ bare UPDATE tps', ratio(r.perSecond / pgbench.tps));
  return [{ measure, figure: `${r.perSecond.toFixed(0)}/s = ${ratio(r.perSecond / pgbench.tps)} bare UPDATE (${pgbench.tps.toFixed(0)} tps)`, target: '—', met: r.booksAgree ? null : false }];
}

const PHASE_NAMES: Record<StockPhase['name'], string> = {
  none: 'items not stocked (the commit without stock)',
  quiet: 'stocked, none low: movements and events',
  low: 'stocked, all low: each sale wakes the tills',
  live: 'all low, and every till listening',
};

export function reportStock(phases: StockPhase[], setup: { tills: number; lines: number; number: number }): SummaryRow[] {
  section(`${setup.number}. Stock, live: ${setup.tills} tills selling ${setup.lines}-line sales, a second process following the events`);
  const rate = (name: StockPhase['name']) => phases.find((p) => p.name === name)!;
  for (const p of phases) {
    line(PHASE_NAMES[p.name], `${p.perSecond.toFixed(1)} sales/s  (${p.commits} in ${p.seconds.toFixed(1)} s)`);
    line('  CPU, cores busy: bench process / machine', `${p.clientCores.toFixed(2)} / ${p.machineCores.toFixed(2)} of ${cpus().length}${p.clientCores > 0.85 ? '  ← the client (node) was the limit' : ''}`);
    if (p.name === 'low' || p.name === 'live') {
      line('  seller answered → figure in the other process', `p50 ${ms(percentile(p.fromAnswer, 50), 1)}  p99 ${ms(percentile(p.fromAnswer, 99), 1)}  max ${ms(max(p.fromAnswer), 1)}  (n=${p.fromAnswer.length}; < 0: before the seller's answer)`);
      line('  stock written (before commit) → the same', `p50 ${ms(percentile(p.propagation, 50), 1)}  p99 ${ms(percentile(p.propagation, 99), 1)}  (its lock waits and commit queue included)`);
      if (p.unseen > 0) line('  sales never seen by the other process', String(p.unseen));
    }
    for (const e of p.errors) line('  an error', e);
  }
  const none = rate('none');
  const rows: SummaryRow[] = [];
  for (const p of phases.filter((x) => x.name === 'low' || x.name === 'live')) {
    const p99 = percentile(p.fromAnswer, 99);
    const label = p.name === 'low' ? '' : ', all listening';
    rows.push({ measure: `Commit → figure on another till${label}`, figure: `p99 ${ms(p99, 1)} (p50 ${ms(percentile(p.fromAnswer, 50), 1)}, n=${p.fromAnswer.length}${p.unseen ? `, ${p.unseen} unseen` : ''})`, target: `≤ ${TARGETS.stockPropagationP99Ms} ms`, met: p.unseen === 0 && p99 <= TARGETS.stockPropagationP99Ms });
  }
  for (const p of phases.filter((x) => x.name !== 'none')) {
    rows.push({ measure: `Sales/s, ${PHASE_NAMES[p.name].split(':')[0]} ÷ not stocked`, figure: `${p.perSecond.toFixed(0)}/s ÷ ${none.perSecond.toFixed(0)}/s = ${ratio(p.perSecond / none.perSecond)}`, target: '—', met: null });
  }
  return rows;
}

export function reportReports(r: ReportBenchResult, number: number): SummaryRow[] {
  section(`${number}. Reports: liabilities over ${r.ledgerRows.toLocaleString('en')} ledger rows, a month's payments over ${r.tickets.toLocaleString('en')} tickets`);
  const runs = (x: readonly number[]) => `${x.map((v) => ms(v, 0)).join(', ')}  (median ${ms(median(x), 0)})`;
  line('ledger rows made (generate_series)', `${r.ledgerRows.toLocaleString('en')} in ${r.loadLedgerSeconds.toFixed(1)} s`);
  line('liabilities at the end of last month', runs(r.liabilityMs));
  line('liabilities a year before', runs(r.liabilityYearAgoMs));
  line('  outstanding = the whole ledger summed', `${r.outstandingCents === r.ledgerSumCents ? 'yes' : 'NO'} (${(r.outstandingCents / 100).toFixed(2)} €; summing it whole: ${ms(r.ledgerSumMs, 0)})`);
  line('tickets made (generate_series)', `${r.tickets.toLocaleString('en')} in ${r.loadTicketsSeconds.toFixed(1)} s`);
  line("a month's payments report", runs(r.paymentsMs));
  line('  tenders = tickets', r.paidCents === r.ticketsCents ? 'yes' : 'NO');
  const liab = median(r.liabilityMs);
  const pay = median(r.paymentsMs);
  return [
    { measure: `Liabilities as of a day, ${(r.ledgerRows / 1e6).toFixed(0)} M ledger rows`, figure: `${ms(liab, 0)} (a year back: ${ms(median(r.liabilityYearAgoMs), 0)})`, target: `≤ ${TARGETS.liabilityMs} ms`, met: liab <= TARGETS.liabilityMs && r.outstandingCents === r.ledgerSumCents },
    { measure: `A month's payments, ${(r.tickets / 1e6).toFixed(1)} M tickets`, figure: ms(pay, 0), target: `≤ ${TARGETS.monthPaymentsMs} ms`, met: pay <= TARGETS.monthPaymentsMs && r.paidCents === r.ticketsCents },
  ];
}

export function reportCheck(r: CheckBenchResult, number: number): SummaryRow[] {
  section(`${number}. pos check over ${r.rows.sales!.toLocaleString('en')} tickets and their ledgers`);
  line('rows made (generate_series)', `in ${r.loadSeconds.toFixed(1)} s`);
  for (const [table, n] of Object.entries(r.rows)) line(`  ${table}`, n.toLocaleString('en'));
  line('pos check --json (process start to exit)', `${r.cliMs.map((v) => ms(v, 0)).join(', ')}  (median ${ms(median(r.cliMs), 0)})`);
  line('  every run found the books clean', r.clean ? 'yes' : 'NO');
  line('  load average (1 min) after the runs', r.load.toFixed(1));
  for (const [family, t] of Object.entries(r.familyMs)) line(`  ${family} alone (in process)`, ms(t, 0));
  const m = median(r.cliMs);
  return [{ measure: `pos check, ${(r.rows.sales! / 1e6).toFixed(1)} M tickets`, figure: ms(m, 0), target: `≤ ${TARGETS.checkMs / 1000} s`, met: m <= TARGETS.checkMs && r.clean }];
}

export function reportRoles(r: RolesResult, setup: { tills: number; lines: number; number: number }): SummaryRow[] {
  section(`${setup.number}. The till role against the owner: ${setup.tills} tills, ${setup.lines} lines a sale, ${r.rounds} alternating rounds each`);
  line('as a user of pos_till', `${r.till.perSecond.toFixed(1)} sales/s  (${r.till.commits} in ${r.till.seconds.toFixed(1)} s)`);
  line('as the owner of the tables', `${r.owner.perSecond.toFixed(1)} sales/s  (${r.owner.commits} in ${r.owner.seconds.toFixed(1)} s)`);
  const vs = r.till.perSecond / r.owner.perSecond;
  line('ratio till ÷ owner', ratio(vs));
  for (const e of r.errors) line('  an error', e);
  return [{ measure: `Commits/s, till role ÷ owner (${setup.tills} tills)`, figure: `${r.till.perSecond.toFixed(0)}/s ÷ ${r.owner.perSecond.toFixed(0)}/s = ${ratio(vs)}`, target: 'no measurable cost', met: null }];
}

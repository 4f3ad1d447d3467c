import type { Command } from 'commander';
import { readReportQuery, runReport, tillStoreZone, type ReportKind } from '../../app/reports/reports';
import { nowOf } from '../../domain/clock';
import { reportCsv, reportJson, reportText } from '../../app/reports/text';
import { refuse } from '../../app/errors';
import { liabilityJson } from '../../app/vouchers/json';
import { voucherReport } from '../../app/vouchers/browse';
import type { Runner } from '../context';
import { readSourceJson, readSourceLine } from '../../app/readDb';
import { withReadDatabase } from '../connection';
import { emit } from '../output';
import { liabilityText } from './voucherText';

const REPORTS: { kind: ReportKind; about: string }[] = [
  { kind: 'sales', about: 'sales by item, by item group, by hour and day; gift cards sold apart from VAT-able revenue' },
  { kind: 'payments', about: 'payments by tender: how many and how much; they add up to the tickets' },
  { kind: 'liabilities', about: 'what the shop owes on gift cards and vouchers at the end of --to, by age, and what expired unspent in the period' },
  { kind: 'giftcards', about: 'gift cards one by one: sold, spent, expired, balance' },
];

/** `pos report …`: figures for the office. Each report is a subcommand of this group. */
export function registerReport(program: Command, run: Runner): void {
  const report = program.command('report').description('reports');
  report
    .command('vouchers')
    .description('what the shop owes on store-credit vouchers, from their ledger')
    .option('--as-of <date>', 'at the end of this day (shop time zone); default: now')
    .action((opts: { asOf?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        // The day of this till's store: its time zone, else the configuration's.
        const { l, zone, source } = await withReadDatabase(ctx.config, async (db, source) => {
          const zone = await tillStoreZone(db, ctx.config);
          return { l: await voucherReport(db, opts.asOf ?? null, zone), zone, source };
        });
        emit(ctx, { ...liabilityJson(l), ...readSourceJson(source) }, () => [...readSourceLine(source, ctx.config.lang), ...liabilityText(l, ctx.config.lang, zone)]);
      }),
    );

  for (const { kind, about } of REPORTS) {
    report
      .command(kind)
      .description(about)
      .option('--from <day>', 'first day, JJ/MM/AAAA or AAAA-MM-JJ (default: the last day)')
      .option('--to <day>', 'last day, included (default: today, shop time zone)')
      .option('--store <code>', 'one store only (default: all)')
      .option('--csv', 'CSV on stdout, for a spreadsheet')
      .action((opts: { from?: string; to?: string; store?: string; csv?: boolean }, cmd: Command) =>
        run(cmd, async (ctx) => {
          if (opts.csv && ctx.json) refuse('report.formatBoth');
          const { lang } = ctx.config;
          // The global --terminal names the till: typed, the report is that till's alone.
          const terminal = ctx.terminalGiven ? ctx.config.terminal : null;
          // Read on a standby when db.readUrls names one: its lag goes under the title.
          // Days of the store named (or of the till named), else of this till's store, in its time zone.
          const { r, source } = await withReadDatabase(ctx.config, async (db, source) => {
            const scope = await readReportQuery(db, { ...opts, terminal }, await tillStoreZone(db, ctx.config), nowOf(ctx.config));
            return { r: await runReport(db, kind, scope), source };
          });
          if (opts.csv) return void ctx.io.stdout.write(reportCsv(r).map((l) => l + '\r\n').join(''));
          emit(ctx, { ...reportJson(r), ...readSourceJson(source) }, () => {
            const [title, ...rest] = reportText(r, lang);
            return [title!, ...readSourceLine(source, lang), ...rest];
          });
        }),
      );
  }
}

import type { Command } from 'commander';
import { liabilityJson } from '../../app/vouchers/json';
import { voucherReport } from '../../app/vouchers/browse';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit } from '../output';
import { liabilityText } from './voucherText';

/** `pos report …`: figures for the office. Each report is a subcommand of this group. */
export function registerReport(program: Command, run: Runner): void {
  const report = program.command('report').description('reports');
  report
    .command('vouchers')
    .description('what the shop owes on store-credit vouchers, from their ledger')
    .option('--as-of <date>', 'at the end of this day (shop time zone); default: now')
    .action((opts: { asOf?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const l = await withDatabase(ctx.config, (db) => voucherReport(db, opts.asOf ?? null, ctx.config.timeZone));
        emit(ctx, liabilityJson(l), () => liabilityText(l, ctx.config.lang, ctx.config.timeZone));
      }),
    );
}

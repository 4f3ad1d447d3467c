import type { Command } from 'commander';
import { breakText, checkDatabase, type CheckResult } from '../../app/check/check';
import { t } from '../../i18n/messages';
import type { Ctx, Runner } from '../context';
import { withDatabase } from '../connection';
import { EXIT, writeError } from '../io';
import { emit } from '../output';

/** `pos check`: every invariant of the books; exits 1 naming each break, one line each. */
export function registerCheck(program: Command, run: Runner): void {
  program
    .command('check')
    .description('verify every invariant: balances against their ledgers, coupon limits, ticket numbering, print jobs; exit 1 naming each break')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const result = await withDatabase(ctx.config, (db) => checkDatabase(db));
        return say(ctx, result);
      }),
    );
}

function say(ctx: Ctx, r: CheckResult): number {
  const { lang } = ctx.config;
  const doc = {
    ok: r.ok,
    counts: r.counts,
    breaks: r.breaks.map((b) => ({
      invariant: b.invariant,
      message: breakText(b, lang),
      ...b.params,
      ...Object.fromEntries(Object.entries(b.money ?? {}).map(([k, v]) => [`${k}_cents`, v])),
    })),
  };
  emit(ctx, doc, () => (r.ok ? [t(lang, 'check.ok', r.counts)] : doc.breaks.map((b) => b.message)));
  if (r.ok) return EXIT.ok;
  writeError(ctx.io, t(lang, 'check.broken', { n: r.breaks.length }));
  return EXIT.refused;
}

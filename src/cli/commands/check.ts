import type { Command } from 'commander';
import { breakText, checkDatabase, type CheckResult } from '../../app/check/check';
import { t } from '../../i18n/messages';
import type { Ctx, Runner } from '../context';
import { readSourceJson, readSourceLine, type ReadSource } from '../../app/readDb';
import { withReadDatabase } from '../connection';
import { EXIT, writeError } from '../io';
import { emit } from '../output';
import { withProgress } from '../progress';

/** `pos check`: every invariant of the books; exits 1 naming each break, one line each. */
export function registerCheck(program: Command, run: Runner): void {
  program
    .command('check')
    .description('verify every invariant: balances against their ledgers, coupon limits, ticket numbering, print jobs; exit 1 naming each break')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        // On a standby when db.readUrls names one: the books as of its lag, said first.
        const { result, source } = await withProgress(ctx, 'progress.check', (onProgress) => withReadDatabase(ctx.config, async (db, source) => ({ result: await checkDatabase(db, undefined, onProgress), source })));
        return say(ctx, result, source);
      }),
    );
}

function say(ctx: Ctx, r: CheckResult, source: ReadSource | null): number {
  const { lang } = ctx.config;
  const doc = {
    ok: r.ok,
    ...readSourceJson(source),
    counts: r.counts,
    breaks: r.breaks.map((b) => ({
      invariant: b.invariant,
      message: breakText(b, lang),
      ...b.params,
      ...Object.fromEntries(Object.entries(b.money ?? {}).map(([k, v]) => [`${k}_cents`, v])),
    })),
  };
  emit(ctx, doc, () => [...readSourceLine(source, lang), ...(r.ok ? [t(lang, 'check.ok', r.counts)] : doc.breaks.map((b) => b.message))]);
  if (r.ok) return EXIT.ok;
  writeError(ctx.io, t(lang, 'check.broken', { n: r.breaks.length }));
  return EXIT.refused;
}

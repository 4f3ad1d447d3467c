import { createHash, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { placeOf, xDoc, zDoc } from '../../app/closings/documents';
import { headsPath, writeHeads } from '../../app/closings/heads';
import { storeKey } from '../../app/closings/keys';
import { closeIn } from '../../app/closings/service';
import { blocksText, breakText, closingJson, xBlocks, xJson, zBlocks } from '../../app/closings/text';
import { verifyClosings } from '../../app/closings/verify';
import { xReport } from '../../app/closings/xReport';
import type { Till } from '../../app/till';
import type { Scope } from '../../data/closings';
import { readPeriodText, type ClosingKind } from '../../domain/closings/period';
import { readDay } from '../../domain/day';
import { nowOf } from '../../domain/clock';
import { t } from '../../i18n/messages';
import { cliChange, OPERATOR_HELP } from '../change';
import type { Ctx, Runner } from '../context';
import { withTill } from '../connection';
import { EXIT } from '../io';
import { emit } from '../output';
import { commandQueue, failureText } from '../printQueue';

// `pos close …`: the closings (Z of a day, month, year) of this till (global --terminal) or of
// its store (--store), the X report, the store's public key, and the closings' verifier.

function scopeOf(till: Till, store: boolean | undefined): Scope {
  const { storeId, id } = till.terminal;
  return store ? { scope: 'store', storeId, terminalId: null } : { scope: 'terminal', storeId, terminalId: id };
}

/** --date: a day (JJ/MM/AAAA or AAAA-MM-JJ) for any closing, a month (AAAA-MM) for a month or a year, a year (AAAA) for a year. */
function dayOf(kind: ClosingKind, text: string | undefined, fiscalStartMonth: number): string | undefined {
  if (text === undefined) return undefined;
  const period = readPeriodText(kind, text, fiscalStartMonth);
  if (period) return period;
  const r = readDay(text);
  if ('day' in r) return r.day;
  return refuse('closing.badDate', { text });
}

async function printDoc(ctx: Ctx, till: Till, doc: ReturnType<typeof zDoc>, operatorId: number | null): Promise<string> {
  const queue = commandQueue(ctx, till);
  if (!queue) return t(ctx.config.lang, 'closing.cli.printFailed', { reason: '-' });
  const printed = await queue.submit(doc, operatorId);
  return printed ? t(ctx.config.lang, 'closing.cli.printed') : t(ctx.config.lang, 'closing.cli.printFailed', { reason: failureText(ctx, queue) });
}

const KINDS: { kind: ClosingKind; about: string }[] = [
  { kind: 'day', about: 'the daily closing (Z) of this till, or of its store: today, or --date; earlier days left open are closed first' },
  { kind: 'month', about: 'the monthly closing, built on the days’ (their open days closed first): the last ended month, or --date' },
  { kind: 'year', about: 'the yearly closing (fiscal year: closings.fiscalYearStartMonth), built on the months’: the last ended year, or --date' },
];

export function registerClose(program: Command, run: Runner): void {
  const close = program.command('close').description('closings (Z): day, month, year, signed and chained; the X report; their verification');

  for (const { kind, about } of KINDS) {
    close
      .command(kind)
      .description(about)
      .option('--date <when>', 'a day in the period (JJ/MM/AAAA or AAAA-MM-JJ); AAAA-MM for a month; AAAA for a year')
      .option('--store', 'the whole store (its tills’ open days closed first), not this till')
      .option('--print', 'print it on the receipt printer')
      .option('--operator <code>', OPERATOR_HELP.manager)
      .action((opts: { date?: string; store?: boolean; print?: boolean; operator?: string }, cmd: Command) =>
        run(cmd, async (ctx) => {
          const { lang } = ctx.config;
          const day = dayOf(kind, opts.date, ctx.config.closings.fiscalYearStartMonth);
          const r = await withTill(ctx.config, async (till) => {
            const scope = scopeOf(till, opts.store);
            let operatorId: number | null = null;
            const closings = await cliChange(ctx, till, { operator: opts.operator, command: `close.${kind}`, action: 'closing_request', needs: 'manager' },
              (trx, op) => {
                operatorId = op.id;
                return closeIn(trx, till.config, { scope, kind, day, operatorId: op.id, via: 'cli', terminalId: till.terminal.id });
              },
              (made) => ({ scope: scope.scope, kind, closings: made.map((c) => c.id) }));
            const heads = await writeHeads(till.db, scope.storeId, ctx.config.dataDir, nowOf(ctx.config));
            const place = await placeOf(till.db, scope.storeId, till.config.timeZone);
            // In order, one after the other: the automatic closings first, the one asked for last; each with the heads.
            const printed: string[] = [];
            if (opts.print) for (const c of closings) printed.push(await printDoc(ctx, till, zDoc(c, heads, place, lang), operatorId));
            return { closings, heads, place, printed };
          });
          emit(ctx, { closings: r.closings.map(closingJson), heads_file: headsPath(ctx.config.dataDir) }, () => [
            t(lang, 'closing.cli.done', { n: r.closings.length }),
            ...r.closings.flatMap((c, i) => ['', ...blocksText(zBlocks(c, r.heads, r.place, lang), ctx.config.receipt.columns), ...(r.printed[i] ? [r.printed[i]] : [])]),
          ]);
        }),
      );
  }

  close
    .command('x')
    .description('the X report: the running period’s figures now (nothing is closed)')
    .option('--store', 'the whole store, not this till')
    .option('--period <kind>', 'day (default), month or year')
    .option('--print', 'print it on the receipt printer')
    .action((opts: { store?: boolean; period?: string; print?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const kind = (opts.period ?? 'day') as ClosingKind;
        if (!['day', 'month', 'year'].includes(kind)) refuse('closing.badDate', { text: opts.period ?? '' });
        const r = await withTill(ctx.config, async (till) => {
          const scope = scopeOf(till, opts.store);
          const x = await xReport(till.db, till.config, scope, kind);
          const place = await placeOf(till.db, scope.storeId, till.config.timeZone);
          const printed = opts.print ? await printDoc(ctx, till, xDoc(x, place, lang), null) : null;
          return { x, place, printed };
        });
        emit(ctx, xJson(r.x), () => [...blocksText(xBlocks(r.x, r.place, lang), ctx.config.receipt.columns), ...(r.printed ? [r.printed] : [])]);
      }),
    );

  close
    .command('key')
    .description('the store’s public key (Ed25519, PEM) that checks the closings’ signatures; --export writes it to a file')
    .option('--export <file>', 'write the PEM to this file')
    .action((opts: { export?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const r = await withTill(ctx.config, async (till) => ({ key: await storeKey(till.db, till.terminal.storeId), store: till.terminal.storeCode }));
        if (opts.export) await writeFile(opts.export, r.key.publicKey);
        emit(ctx, { store: r.store, key_id: r.key.keyId, public_key: r.key.publicKey }, () => [t(ctx.config.lang, 'closing.cli.key', { store: r.store, keyId: r.key.keyId }), ...r.key.publicKey.trimEnd().split('\n')]);
      }),
    );

  close
    .command('verify')
    .description('recomputes every closing’s hash, signature, chain link and figures, and compares the heads file; exits 1 at a break')
    .option('--heads <file>', 'the heads file to compare (default: this till’s data folder’s)')
    .option('--public-key <file>', 'check the signatures with this exported public key, not the database’s')
    .option('--from <day>', 'only closings of periods from this day (JJ/MM/AAAA or AAAA-MM-JJ)')
    .option('--to <day>', 'only closings of periods up to this day')
    .action((opts: { heads?: string; publicKey?: string; from?: string; to?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        let publicKeys: Record<string, string> | undefined;
        if (opts.publicKey) {
          const pem = await readFile(opts.publicKey, 'utf8');
          const id = createHash('sha256').update(createPublicKey(pem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
          publicKeys = { [id]: pem };
        }
        const day = (text: string | undefined) => (text === undefined ? undefined : dayOf('day', text, 1));
        const range = { from: day(opts.from), to: day(opts.to) };
        const r = await withTill(ctx.config, async (till) => ({
          breaks: await verifyClosings(till.db, { headsFile: opts.heads ?? headsPath(ctx.config.dataDir), publicKeys, ...range, ...(ctx.terminalGiven && { terminalId: till.terminal.id }) }),
          chains: Number((await till.db.raw('SELECT count(DISTINCT (scope, store_id, coalesce(terminal_id, 0), kind))::int AS n FROM closings')).rows[0].n),
        }));
        emit(ctx, { ok: r.breaks.length === 0, chains: r.chains, breaks: r.breaks }, () =>
          r.breaks.length === 0 ? [t(lang, 'closing.verify.ok', { n: r.chains })] : [t(lang, 'closing.verify.broken', { n: r.breaks.length, first: breakText(r.breaks[0]!, lang) }), ...r.breaks.slice(1).map((b) => `  ${breakText(b, lang)}`)]);
        return r.breaks.length === 0 ? EXIT.ok : EXIT.refused;
      }),
    );
}

import type { Command } from 'commander';
import { activateAll, setStatus } from '../../app/coupons/codes';
import { couponCodeEdit, couponCodesStatus } from '../../app/coupons/changes';
import { couponBySymbol } from '../../app/coupons/definitions';
import { generateCodes, MAX_BATCH, type CodeRequest } from '../../app/coupons/generate';
import { importCodes } from '../../app/coupons/importCodes';
import { refuse } from '../../app/errors';
import { readCatalogFile } from '../../app/importItems';
import { listCodes } from '../../data/couponCodes';
import { findSaleByTicket } from '../../data/sales';
import { CODE_STATUSES, type CodeStatus } from '../../domain/coupon/codes';
import { localTime } from '../../domain/coupon/schedule';
import { ticketLabel } from '../../domain/sale';
import { t } from '../../i18n/messages';
import { collect, parseCountArg, parseTicketArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withDatabase } from '../connection';
import { cliChange, cliRuleChange, operatorOption, withGate } from '../change';
import { emit } from '../output';
import { withProgress } from '../progress';
import { codeJson } from './couponJson';
import { codesText } from './couponText';
import { nowOf } from '../../domain/clock';

interface GenerateOptions {
  operator?: string;
  count?: string;
  customer: string[];
  membersOf?: string;
  group: string[];
  code?: string;
  from?: string;
  until?: string;
  status?: string;
  description?: string;
  ticket?: string;
}

/** The sale a ticket number or label names (on this till unless the label says another). */
async function saleIdOf(ctx: Ctx, db: Parameters<typeof findSaleByTicket>[0], text: string): Promise<number> {
  const wanted = parseTicketArg(text);
  const terminal = wanted.terminal ?? ctx.config.terminal;
  const sale = await findSaleByTicket(db, terminal, wanted.ticketNo);
  if (!sale) refuse('sale.notFound', { ticket: ticketLabel(terminal, wanted.ticketNo) });
  return sale.id;
}

function statusArg(text: string | undefined): CodeStatus | undefined {
  if (text === undefined) return undefined;
  const s = text.trim().toLowerCase();
  if (!(CODE_STATUSES as readonly string[]).includes(s)) refuse('coupon.codes.statusInvalid', { text });
  return s as CodeStatus;
}

export function registerCouponCodes(coupon: Command, run: Runner): void {
  const codes = coupon.command('codes').description('the codes of a discount coupon');

  operatorOption(codes
    .command('generate')
    .description('make codes: the next from the symbol or the scheme, one per customer, per member of a group, per customer group, or one typed')
    .argument('<symbol>', 'the coupon\'s symbol')
    .option('--count <n>', `how many anonymous codes (1–${MAX_BATCH})`)
    .option('--customer <code>', 'one code for this customer; repeatable', collect, [])
    .option('--members-of <group>', 'one code for each active customer of this customer group')
    .option('--group <code>', 'one code for this customer group; repeatable', collect, [])
    .option('--code <code>', 'the code, typed by hand')
    .option('--from <date>', 'first valid day (default: the coupon\'s)')
    .option('--until <date>', 'last valid day (default: the coupon\'s)')
    .option('--status <status>', 'inactive (default) or active')
    .option('--description <text>', 'a remark')
    .option('--ticket <number>', 'the ticket that gives the codes (42 or T01-000042): printed on its reprint'), 'manager')
    .action((symbol: string, opts: GenerateOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const count = opts.count === undefined ? undefined : parseCountArg('--count', opts.count, 1, MAX_BATCH);
        const today = localTime(nowOf(ctx.config), ctx.config.timeZone).day;
        const made = await withProgress(ctx, 'progress.couponCodes', (onProgress) => withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'coupon.codes', action: 'coupon_codes_generate', needs: 'manager' }, async (db) => {
            const req: CodeRequest = {
              symbol, count, customers: opts.customer, membersOf: opts.membersOf, groups: opts.group, code: opts.code,
              validFrom: opts.from, validUntil: opts.until, status: opts.status, description: opts.description,
              saleId: opts.ticket === undefined ? undefined : await saleIdOf(ctx, db, opts.ticket),
            };
            return { ...(await generateCodes(db, req, today, onProgress)), symbol: (await couponBySymbol(db, symbol)).symbol };
          }, (m) => ({ symbol: m.symbol, created: m.created, status: opts.status ?? 'inactive', customers: opts.customer, groups: opts.group, members_of: opts.membersOf ?? null }))));
        emit(ctx, { symbol: made.symbol, created: made.created, codes: made.codes }, () => [t(ctx.config.lang, 'coupon.cli.generated', { n: made.created, symbol: made.symbol }), ...made.codes.slice(0, 100)]);
      }),
    );

  operatorOption(codes
    .command('import')
    .description('codes from a CSV file: code,valid_from,valid_until,status,customer,group,description (only code required)')
    .argument('<symbol>', 'the coupon\'s symbol')
    .argument('<file>', 'CSV file (, or ;)'), 'manager')
    .action((symbol: string, file: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const text = await readCatalogFile(file);
        const report = await withProgress(ctx, 'progress.couponCodes', (onProgress) => withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'coupon.codes', action: 'coupon_codes_import', needs: 'manager' }, (db) => importCodes(db, symbol, text, onProgress),
            (r) => ({ symbol: symbol.trim().toUpperCase(), imported: r.imported, rejected: r.rejected.length }))));
        const rejected = report.rejected.map((r) => ({ line: r.line, code: r.code, reason: t(lang, r.reason, r.params), key: r.reason }));
        emit(ctx, { imported: report.imported, rejected }, () => [
          t(lang, 'coupon.cli.imported', { imported: report.imported, rejected: rejected.length }),
          ...rejected.map((r) => '  ' + t(lang, 'coupon.cli.rejectedLine', { line: r.line, code: r.code || '—', reason: r.reason })),
        ]);
      }),
    );

  codes
    .command('list')
    .description('a coupon\'s codes: validity, status, customer or group, source, uses')
    .argument('<symbol>', 'the coupon\'s symbol')
    .option('--status <status>', 'only inactive, active or blocked codes')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .option('--offset <n>', 'how many to skip', '0')
    .action((symbol: string, opts: { status?: string; limit: string; offset: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const limit = parseCountArg('--limit', opts.limit, 1, 1000);
        const offset = parseCountArg('--offset', opts.offset, 0, 1_000_000_000);
        const status = statusArg(opts.status);
        const { def, page } = await withDatabase(ctx.config, async (db) => {
          const def = await couponBySymbol(db, symbol);
          return { def, page: await listCodes(db, def.id, { limit, offset, status }) };
        });
        const { lang } = ctx.config;
        emit(ctx, { symbol: def.symbol, total: page.total, offset, limit, codes: page.codes.map(codeJson) }, () =>
          page.codes.length === 0
            ? [t(lang, 'coupon.cli.noCodes')]
            : [...codesText(page.codes, lang), t(lang, 'coupon.cli.codesRange', { from: offset + 1, to: offset + page.codes.length, total: page.total })]);
      }),
    );

  operatorOption(codes
    .command('block')
    .description('block codes for good: never usable again, their text free for a new code')
    .argument('<codes...>', 'the codes'), 'manager')
    .action((list: string[], opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const n = await withGate(ctx, (gate) =>
          cliRuleChange(ctx, gate, { operator: opts.operator, command: 'coupon.codes', needs: 'manager' }, couponCodesStatus(list, 'blocked')));
        emit(ctx, { blocked: n }, () => [t(ctx.config.lang, 'coupon.cli.statusChanged', { n, status: t(ctx.config.lang, 'coupon.status.blocked') })]);
      }),
    );

  operatorOption(codes
    .command('activate')
    .description('make codes usable: those named, or every inactive code of a coupon with --all')
    .argument('[codes...]', 'the codes')
    .option('--all <symbol>', 'every inactive code of this coupon'), 'manager')
    .action((list: string[], opts: { all?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        if ((list.length === 0) === (opts.all === undefined)) refuse('coupon.cli.oneOf', { options: 'CODE…, --all' });
        const n = await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'coupon.codes', action: 'coupon_codes_status', needs: 'manager' },
            (db) => (opts.all !== undefined ? activateAll(db, opts.all) : setStatus(db, list, 'active')),
            (changed) => ({ status: 'active', ...(opts.all !== undefined ? { all_of: opts.all.trim().toUpperCase() } : { codes: list }), changed })));
        emit(ctx, { activated: n }, () => [t(ctx.config.lang, 'coupon.cli.statusChanged', { n, status: t(ctx.config.lang, 'coupon.status.active') })]);
      }),
    );

  operatorOption(codes
    .command('edit')
    .description('change a code: its days, status, customer or group, description')
    .argument('<code>', 'the code'), 'manager')
    .option('--from <date>', 'first valid day ("" for the coupon\'s)')
    .option('--until <date>', 'last valid day')
    .option('--status <status>', 'inactive, active or blocked')
    .option('--customer <code>', 'the customer it is for ("" for none)')
    .option('--group <code>', 'the customer group it is for ("" for none)')
    .option('--description <text>', 'a remark')
    .action((code: string, opts: { from?: string; until?: string; status?: string; customer?: string; group?: string; description?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const edit = { validFrom: opts.from, validUntil: opts.until, status: opts.status, customer: opts.customer, group: opts.group, description: opts.description };
        const c = await withGate(ctx, (gate) =>
          cliRuleChange(ctx, gate, { operator: opts.operator, command: 'coupon.codes', needs: 'manager' }, couponCodeEdit(code, edit)));
        emit(ctx, codeJson(c), () => codesText([c], ctx.config.lang));
      }),
    );
}

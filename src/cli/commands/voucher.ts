import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { getLog } from '../../app/log';
import { PrintQueue } from '../../app/printing';
import { receiptPrinter } from '../../app/receipts';
import type { Till } from '../../app/till';
import { findVouchers, showVoucher } from '../../app/vouchers/browse';
import { cancelVoucher } from '../../app/vouchers/cancel';
import { expireVouchers } from '../../app/vouchers/expire';
import { issueVoucher } from '../../app/vouchers/issue';
import { movementJson, voucherJson } from '../../app/vouchers/json';
import { redeemVoucher } from '../../app/vouchers/redeem';
import { voucherSlipDoc } from '../../app/vouchers/slip';
import { formatDay, parseDay } from '../../domain/day';
import { formatEuros, parseEuros, type Cents } from '../../domain/money';
import type { Voucher, VoucherChannel } from '../../domain/voucher';
import { formatVoucherCode } from '../../domain/voucherCode';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withTill, withTillRead } from '../connection';
import { writeError } from '../io';
import { emit, emitRead } from '../output';
import { withProgress } from '../progress';
import { voucherText, vouchersText } from './voucherText';
import { cliManager, cliOperator } from '../pins';
import { cliChange, OPERATOR_HELP } from '../change';

function amountArg(text: string): Cents {
  const cents = parseEuros(text);
  if (cents === null) refuse('amount.invalid', { text: text.trim() });
  return cents;
}

function dayArg(text: string | undefined): string | null {
  if (text === undefined) return null;
  const day = parseDay(text);
  if (!day) refuse('cli.dateInvalid', { text });
  return day;
}

/**
 * The slip goes where receipts go, through a print queue of one job (kept in print_jobs, as
 * `sale create` does); a console slip would spoil a JSON document. A failure keeps the voucher.
 */
async function printSlip(ctx: Ctx, till: Till, v: Voucher): Promise<boolean> {
  const { config } = ctx;
  const textOnly = config.devices.printer.uri === '';
  if (textOnly && (config.receipt.output === 'none' || (config.receipt.output === 'console' && ctx.json))) return false;
  const log = getLog(config.dataDir);
  const queue = new PrintQueue({ db: till.db, terminalId: till.terminal.id, printer: receiptPrinter(config, ctx.io.stdout), log });
  if (await queue.submit(voucherSlipDoc(config, v, { storeName: till.terminal.storeName }), null)) return true;
  const failure = queue.failure();
  const reason = failure ? `${t(config.lang, `device.error.${failure.code}`)}${failure.detail ? `, ${failure.detail}` : ''}` : '?';
  log.warn({ err: failure, code: v.code }, 'voucher slip not printed');
  writeError(ctx.io, t(config.lang, 'voucher.cli.printFailed', { code: formatVoucherCode(v.code), reason }));
  return false;
}

interface IssueOptions { amount: string; origin: string; manager: string; operator?: string; customer?: string; expires?: string; note?: string }
interface SearchOptions { code?: string; customer?: string; from?: string; to?: string; status?: string; limit: string; page: string }
interface RedeemOptions { amount: string; channel: string; order: string; key?: string; operator?: string }

export function registerVoucher(program: Command, run: Runner): void {
  const voucher = program.command('voucher').description('store-credit vouchers (bons d’achat)');
  voucher
    .command('issue')
    .description('issue a voucher for a trade-in or by hand, approved by a manager (code and PIN); prints its slip')
    .requiredOption('--amount <euros>', 'its value, e.g. 20 or 12,50')
    .requiredOption('--manager <code>', 'the manager approving it (PIN: POS_MANAGER_PIN or typed)')
    .option('--operator <code>', 'who issues it (default: the manager)')
    .option('--origin <origin>', 'trade_in (reprise) or manual', 'manual')
    .option('--customer <code>', 'the customer it is for')
    .option('--expires <date>', 'last valid day (default: vouchers.validityMonths from today)')
    .option('--note <text>', 'what was taken back, or why')
    .action((opts: IssueOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const amountCents = amountArg(opts.amount);
        if (opts.origin !== 'trade_in' && opts.origin !== 'manual') refuse('voucher.originInvalid', { text: opts.origin });
        const expiresOn = dayArg(opts.expires);
        const { v, printed } = await withTill(ctx.config, async (till) => {
          // A code alone can be read off a receipt; the PIN is what makes it the manager's approval.
          const manager = await cliManager(ctx, till, opts.manager, 'voucher.issue');
          const operator = opts.operator === undefined ? manager : await cliOperator(ctx, till, opts.operator, 'voucher.issue');
          const v = await issueVoucher(till.db, ctx.config, {
            origin: opts.origin as 'trade_in' | 'manual', amountCents, customerCode: opts.customer, expiresOn, note: opts.note,
            terminal: till.terminal, operatorId: operator.id, approver: manager,
          });
          return { v, printed: await printSlip(ctx, till, v) };
        });
        const { lang } = ctx.config;
        emit(ctx, { printed, voucher: voucherJson(v) }, () => [t(lang, 'voucher.cli.issued', { code: formatVoucherCode(v.code), amount: formatEuros(v.initialCents, lang), date: formatDay(v.expiresOn) })]);
      }),
    );
  voucher
    .command('show')
    .description('a voucher and every movement of it')
    .argument('<code>', 'the code, as printed or scanned')
    .action((code: string, _opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { voucher: v, movements } = await withTill(ctx.config, (till) => showVoucher(till.db, code));
        emit(ctx, { ...voucherJson(v), movements: movements.map(movementJson) }, () => voucherText(v, movements, ctx.config.lang, ctx.config.timeZone));
      }),
    );
  voucher
    .command('search')
    .description('vouchers by code, customer, validity period, status; newest first, a page at a time')
    .option('--code <code>', 'the code or its beginning')
    .option('--customer <text>', "the customer's code, or words of their name")
    .option('--from <date>', 'valid on or after this day')
    .option('--to <date>', 'valid on or before this day')
    .option('--status <status>', 'active, used, expired or cancelled')
    .option('--limit <n>', 'per page (1–1000)', '20')
    .option('--page <n>', 'which page', '1')
    .action((opts: SearchOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const limit = parseCountArg('--limit', opts.limit, 1, 1000);
        const page = parseCountArg('--page', opts.page, 1, 1_000_000);
        const { found, source } = await withTillRead(ctx.config, async (till, db, source) => ({ found: await findVouchers(db, opts, till.config.timeZone, { limit, offset: (page - 1) * limit }), source }));
        const pages = Math.max(1, Math.ceil(found.total / limit));
        emitRead(ctx, source, { total: found.total, page, pages, limit, vouchers: found.vouchers.map((v) => voucherJson(v)) }, () =>
          found.vouchers.length === 0 ? [t(lang, 'voucher.none')] : [...vouchersText(found.vouchers, lang), t(lang, 'voucher.page', { page, pages, total: found.total })],
        );
      }),
    );
  voucher
    .command('redeem')
    .description('take an amount from a voucher for an order (web, pickup) or in store')
    .argument('<code>', 'the code')
    .requiredOption('--amount <euros>', 'how much to take')
    .requiredOption('--channel <channel>', 'web, pickup or store')
    .requiredOption('--order <ref>', 'the order or document it pays for')
    .option('--key <key>', 'idempotency key: the same key again takes nothing more (default: a new UUID)')
    .option('--operator <code>', 'who takes it')
    .action((code: string, opts: RedeemOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const amountCents = amountArg(opts.amount);
        const r = await withTill(ctx.config, async (till) => {
          const operator = await cliOperator(ctx, till, opts.operator, 'voucher.redeem');
          return redeemVoucher(till.db, {
            code, amountCents, channel: opts.channel as VoucherChannel, orderRef: opts.order, idempotencyKey: opts.key ?? randomUUID(),
            storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id,
          });
        });
        const { lang } = ctx.config;
        emit(ctx, { replayed: r.replayed, code: r.code, amount_cents: r.amountCents, balance_cents: r.balanceAfterCents, channel: r.channel, order_ref: r.orderRef, at: r.at.toISOString() }, () => [
          t(lang, r.replayed ? 'voucher.cli.replayed' : 'voucher.cli.redeemed', { code: formatVoucherCode(r.code), amount: formatEuros(r.amountCents, lang), balance: formatEuros(r.balanceAfterCents, lang) }),
        ]);
      }),
    );
  voucher
    .command('cancel')
    .description('cancel what is left on a voucher, by a manager (code and PIN)')
    .argument('<code>', 'the code')
    .requiredOption('--manager <code>', 'the manager cancelling it (PIN: POS_MANAGER_PIN or typed)')
    .option('--reason <text>', 'why')
    .action((code: string, opts: { manager: string; reason?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const v = await withTill(ctx.config, async (till) => cancelVoucher(till.db, { code, manager: await cliManager(ctx, till, opts.manager, 'voucher.cancel'), terminal: till.terminal, reason: opts.reason }));
        emit(ctx, voucherJson(v), () => [t(ctx.config.lang, 'voucher.cli.cancelled', { code: formatVoucherCode(v.code) })]);
      }),
    );
  voucher
    .command('expire')
    .description('mark vouchers past their last day as expired (safe to run from cron)')
    .option('--operator <code>', OPERATOR_HELP.operator)
    .action((opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { vouchers, totalCents } = await withProgress(ctx, 'progress.vouchers', (onProgress) => withTill(ctx.config, (till) =>
          cliChange(ctx, till, { operator: opts.operator, command: 'voucher.expire', action: 'voucher_expire', needs: 'operator' }, (db) => expireVouchers(db, onProgress),
            (r) => ({ expired: r.vouchers.length, total_cents: r.totalCents }))));
        const { lang } = ctx.config;
        emit(ctx, { expired: vouchers.length, total_cents: totalCents, vouchers: vouchers.map((v) => ({ code: v.code, amount_cents: v.amountCents })) }, () => [
          t(lang, 'voucher.cli.expired', { n: vouchers.length, amount: formatEuros(totalCents, lang) }),
        ]);
      }),
    );
}

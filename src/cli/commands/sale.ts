import { registerSaleNote } from './saleNote';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { receiptExtras, receiptText } from '../../app/receipts';
import { findSaleByTicket, listSales } from '../../data/sales';
import { ticketLabel } from '../../domain/sale';
import { collect, parseCountArg, parseDayArg, parseTicketArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withTill, withTillRead } from '../connection';
import { saleJson, saleSummaryJson } from '../json';
import { emit, emitRead } from '../output';
import { salesText, saleText } from '../text';
import { createCommand, type CreateOptions } from './saleCreate';
import { registerSaleReturn } from './saleReturn';

async function showCommand(ctx: Ctx, number: string, opts: { receipt?: boolean }): Promise<void> {
  const wanted = parseTicketArg(number);
  // A printed label names its till; a --terminal saying otherwise is a mistake worth pointing out.
  if (wanted.terminal && ctx.terminalGiven && wanted.terminal !== ctx.config.terminal) {
    refuse('cli.ticketOtherTerminal', { text: number, terminal: ctx.config.terminal });
  }
  const config = wanted.terminal ? { ...ctx.config, terminal: wanted.terminal } : ctx.config;
  const { sale, extra } = await withTill(config, async (till) => {
    const found = await findSaleByTicket(till.db, till.terminal.code, wanted.ticketNo);
    return { sale: found, extra: found && opts.receipt ? await receiptExtras(till.db, found, config) : [] };
  });
  if (!sale) refuse('sale.notFound', { ticket: ticketLabel(config.terminal, wanted.ticketNo) });
  // Shown again, a receipt is a duplicate: the original went to the customer.
  const receipt = opts.receipt ? receiptText(config, sale, { duplicate: true, extra }) : null;
  emit(ctx, { ...saleJson(sale), ...(receipt !== null && { receipt }) }, () => (receipt !== null ? receipt.split('\n') : saleText(sale, config)));
}

async function listCommand(ctx: Ctx, opts: { date?: string; limit: string }): Promise<void> {
  const limit = parseCountArg('--limit', opts.limit, 1, 1000);
  // Checked before connecting; the day is the till's store's (its time zone, else the configuration's).
  if (opts.date !== undefined) parseDayArg(opts.date, ctx.config.timeZone);
  const { sales, source } = await withTillRead(ctx.config, async (till, db, source) => {
    const day = opts.date === undefined ? {} : parseDayArg(opts.date, till.config.timeZone);
    return { sales: await listSales(db, { terminalCode: till.terminal.code, ...day, limit }), source };
  });
  emitRead(ctx, source, { terminal: ctx.config.terminal, date: opts.date ?? null, sales: sales.map(saleSummaryJson) }, () => salesText(sales, ctx.config));
}

export function registerSale(program: Command, run: Runner): void {
  const sale = program.command('sale').description('tickets of this till (or of --terminal)');
  sale
    .command('create')
    .description('commit a whole sale, as the till would')
    .requiredOption('--operator <code>', 'operator code (PIN: POS_PIN or typed; none for the configured service operator)')
    .requiredOption('--line <code[:qty]>', 'barcode or SKU, quantity (default 1, negative = returned item); repeatable', collect)
    .option('--tender <kind:amount>', 'cash:12.50, card:12,50, voucher:CODE:20, account:15: amount handed over or paid out; repeatable', collect, [])
    .option('--customer <code>', 'the customer (their loyalty card code)')
    .option('--coupon <code>', 'a discount code to apply; repeatable', collect, [])
    .option('--key <key>', 'idempotency key: the same key again returns the same ticket (default: a new UUID)')
    .action((opts: CreateOptions, cmd: Command) => run(cmd, (ctx) => createCommand(ctx, opts)));
  registerSaleReturn(sale, run);
  registerSaleNote(sale, run);
  sale
    .command('show')
    .description('one ticket, by number (42) or printed label (T01-000042)')
    .argument('<number>', 'ticket number or label')
    .option('--receipt', 'the receipt text (a duplicate)')
    .action((number: string, opts: { receipt?: boolean }, cmd: Command) => run(cmd, (ctx) => showCommand(ctx, number, opts)));
  sale
    .command('list')
    .description('latest tickets first')
    .option('--date <yyyy-mm-dd>', 'only this day (shop time zone)')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .action((opts: { date?: string; limit: string }, cmd: Command) => run(cmd, (ctx) => listCommand(ctx, opts)));
}

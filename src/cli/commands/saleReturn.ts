import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { findReturnableTicket } from '../../app/returns/ticket';
import { formatEuros } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { parseTicketLabel } from '../../domain/saleReturn';
import { t } from '../../i18n/messages';
import { collect, parseTenderArg } from '../args';
import { withTill } from '../connection';
import type { Ctx, Runner } from '../context';
import { emit } from '../output';
import { orderManager, orderPin } from '../pins';
import { commitOrder } from './saleCreate';

export interface ReturnOptions {
  ticket: string;
  line: string[];
  qty?: string;
  operator?: string;
  tender: string[];
  manager?: string;
  key?: string;
  list?: boolean;
}

const COUNT = /^\s*\d{1,4}\s*$/;

/** "2" (one unit of line 2), "2:3" (three of them); `--qty` gives the count of a line given alone. */
function parseReturnLine(text: string, qty: string | undefined): { lineNo: number; qty: number } {
  const [line, count, ...rest] = text.split(':');
  if (rest.length > 0 || !COUNT.test(line ?? '') || (count !== undefined && !COUNT.test(count))) refuse('cli.returnLineInvalid', { text });
  const n = count ?? qty ?? '1';
  if (!COUNT.test(n)) refuse('return.qtyInvalid');
  return { lineNo: Number(line), qty: Number(n) };
}

/** The lines of a ticket with what was sold, what came back and what they were paid (`--list`). */
async function listLines(ctx: Ctx, ticket: string): Promise<void> {
  const { lang } = ctx.config;
  const found = await withTill(ctx.config, (till) => findReturnableTicket(till.db, ticket, till.terminal));
  emit(
    ctx,
    {
      ticket: found.label,
      lines: found.lines.map((l) => ({ line: l.lineNo, sku: l.sku, name: l.name, sold: l.soldQty, returned: l.returnedQty, paid_cents: l.soldCents, returnable: !l.giftCard })),
    },
    () => [
      t(lang, 'return.ticketOf', { ticket: found.label, date: formatDateTime(found.sale.createdAt, lang, ctx.config.timeZone), total: formatEuros(found.sale.totalCents, lang) }),
      ...found.lines.map((l) => `${String(l.lineNo).padStart(3)}  ${l.sku.padEnd(12)} ${l.name.slice(0, 28).padEnd(28)} ${String(l.soldQty).padStart(4)} ${String(l.returnedQty).padStart(4)} ${formatEuros(l.soldCents, lang).padStart(12)}`),
    ],
  );
}

async function returnCommand(ctx: Ctx, opts: ReturnOptions): Promise<void> {
  if (!parseTicketLabel(opts.ticket)) refuse('return.ticketInvalid', { text: opts.ticket });
  if (opts.list) return listLines(ctx, opts.ticket);
  if (opts.line.length === 0) refuse('cli.returnNoLine');
  if (opts.qty !== undefined && opts.line.length > 1) refuse('cli.returnQtyOneLine');
  if (!opts.operator) refuse('cli.returnNoOperator');
  const lines = opts.line.map((l) => parseReturnLine(l, opts.qty));
  await commitOrder(ctx, {
    operatorCode: opts.operator,
    operatorPin: await orderPin(ctx, opts.operator),
    lines: [],
    returns: lines.map((l) => ({ ticket: opts.ticket, ...l })),
    tenders: opts.tender.map(parseTenderArg),
    key: opts.key ?? randomUUID(),
    ...(await orderManager(ctx, opts.manager)),
  });
}

export function registerSaleReturn(sale: Command, run: Runner): void {
  sale
    .command('return')
    .description('take back lines of a ticket, each credited what was paid for it, refunded the way the ticket was paid unless --tender says otherwise')
    .requiredOption('--ticket <label>', 'the ticket: its printed label or barcode (T01-000123), or its number on this till')
    .option('--line <n[:qty]>', 'a line of the ticket and how many of it come back (default 1); repeatable', collect, [])
    .option('--qty <n>', 'how many come back of the one --line given')
    .option('--list', 'only list the lines of the ticket: sold, already returned, paid')
    .option('--operator <code>', 'operator code (PIN: POS_PIN or typed)')
    .option('--tender <kind:amount>', 'cash:12.50, card:12,50, voucher:CODE:20, account:15: amount handed over or paid out; repeatable', collect, [])
    .option('--manager <code>', 'the manager approving it (PIN: POS_MANAGER_PIN or typed)')
    .option('--key <key>', 'idempotency key: the same key again returns the same ticket (default: a new UUID)')
    .action((opts: ReturnOptions, cmd: Command) => run(cmd, (ctx) => returnCommand(ctx, opts)));
}

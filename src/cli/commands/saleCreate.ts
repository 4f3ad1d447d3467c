import { randomUUID } from 'node:crypto';
import { createSale } from '../../app/createSale';
import { getLog } from '../../app/log';
import { PrintQueue } from '../../app/printing';
import { receiptDoc, receiptPrinter } from '../../app/receipts';
import { formatEuros } from '../../domain/money';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { t } from '../../i18n/messages';
import { parseLineArg, parseTenderArg } from '../args';
import type { Ctx } from '../context';
import { withTill } from '../connection';
import type { Till } from '../../app/till';
import { writeError } from '../io';
import { saleJson } from '../json';
import { emit } from '../output';

export interface CreateOptions {
  operator: string;
  line: string[];
  tender: string[];
  key?: string;
  customer?: string;
  coupon: string[];
}

/**
 * Prints a new ticket where the configuration says, through a print queue of one job (kept
 * in print_jobs like the till's). A console receipt would spoil a JSON document, so --json
 * leaves it out. A printer failure never undoes the sale: it is reported and the job kept, to
 * be printed by `pos devices print` (or F9 at the till). The drawer stays shut: a script does not
 * hand out change.
 */
async function printNew(ctx: Ctx, till: Till, sale: SaleRecord): Promise<boolean> {
  const { config } = ctx;
  const textOnly = config.devices.printer.uri === '';
  if (textOnly && (config.receipt.output === 'none' || (config.receipt.output === 'console' && ctx.json))) return false;
  const log = getLog(config.dataDir);
  const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
  const queue = new PrintQueue({ db: till.db, terminalId: till.terminal.id, printer: receiptPrinter(config, ctx.io.stdout), log });
  if (await queue.submit(await receiptDoc(till.db, config, sale), null)) return true;
  const failure = queue.failure();
  const reason = failure ? `${t(config.lang, `device.error.${failure.code}`)}${failure.detail ? `, ${failure.detail}` : ''}` : '?';
  log.warn({ err: failure, ticket }, 'receipt not printed');
  // The job is kept: `pos devices print` sends it again (the till's F9 finds it too).
  const job = queue.lastJobId();
  writeError(ctx.io, job === null ? t(config.lang, 'cli.printFailed', { ticket, reason }) : t(config.lang, 'cli.printFailedJob', { ticket, reason, job }));
  return false;
}

export async function createCommand(ctx: Ctx, opts: CreateOptions): Promise<void> {
  const { lang } = ctx.config;
  // Every value is checked before the database is opened.
  const order = {
    operatorCode: opts.operator,
    lines: opts.line.map(parseLineArg),
    tenders: opts.tender.map(parseTenderArg),
    key: opts.key ?? randomUUID(),
    customerCode: opts.customer,
    codes: opts.coupon,
  };
  const { sale, created, printed, notes } = await withTill(ctx.config, async (till) => {
    const result = await createSale(till, order);
    // A retried key was printed (or tried) by the run that made the ticket: no second receipt.
    return { ...result, printed: result.created && (await printNew(ctx, till, result.sale)) };
  });
  const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
  // What the features did with the sale (a voucher's balance left, a voucher issued for a refund…).
  const said = notes.map((n) => t(lang, n.key, { ...n.params, ...Object.fromEntries(Object.entries(n.money ?? {}).map(([k, c]) => [k, formatEuros(c, lang)])) }));
  emit(ctx, { created, printed, sale: saleJson(sale), notes: said }, () => [
    created ? t(lang, 'cli.saleCreated', { ticket, total: formatEuros(sale.totalCents, lang) }) : t(lang, 'cli.saleExisting', { ticket }),
    ...(sale.changeCents > 0 ? [t(lang, 'cli.change', { change: formatEuros(sale.changeCents, lang) })] : []),
    ...said,
  ]);
}

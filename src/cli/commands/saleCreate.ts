import { randomUUID } from 'node:crypto';
import { createSale, type SaleOrder } from '../../app/createSale';
import { getLog, setLogContext } from '../../app/log';
import type { PrintQueue } from '../../app/printing';
import { receiptDoc } from '../../app/receipts';
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
import { orderPin } from '../pins';
import { commandQueue, failureText } from '../printQueue';

export interface CreateOptions {
  operator: string;
  line: string[];
  tender: string[];
  key?: string;
  customer?: string;
  coupon: string[];
}

/**
 * Prints the receipt the sale owes (its job written by the commit) where the configuration
 * says. A retried key prints nothing when the run that made the ticket printed it (or is
 * printing it); it prints the receipt if that run died before. A printer failure never undoes
 * the sale: it is reported and the job kept, to be printed by `pos devices print` (or F9 at the
 * till). The drawer stays shut: a script does not hand out change.
 */
async function printOwed(ctx: Ctx, till: Till, queue: PrintQueue, sale: SaleRecord): Promise<boolean> {
  const { config } = ctx;
  const printed = await queue.sendReceipt(sale.id, await receiptDoc(till.db, till.config, sale));
  if (printed !== false) return printed === true;
  const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
  const reason = failureText(ctx, queue);
  getLog(config.dataDir).warn({ err: queue.failure(), ticket }, 'receipt not printed');
  // The job is kept: `pos devices print` sends it again (the till's F9 finds it too).
  const job = queue.lastJobId();
  writeError(ctx.io, job === null ? t(config.lang, 'cli.printFailed', { ticket, reason }) : t(config.lang, 'cli.printFailedJob', { ticket, reason, job }));
  return false;
}

export async function createCommand(ctx: Ctx, opts: CreateOptions): Promise<void> {
  // Every value is checked before the database is opened.
  await commitOrder(ctx, {
    operatorCode: opts.operator,
    operatorPin: await orderPin(ctx, opts.operator),
    lines: opts.line.map(parseLineArg),
    tenders: opts.tender.map(parseTenderArg),
    key: opts.key ?? randomUUID(),
    customerCode: opts.customer,
    codes: opts.coupon,
  });
}

/** Commits the order on this till, prints the receipt it owes and says what was done. */
export async function commitOrder(ctx: Ctx, order: SaleOrder): Promise<void> {
  const { lang } = ctx.config;
  setLogContext({ sale: order.key, operator: order.operatorCode });
  const { sale, created, printed, notes } = await withTill(ctx.config, async (till) => {
    // A console receipt would spoil a JSON document: where receipts go nowhere, none is owed.
    const queue = commandQueue(ctx, till);
    const result = await createSale(till, order, { receipt: queue !== null });
    return { ...result, printed: queue !== null && (await printOwed(ctx, till, queue, result.sale)) };
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

import { randomUUID } from 'node:crypto';
import { createSale } from '../../app/createSale';
import { getLog } from '../../app/log';
import { printReceipt, receiptPrinter } from '../../app/receipts';
import { formatEuros } from '../../domain/money';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { t } from '../../i18n/messages';
import { parseLineArg, parseTenderArg } from '../args';
import type { Ctx } from '../context';
import { withTill } from '../connection';
import type { Till } from '../../app/till';
import { messageOf, writeError } from '../io';
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
 * Prints a new ticket where the configuration says. A console receipt would spoil a JSON
 * document, so --json leaves it out. A printer failure never undoes the sale: it is reported
 * and the ticket can be printed again from `pos sale show --receipt`.
 */
async function printNew(ctx: Ctx, till: Till, sale: SaleRecord): Promise<boolean> {
  const { config } = ctx;
  if (config.receipt.output === 'none' || (config.receipt.output === 'console' && ctx.json)) return false;
  try {
    await printReceipt(receiptPrinter(config, ctx.io.stdout), till.db, config, sale);
    return true;
  } catch (error) {
    const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
    getLog(config.dataDir).warn({ err: error, ticket }, 'receipt not printed');
    writeError(ctx.io, t(config.lang, 'cli.printFailed', { ticket, reason: messageOf(error) }));
    return false;
  }
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
  const { sale, created, printed } = await withTill(ctx.config, async (till) => {
    const result = await createSale(till, order);
    // A retried key was printed (or tried) by the run that made the ticket: no second receipt.
    return { ...result, printed: result.created && (await printNew(ctx, till, result.sale)) };
  });
  const ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
  emit(ctx, { created, printed, sale: saleJson(sale) }, () => [
    created ? t(lang, 'cli.saleCreated', { ticket, total: formatEuros(sale.totalCents, lang) }) : t(lang, 'cli.saleExisting', { ticket }),
    ...(sale.changeCents > 0 ? [t(lang, 'cli.change', { change: formatEuros(sale.changeCents, lang) })] : []),
  ]);
}

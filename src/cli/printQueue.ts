import { getLog } from '../app/log';
import { PrintQueue, trainingMarker } from '../app/printing';
import { receiptOfSale, receiptPrinter } from '../app/receipts';
import type { Till } from '../app/till';
import { t } from '../i18n/messages';
import type { Ctx } from './context';

/**
 * A print queue of its own for a command that prints (its jobs kept in print_jobs like the
 * till's), or null when documents go nowhere: no printer and `receipt.output` none, or the
 * console, which a JSON document on stdout cannot share.
 */
export function commandQueue(ctx: Ctx, till: Till): PrintQueue | null {
  // The till's devices: those recorded for it (pos terminal edit) over the configuration's.
  const { config } = till;
  if (config.devices.printer.uri === '' && (config.receipt.output === 'none' || (config.receipt.output === 'console' && ctx.json))) return null;
  return new PrintQueue({
    db: till.db,
    terminalId: till.terminal.id,
    printer: receiptPrinter(config, ctx.io.stdout),
    log: getLog(config.dataDir),
    receiptOf: (saleId) => receiptOfSale(till.db, till.config, saleId),
    mark: trainingMarker(till),
  });
}

/** Why the queue's last job did not print, in one line: the reason, then the driver's detail. */
export function failureText(ctx: Ctx, queue: PrintQueue): string {
  const failure = queue.failure();
  if (!failure) return '?';
  return `${t(ctx.config.lang, `device.error.${failure.code}`)}${failure.detail ? `, ${failure.detail}` : ''}`;
}

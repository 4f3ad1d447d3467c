import { filePrinter, noPrinter, streamPrinter, type ReceiptPrinter } from '../../drivers/printer/textPrinter';
import type { Config } from '../config/schema';
import { receiptBlocks, renderText } from '../domain/receipt';
import type { SaleRecord } from '../domain/sale';

export function receiptPrinter(config: Config, console: NodeJS.WritableStream = process.stdout): ReceiptPrinter {
  switch (config.receipt.output) {
    case 'file':
      return filePrinter(config.receipt.file);
    case 'console':
      return streamPrinter(console);
    case 'none':
      return noPrinter;
  }
}

export function receiptText(config: Config, sale: SaleRecord, duplicate = false): string {
  return renderText(receiptBlocks(sale, { lang: config.lang, timeZone: config.timeZone, duplicate }), config.receipt.columns);
}

/** Prints a committed sale; a reprint is marked as a duplicate. */
export async function printReceipt(printer: ReceiptPrinter, config: Config, sale: SaleRecord, duplicate = false): Promise<void> {
  await printer.print(receiptText(config, sale, duplicate));
}

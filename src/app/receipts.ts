import type { Knex } from 'knex';
import { filePrinter, noPrinter, streamPrinter, type ReceiptPrinter } from '../../drivers/printer/textPrinter';
import type { Config } from '../config/schema';
import { receiptBlocks, renderText, type Block } from '../domain/receipt';
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

/**
 * What a feature prints on a ticket about itself (the customer's points, what is left on the
 * vouchers used…), read back from the database so a reprint says the same. Features add theirs.
 */
export type ReceiptSection = (db: Knex, sale: SaleRecord, config: Config) => Promise<Block[]>;

export const RECEIPT_SECTIONS: ReceiptSection[] = [];

export async function receiptExtras(db: Knex, sale: SaleRecord, config: Config): Promise<Block[]> {
  const parts = await Promise.all(RECEIPT_SECTIONS.map((section) => section(db, sale, config)));
  return parts.flat();
}

export interface ReceiptPrint {
  /** A reprint is marked as a duplicate. */
  duplicate?: boolean;
  extra?: readonly Block[];
}

export function receiptText(config: Config, sale: SaleRecord, opts: ReceiptPrint = {}): string {
  return renderText(receiptBlocks(sale, { lang: config.lang, timeZone: config.timeZone, ...opts }), config.receipt.columns);
}

/** Prints a committed sale with what the features add to it. */
export async function printReceipt(printer: ReceiptPrinter, db: Knex, config: Config, sale: SaleRecord, opts: Omit<ReceiptPrint, 'extra'> = {}): Promise<void> {
  await printer.print(receiptText(config, sale, { ...opts, extra: await receiptExtras(db, sale, config) }));
}

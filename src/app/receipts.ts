import type { Knex } from 'knex';
import type { PrinterDevice } from '../../drivers/printer/printer';
import type { Config } from '../config/schema';
import { getSale } from '../data/sales';
import { receiptBlocks, renderText, type Block } from '../domain/receipt';
import { ticketLabel, type SaleRecord } from '../domain/sale';
import { buildPrinter } from './devices';
import { SOFTWARE } from './software';
import type { PrintDoc } from './printing';
import { RECEIPT_SECTIONS } from './features';

export async function receiptExtras(db: Knex, sale: SaleRecord, config: Config): Promise<Block[]> {
  const parts = await Promise.all(RECEIPT_SECTIONS.map((section) => section(db, sale, config)));
  return parts.flat();
}

/**
 * This till's printer on its own, for a command that prints once (the CLI). The till on
 * screen prints through its queue (tillDevices.ts).
 */
export function receiptPrinter(config: Config, console: NodeJS.WritableStream = process.stdout): PrinterDevice {
  return buildPrinter(config, { console });
}

export interface ReceiptPrint {
  /** A reprint is marked as a duplicate: its number (the n-th duplicate) when the journal gave it. */
  duplicate?: boolean | number;
  extra?: readonly Block[];
}

export function receiptText(config: Config, sale: SaleRecord, opts: ReceiptPrint = {}): string {
  return renderText(receiptBlocks(sale, { lang: config.lang, timeZone: config.timeZone, software: SOFTWARE, footer: config.receipt.footer, ...opts }), config.receipt.columns);
}

/** A committed sale's receipt as a print job, with what the features add to it. */
export async function receiptDoc(db: Knex, config: Config, sale: SaleRecord, opts: Omit<ReceiptPrint, 'extra'> = {}): Promise<PrintDoc> {
  return receiptDocWithout(config, sale, { ...opts, extra: await receiptExtras(db, sale, config) });
}

/** The receipt a sale owes, from its committed record (its print job was written without it). */
export async function receiptOfSale(db: Knex, config: Config, saleId: number): Promise<PrintDoc> {
  const sale = await getSale(db, saleId);
  if (!sale) throw new Error(`sale ${saleId} not found`);
  return receiptDoc(db, config, sale);
}

/** The receipt as a print job from the sale alone (the database away: no sections). */
export function receiptDocWithout(config: Config, sale: SaleRecord, opts: ReceiptPrint = {}): PrintDoc {
  const { extra } = opts;
  return {
    kind: opts.duplicate ? 'duplicate' : 'receipt',
    saleId: sale.id,
    title: ticketLabel(sale.terminalCode, sale.ticketNo),
    blocks: receiptBlocks(sale, { lang: config.lang, timeZone: config.timeZone, footer: config.receipt.footer, duplicate: opts.duplicate, extra, software: SOFTWARE }),
  };
}

import type { Config } from '../../config/schema';
import type { Terminal } from '../../data/places';
import { offlineRefusal } from '../../domain/offline';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { isSettled } from '../../domain/tender';
import { ticketContents, toInsert } from '../commitSale';
import { trainingRefusal } from '../../domain/training';
import { refuse } from '../errors';
import type { PrintDoc } from '../printing';
import { receiptDocWithout } from '../receipts';
import type { SaleRequest } from '../saleRequest';
import { appendSale, readBlock, readJournal, withJournal, type JournalRecord, type LocalBlock } from './journal';

export interface OfflineSeller {
  config: Config;
  terminal: Terminal;
  operator: { id: number; code: string; name: string };
}

/** The ticket as its receipt shows it, made at the till: its number from the block, no id yet. */
export function offlineSaleRecord(req: SaleRequest, local: LocalBlock, who: OfflineSeller): SaleRecord {
  const insert = toInsert(req);
  return {
    id: 0,
    key: insert.key,
    ticketNo: req.offline!.ticketNo,
    terminalCode: who.terminal.code,
    storeCode: who.terminal.storeCode,
    storeName: who.terminal.storeName,
    storeAddress: local.storeAddress,
    operatorCode: who.operator.code,
    operatorName: who.operator.name,
    createdAt: new Date(req.offline!.soldAt),
    ...(req.training && { training: true }),
    ...ticketContents(insert),
  };
}

export interface OfflineSale {
  sale: SaleRecord;
  receipt: PrintDoc;
  /** False when the journal had this key already (the screen asked twice): the same ticket. */
  created: boolean;
}

/**
 * Sells with the server away: cash and card only (domain/offline.ts), numbered from the
 * till's reserved block, written to the journal and on the disk before this resolves; the
 * receipt to print is made from the till's own data. A refusal says why, and writes nothing.
 */
export function sellOffline(dir: string, req: SaleRequest, who: OfflineSeller, now = new Date()): Promise<OfflineSale> {
  return withJournal(dir, () => sell(dir, req, who, now));
}

async function sell(dir: string, req: SaleRequest, who: OfflineSeller, now: Date): Promise<OfflineSale> {
  if (req.basket.lines.length === 0) refuse('sale.empty');
  if (!isSettled(req.payment)) refuse('tender.short');
  const refused = offlineRefusal(req.basket, req.payment.tenders);
  if (refused) refuse(refused);
  const local = await readBlock(dir);
  if (!local || local.closing) refuse('offline.noBlock');
  const { records } = await readJournal(dir);
  const known = records.find((r) => r.key === req.basket.key);
  if (known) return { ...made(known, local, who), created: false };
  const used = records.filter((r) => r.blockId === local.block.id).map((r) => r.ticketNo);
  const ticketNo = used.length ? Math.max(...used) + 1 : local.block.firstNo;
  if (ticketNo > local.block.lastNo) refuse('offline.blockUsed', { n: local.block.lastNo - local.block.firstNo + 1 });
  const soldAt = (req.paidAt ? new Date(req.paidAt) : now).toISOString();
  // In training mode as the till last knew it: said with the sale, which is sent later (the
  // server then marks it so whatever the till's mode by then).
  const request: SaleRequest = { ...req, paidAt: soldAt, offline: { ticketNo, soldAt }, ...(who.terminal.trainingMode && { training: true }) };
  if (request.training) {
    const no = trainingRefusal(toInsert(request));
    if (no) refuse(no.key, no.params);
  }
  if (toInsert(request).totalCents !== req.payment.totalCents) refuse('sale.totalChanged');
  const sale = offlineSaleRecord(request, local, who);
  // No id until the server has it: the document names no sale row.
  const receipt: PrintDoc = { ...receiptDocWithout(who.config, sale), saleId: null };
  const record: JournalRecord = { v: 1, key: req.basket.key, blockId: local.block.id, ticketNo, soldAt, request, receipt: receipt.blocks };
  await appendSale(dir, record);
  return { sale, receipt, created: true };
}

function made(r: JournalRecord, local: LocalBlock, who: OfflineSeller): Omit<OfflineSale, 'created'> {
  const sale = offlineSaleRecord(r.request, local, who);
  return { sale, receipt: { kind: 'receipt', saleId: null, title: ticketLabel(sale.terminalCode, sale.ticketNo), blocks: r.receipt } };
}

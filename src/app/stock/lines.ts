import type { Db } from '../../data/db';
import { stockItemsByCode, type StockItem } from '../../data/stock';
import { MAX_STOCK, parseStockQty, type StockQtyUse } from '../../domain/stock';
import type { MessageKey, Params } from '../../i18n/messages';
import { Refusal } from '../errors';
import { csvHeader, readCsvRecords } from '../importItems';

// The lines of a delivery or a stock-take, typed (--line SKU:12) or from a file (sku,qty), read
// and checked together: any bad line refuses them all, each said with its line and reason, and
// nothing is booked (a delivery note is one document: half of it booked would leave the shop
// guessing which half).

export interface StockLineInput {
  /** Where it came from: the file's line (the header is 1), or the rank of --line. */
  line: number;
  code: string;
  qty: string;
}

export interface StockLine {
  line: number;
  item: StockItem;
  qty: number;
}

export interface LineRefusal {
  line: number;
  code: string;
  reason: MessageKey;
  params: Params;
}

/** Lines refused: every one of them, and nothing booked. */
export class LinesRefused extends Refusal {
  constructor(readonly lines: readonly LineRefusal[]) {
    super('stock.lines.refused', { n: lines.length });
  }
}

/** "BOUL-006:12", "3760000000017:4": the item (SKU or barcode) and the quantity, both needed. */
export function parseLineArgs(args: readonly string[]): StockLineInput[] {
  return args.map((text, i) => {
    const colon = text.lastIndexOf(':');
    return colon < 0 ? { line: i + 1, code: text.trim(), qty: '' } : { line: i + 1, code: text.slice(0, colon).trim(), qty: text.slice(colon + 1) };
  });
}

const COLUMNS = ['sku', 'qty'] as const;

/** A file of `sku,qty` (a barcode in the sku column will do; `,` or `;`, a header first). */
export function parseLinesCsv(text: string): StockLineInput[] {
  const records = readCsvRecords(text);
  const head = records.shift();
  if (!head) throw new Refusal('stock.csv.empty');
  const columns = csvHeader(head.record, COLUMNS, COLUMNS);
  const out: StockLineInput[] = [];
  for (const { record, line } of records) {
    if (record.every((v) => v.trim() === '')) continue;
    out.push({ line, code: (record[columns.get('sku')!] ?? '').trim(), qty: record[columns.get('qty')!] ?? '' });
  }
  if (out.length === 0) throw new Refusal('stock.csv.empty');
  return out;
}

/**
 * The lines checked against the catalogue: a known, stocked item and a quantity fit for `use`
 * on each. The same item twice: a delivery adds them up (a note lists cartons), a count refuses
 * the second (which of the two was meant is for a person to say).
 */
export async function checkLines(db: Db, inputs: readonly StockLineInput[], use: StockQtyUse): Promise<StockLine[]> {
  if (inputs.length === 0) throw new Refusal('stock.lines.none');
  const items = await stockItemsByCode(db, [...new Set(inputs.map((i) => i.code).filter(Boolean))]);
  const refused: LineRefusal[] = [];
  const kept = new Map<number, StockLine>();
  for (const input of inputs) {
    const refuse = (reason: MessageKey, params: Params = {}) => refused.push({ line: input.line, code: input.code || '—', reason, params });
    if (input.code === '') {
      refuse('stock.line.noItem');
      continue;
    }
    const item = items.get(input.code);
    const read = parseStockQty(input.qty, use);
    const earlier = item && kept.get(item.id);
    if (!item) refuse('item.unknownCode', { code: input.code });
    else if (!item.stocked) refuse('stock.notStocked', { sku: item.sku, name: item.name });
    else if ('error' in read) refuse(read.error, { text: input.qty.trim() });
    else if (earlier && use !== 'receive') refuse('stock.line.twice', { line: earlier.line });
    else if (earlier && earlier.qty + read.qty > MAX_STOCK) refuse('stock.qty.tooLarge', { text: String(earlier.qty + read.qty) });
    else if (earlier) earlier.qty += read.qty;
    else kept.set(item.id, { line: input.line, item, qty: read.qty });
  }
  if (refused.length > 0) throw new LinesRefused(refused);
  return [...kept.values()];
}

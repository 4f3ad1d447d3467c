import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { publishEvents } from '../data/events';
import { barcodeOwners, itemGroupCodes, knownVatRates, pricesBySku, upsertItems, type ItemInput } from '../data/items';
import { isValidGtin } from '../domain/ean';
import { isCapBp, type ItemPriceRule } from '../domain/itemPriceRule';
import { aboveLimit, NO_LIMITS, type MoneyLimits } from '../domain/limits';
import { formatEuros, parseEuros, type Lang } from '../domain/money';
import { formatRate, parseRate, type RateBp } from '../domain/vat';
import type { MessageKey, Params } from '../i18n/messages';
import { refuse } from './errors';
import { batches, type OnProgress } from './progress';

// A catalog file as shops write it: `sku,barcode,name,price,vat,group` and optionally
// `price_rule`, often from French Excel (`;`, decimal commas, Windows-1252). Bad rows are
// reported and skipped; the rest go in.

const COLUMNS = ['sku', 'barcode', 'name', 'price', 'vat', 'group', 'price_rule'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['sku', 'name', 'price', 'vat'];

const SKU = /^[0-9A-Z][0-9A-Z._\-/]{0,39}$/;

/** What a receipt line and the till's screen can show of a name. */
export const NAME_MAX = 80;

// C0 and C1 controls (a tab, a line break inside quotes, a stray escape).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export interface Rejection {
  /** Line of the file, the header being line 1. */
  line: number;
  sku: string;
  reason: MessageKey;
  params: Params;
}

export interface ImportRow {
  line: number;
  item: ItemInput;
}

export interface ParsedCatalog {
  rows: ImportRow[];
  rejected: Rejection[];
}

export interface ImportReport {
  imported: number;
  rejected: Rejection[];
}

/** What rows are checked against: the VAT rates, item groups and barcodes the database holds. */
export interface CatalogSnapshot {
  vatRates: ReadonlySet<RateBp>;
  groupCodes: readonly string[];
  /** barcode → the SKU holding it */
  barcodeOwners: ReadonlyMap<string, string>;
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, where French text keeps €, œ and Excel's ’.
// (Node's TextDecoder reads "windows-1252" as plain Latin-1 and loses them.)
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Excel in France saves "CSV" as Windows-1252 unless told otherwise: UTF-8 is tried first. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
  }
}

/** French Excel separates with `;` (the comma is its decimal mark); everyone else with `,`. */
export function detectSeparator(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** The records of a CSV file with their line numbers (`,` or `;`, a BOM, blank lines skipped). */
export function readCsvRecords(text: string): { record: string[]; line: number }[] {
  try {
    const rows = parse(text, { delimiter: detectSeparator(text), bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    if (error instanceof CsvError) refuse('import.csvSyntax', { line: (error as CsvError & { lines?: number }).lines ?? '?', reason: error.message });
    throw error;
  }
}

/** A header's columns by position: an unknown, repeated or missing required column refuses the file. */
export function csvHeader<C extends string>(header: string[], columns: readonly C[], required: readonly C[]): Map<C, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(columns as readonly string[]).includes(n));
  if (unknown.length > 0) refuse('import.unknownColumns', { columns: unknown.join(', '), expected: columns.join(',') });
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) refuse('import.duplicateColumn', { column: twice });
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) refuse('import.missingColumns', { columns: missing.join(', '), expected: columns.join(',') });
  return new Map(names.map((n, i) => [n as C, i]));
}

type Checked = { item: ItemInput } | { reason: MessageKey; params?: Params };

function checkBarcode(text: string): Checked | { barcode: string | null } {
  if (text === '') return { barcode: null };
  // A barcode column Excel took for a number comes out as 3,76E+12: the digits are gone.
  if (/^\d([.,]\d+)?E\+?\d+$/i.test(text)) return { reason: 'import.barcodeScientific', params: { barcode: text } };
  if (!/^(\d{8}|\d{12,14})$/.test(text)) return { reason: 'import.barcodeInvalid', params: { barcode: text } };
  if (!isValidGtin(text)) return { reason: 'import.barcodeCheckDigit', params: { barcode: text } };
  return { barcode: text };
}

/**
 * `free` (or empty), `fixed` (prix imposé), `capped:5` (at most 5 % off: the book price); the
 * French words too (`libre`, `imposé`, `plafonné:5`).
 */
export function parsePriceRule(text: string): ItemPriceRule | null {
  const t = text.trim().toLowerCase().normalize('NFC');
  if (t === '' || t === 'free' || t === 'libre') return { kind: 'free' };
  if (t === 'fixed' || t === 'imposé' || t === 'impose') return { kind: 'fixed' };
  const m = /^(?:capped|plafonné|plafonne)\s*[:\s]\s*(.+)$/.exec(t);
  const bp = m ? parseRate(m[1]!) : null;
  return bp !== null && isCapBp(bp) ? { kind: 'capped', maxDiscountBp: bp } : null;
}

function checkName(name: string): Checked | null {
  if (name === '') return { reason: 'import.nameMissing' };
  if (CONTROL.test(name)) return { reason: 'import.nameControl' };
  const length = [...name].length;
  return length > NAME_MAX ? { reason: 'import.nameTooLong', params: { length, max: NAME_MAX } } : null;
}

function checkPrice(text: string, limits: MoneyLimits, lang: Lang): Checked | { priceCents: number } {
  if (text === '') return { reason: 'import.priceMissing' };
  const priceCents = parseEuros(text);
  // A sign has no business in a catalog price, "-0" included.
  if (priceCents === null || /^[+-]/.test(text)) return { reason: 'import.priceInvalid', params: { text } };
  const above = aboveLimit('unitPriceCents', priceCents, limits);
  if (above) return { reason: 'import.priceAboveLimit', params: { price: formatEuros(priceCents, lang), max: formatEuros(above.money.max, lang) } };
  return { priceCents };
}

/** One data row on its own: every field well-formed (what the database holds is checked later). */
function checkRow(cell: (c: Column) => string, width: number, found: number, limits: MoneyLimits, lang: Lang, hasRule: boolean): Checked {
  if (found !== width) return { reason: 'import.columnCount', params: { found, expected: width } };
  const sku = cell('sku').toUpperCase();
  if (sku === '') return { reason: 'import.skuMissing' };
  if (!SKU.test(sku)) return { reason: 'import.skuInvalid', params: { sku } };
  const name = cell('name');
  const badName = checkName(name);
  if (badName) return badName;
  const price = checkPrice(cell('price'), limits, lang);
  if (!('priceCents' in price)) return price;
  if (cell('vat') === '') return { reason: 'import.vatMissing' };
  const vatRateBp = parseRate(cell('vat'));
  if (vatRateBp === null) return { reason: 'import.vatInvalid', params: { text: cell('vat') } };
  const barcode = checkBarcode(cell('barcode'));
  if (!('barcode' in barcode)) return barcode;
  const priceRule = hasRule ? parsePriceRule(cell('price_rule')) : undefined;
  if (priceRule === null) return { reason: 'import.priceRuleInvalid', params: { text: cell('price_rule') } };
  const item = { sku, barcode: barcode.barcode, name, priceCents: price.priceCents, vatRateBp, groupCode: cell('group') || null };
  return { item: priceRule ? { ...item, priceRule } : item };
}

/** What rows are read with: the shop's ceiling on a price, and the language of the reasons' amounts. */
export interface ReadOptions {
  limits: MoneyLimits;
  lang: Lang;
}

/**
 * Reads a catalog file's text into well-formed rows and rejected ones. A header that cannot be
 * understood refuses the whole file. A SKU or barcode seen on an earlier line (kept or not)
 * rejects the later line: which of the two the shop meant is for a person to decide.
 */
export function parseItemsCsv(text: string, opts: ReadOptions = { limits: NO_LIMITS, lang: 'fr' }): ParsedCatalog {
  const records = readCsvRecords(text);
  const head = records.shift();
  if (!head) refuse('import.empty');
  const columns = csvHeader(head.record, COLUMNS, REQUIRED);
  const rows: ImportRow[] = [];
  const rejected: Rejection[] = [];
  const skuLine = new Map<string, number>();
  const barcodeLine = new Map<string, number>();
  for (const { record, line } of records) {
    const cell = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    // Excel leaves rows of bare separators below the data.
    if (record.every((v) => v.trim() === '')) continue;
    const sku = cell('sku').toUpperCase();
    const barcode = cell('barcode');
    const checked = checkRow(cell, columns.size, record.length, opts.limits, opts.lang, columns.has('price_rule'));
    const sameSku = skuLine.get(sku);
    const sameBarcode = barcode ? barcodeLine.get(barcode) : undefined;
    if (sku && sameSku === undefined) skuLine.set(sku, line);
    if (barcode && sameBarcode === undefined) barcodeLine.set(barcode, line);
    if ('reason' in checked) rejected.push({ line, sku, reason: checked.reason, params: checked.params ?? {} });
    else if (sameSku !== undefined) rejected.push({ line, sku, reason: 'import.skuDuplicate', params: { sku, line: sameSku } });
    else if (sameBarcode !== undefined) rejected.push({ line, sku, reason: 'import.barcodeDuplicate', params: { barcode, line: sameBarcode } });
    else rows.push({ line, item: checked.item });
  }
  return { rows, rejected };
}

/** Rows whose VAT rate, group or barcode the database does not allow are rejected (rates named in `lang`). */
export function checkAgainstCatalog(rows: readonly ImportRow[], catalog: CatalogSnapshot, lang: Lang): ParsedCatalog {
  const groups = new Map(catalog.groupCodes.map((c) => [c.toUpperCase(), c]));
  const known = [...catalog.vatRates].sort((a, b) => b - a).map((r) => formatRate(r, lang)).join(', ');
  const kept: ImportRow[] = [];
  const rejected: Rejection[] = [];
  for (const row of rows) {
    const { item, line } = row;
    const reject = (reason: MessageKey, params: Params) => rejected.push({ line, sku: item.sku, reason, params });
    const group = item.groupCode === null ? null : groups.get(item.groupCode.toUpperCase());
    const owner = item.barcode === null ? undefined : catalog.barcodeOwners.get(item.barcode);
    if (!catalog.vatRates.has(item.vatRateBp)) reject('import.vatUnknown', { rate: formatRate(item.vatRateBp, lang), known });
    else if (group === undefined) reject('import.groupUnknown', { group: item.groupCode ?? '' });
    else if (owner !== undefined && owner !== item.sku) reject('import.barcodeTaken', { barcode: item.barcode ?? '', sku: owner });
    else kept.push({ line, item: { ...item, groupCode: group } });
  }
  return { rows: kept, rejected };
}

/** Items per slice of an import (an item row costs more than a code's). */
const ITEM_BATCH = 2000;

/** Imports a parsed catalog file: good rows are inserted or updated by SKU in one transaction, the tills told of the prices changed. */
export async function importItems(db: Knex, parsed: ParsedCatalog, lang: Lang, onProgress?: OnProgress): Promise<ImportReport> {
  return db.transaction(async (trx) => {
    const barcodes = parsed.rows.flatMap((r) => (r.item.barcode ? [r.item.barcode] : []));
    const checked = checkAgainstCatalog(parsed.rows, {
      vatRates: new Set(await knownVatRates(trx)),
      groupCodes: await itemGroupCodes(trx),
      barcodeOwners: await barcodeOwners(trx, barcodes),
    }, lang);
    const before = await pricesBySku(trx, checked.rows.map((r) => r.item.sku));
    // In slices, each told to onProgress: a catalogue of many thousand items shows how far it is.
    const items = checked.rows.map((r) => r.item);
    for (const { start, end } of batches(items.length, ITEM_BATCH)) {
      await upsertItems(trx, items.slice(start, end));
      onProgress?.(end, items.length);
    }
    // Every till is told of a price or a name changed, in the import's own transaction.
    await publishEvents(trx, checked.rows.flatMap(({ item }) => {
      const was = before.get(item.sku);
      return was && (was.priceCents !== item.priceCents || was.name !== item.name)
        ? [{ kind: 'item' as const, subject: String(was.id), data: { price_cents: item.priceCents, name: item.name } }]
        : [];
    }));
    const rejected = [...parsed.rejected, ...checked.rejected].sort((a, b) => a.line - b.line);
    return { imported: checked.rows.length, rejected };
  });
}

export async function readCatalogFile(path: string): Promise<string> {
  try {
    return decodeCsv(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') refuse('import.fileMissing', { file: path });
    refuse('import.unreadable', { file: path, reason: code ?? (error as Error).message });
  }
}

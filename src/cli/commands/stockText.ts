import type { Booked } from '../../app/stock/book';
import type { MovementRecord, StockRow } from '../../data/stock';
import type { Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { isLow, signedQty as signed } from '../../domain/stock';
import { t, type MessageKey } from '../../i18n/messages';
import { table } from '../output';

// Stock as a person reads it in a terminal, and as a spreadsheet reads it (CSV).

const threshold = (n: number | null) => (n === null ? '—' : String(n));

export function levelJson(r: StockRow, store: string) {
  return {
    sku: r.sku, name: r.name, store, stocked: r.stocked, qty: r.qty, threshold: r.threshold, item_threshold: r.itemThreshold, store_threshold: r.storeThreshold,
    low: r.stocked && isLow(r), last_sale_at: r.lastSaleAt?.toISOString() ?? null,
  };
}

export function movementJson(m: MovementRecord) {
  return {
    id: m.id, kind: m.kind, qty: m.qty, qty_after: m.qtyAfter, counted: m.counted, expected: m.expected, at: m.at.toISOString(), operator: m.operator,
    approved_by: m.approvedBy, terminal: m.terminal, ticket: m.ticket, other_store: m.otherStore, reason: m.reason, reference: m.reference,
  };
}

export function bookedJson(b: Booked) {
  return { sku: b.sku, name: b.name, qty: b.qty, qty_after: b.qtyAfter, ...(b.expected !== null && { expected: b.expected }) };
}

/** Where the movement came from or what it says: the ticket, the manager and the reason, the count, the other store. */
function movementWhat(m: MovementRecord, lang: Lang): string {
  const parts = [m.terminal ? `${m.operator} · ${m.terminal}` : m.operator];
  if (m.ticket) parts.push(m.ticket);
  if (m.kind === 'count') parts.push(t(lang, 'stock.cli.countedOf', { counted: m.counted ?? 0, expected: m.expected ?? 0 }));
  if (m.otherStore) parts.push(t(lang, m.qty < 0 ? 'stock.cli.toStore' : 'stock.cli.fromStore', { store: m.otherStore }));
  if (m.approvedBy) parts.push(t(lang, 'stock.cli.approvedBy', { name: m.approvedBy }));
  if (m.reason) parts.push(m.reason);
  if (m.reference) parts.push(m.reference);
  return parts.join(' · ');
}

export function levelText(r: StockRow, movements: readonly MovementRecord[], store: string, lang: Lang, timeZone: string): string[] {
  const lines = [`${r.sku}  ${r.name}`];
  if (!r.stocked) return [...lines, t(lang, 'stock.notStocked', { sku: r.sku, name: r.name })];
  const where = r.storeThreshold !== null ? 'stock.cli.thresholdStore' : 'stock.cli.thresholdItem';
  lines.push(t(lang, 'stock.cli.level', { store, qty: r.qty, threshold: r.threshold === null ? t(lang, 'stock.cli.noThreshold') : t(lang, where, { n: r.threshold }) }));
  lines.push(t(lang, 'stock.cli.lastSale', { at: r.lastSaleAt ? formatDateTime(r.lastSaleAt, lang, timeZone) : '—' }));
  if (isLow(r)) lines.push(t(lang, 'stock.cli.isLow'));
  if (movements.length === 0) return [...lines, t(lang, 'stock.cli.noMovement')];
  const rows = movements.map((m) => [formatDateTime(m.at, lang, timeZone), t(lang, `stock.kind.${m.kind}` as MessageKey), signed(m.qty), String(m.qtyAfter), movementWhat(m, lang)]);
  return [...lines, ...table(rows, ['left', 'left', 'right', 'right', 'left'])];
}

export function levelsText(rows: readonly StockRow[], lang: Lang, timeZone: string, lastSale = false): string[] {
  const head = [t(lang, 'stock.col.sku'), t(lang, 'stock.col.item'), t(lang, 'stock.col.qty'), t(lang, 'stock.col.threshold'), ...(lastSale ? [t(lang, 'stock.col.lastSale')] : [])];
  const body = rows.map((r) => [r.sku, r.name, String(r.qty), threshold(r.threshold), ...(lastSale ? [r.lastSaleAt ? formatDateTime(r.lastSaleAt, lang, timeZone) : '—'] : [])]);
  return table([head, ...body], ['left', 'left', 'right', 'right', 'left']);
}

export function bookedText(lines: readonly Booked[], lang: Lang): string[] {
  const rows = lines.map((b) => [b.sku, b.name, signed(b.qty), `→ ${b.qtyAfter}`, b.expected === null ? '' : t(lang, 'stock.cli.expectedWas', { n: b.expected })]);
  return table(rows, ['left', 'left', 'right', 'left', 'left']);
}

/** "2026-12-06 14:32" in the shop's time zone: sorts as text, and a spreadsheet reads it as a date. */
function stamp(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

function csvCell(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The low-stock list for a spreadsheet: one header, one row per item (RFC 4180, `,`). */
export function lowCsv(rows: readonly StockRow[], timeZone: string): string[] {
  return [
    'sku,name,qty,threshold,last_sale',
    ...rows.map((r) => [r.sku, r.name, String(r.qty), String(r.threshold ?? ''), r.lastSaleAt ? stamp(r.lastSaleAt, timeZone) : ''].map(csvCell).join(',')),
  ];
}

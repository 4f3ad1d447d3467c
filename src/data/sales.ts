import type { SaleAdjustment, SaleLineRecord, SaleRecord } from '../domain/sale';
import type { Tender } from '../domain/tender';
import type { VatPart } from '../domain/vat';
import type { Db } from './db';

export interface SaleInsert {
  key: string;
  requestHash: string;
  terminalId: number;
  storeId: number;
  operatorId: number;
  customerId: number | null;
  totalCents: number;
  changeCents: number;
  lines: (Omit<SaleLineRecord, 'lineNo'> & { priceOverrideBy: number | null; discountBy: number | null; origin?: { saleId: number; lineNo: number } | null })[];
  adjustments: SaleAdjustment[];
  tenders: Tender[];
  vat: VatPart[];
  audit: { action: string; approverId: number | null; details: Record<string, unknown> }[];
  /** A number from the till's reserved block and the time it was sold (a sale made offline). */
  ticketNo?: number;
  soldAt?: string;
  /** Made in training mode: marked so, sealed in the till's training chain, counted nowhere. */
  training?: boolean;
}

export type CommitOutcome =
  | { created: false; id: number }
  | ({ created: true } & Pick<SaleRecord, 'id' | 'ticketNo' | 'createdAt' | 'terminalCode' | 'storeCode' | 'storeName' | 'storeAddress' | 'operatorCode' | 'operatorName' | 'seal' | 'training'>);

/** PostgreSQL's answer when a key comes back with a different sale (see pos_commit_sale). */
export const KEY_REUSED = 'P0K01';

/**
 * Writes the ticket, its lines, tenders, VAT rows and audit lines in one statement (its own
 * transaction), numbered from the terminal's locked counter; a key already committed returns
 * that sale's id instead.
 */
export async function commitSaleStatement(db: Db, s: SaleInsert): Promise<CommitOutcome> {
  const payload = {
    key: s.key,
    request_hash: s.requestHash,
    terminal_id: s.terminalId,
    store_id: s.storeId,
    operator_id: s.operatorId,
    customer_id: s.customerId,
    total_cents: s.totalCents,
    change_cents: s.changeCents,
    lines: s.lines.map((l, i) => ({
      n: i + 1,
      item_id: l.itemId, sku: l.sku, barcode: l.barcode, name: l.name, qty: l.qty, list_price_cents: l.listPriceCents,
      unit_price_cents: l.unitPriceCents, discount_cents: l.discountCents, ticket_discount_cents: l.ticketDiscountCents,
      total_cents: l.totalCents, vat_rate_bp: l.vatRateBp,
      price_override_by: l.priceOverrideBy, discount_by: l.discountBy, gift_card_code: l.giftCardCode ?? null,
    })),
    tenders: s.tenders.map((t, i) => ({ n: i + 1, kind: t.kind, amount_cents: t.amountCents, ref: t.ref ?? null })),
    adjustments: s.adjustments.map((a, i) => ({ n: i + 1, kind: a.kind, ref: a.ref, label: a.label, amount_cents: a.amountCents })),
    vat: s.vat.map((v) => ({ rate_bp: v.rateBp, gross_cents: v.grossCents, vat_cents: v.vatCents, net_cents: v.netCents })),
    audit: s.audit.map((a) => ({ action: a.action, approver_id: a.approverId, details: a.details })),
    // The lines a return gives back, for the ticket's seal (which names the ticket it corrects).
    origins: s.lines.flatMap((l, i) => (l.origin ? [{ n: i + 1, sale_id: l.origin.saleId, line_no: l.origin.lineNo }] : [])),
    ...(s.ticketNo !== undefined && { ticket_no: s.ticketNo, sold_at: s.soldAt }),
  };
  // Whether it is a training ticket, said for this statement's transaction only: the sales
  // table's default reads it (migration 20261208130000), so an older till's sales stay real.
  const { rows } = await db.raw<{ rows: { r: Record<string, unknown> }[] }>(
    "SELECT pos_commit_sale(?::jsonb) AS r FROM (SELECT set_config('pos.training', ?, true)) AS mode",
    [JSON.stringify(payload), s.training ? 'on' : 'off'],
  );
  const r = rows[0]!.r;
  if (!r.created) return { created: false, id: Number(r.id) };
  return {
    created: true,
    id: Number(r.id),
    ticketNo: Number(r.ticket_no),
    createdAt: new Date(r.created_at as string),
    terminalCode: r.terminal_code as string,
    storeCode: r.store_code as string,
    storeName: r.store_name as string,
    storeAddress: r.store_address as string[],
    operatorCode: r.operator_code as string,
    operatorName: r.operator_name as string,
    seal: (r.seal as string | undefined) ?? null,
    ...(s.training && { training: true }),
  };
}

export async function findSaleByKey(db: Db, key: string): Promise<{ id: number; requestHash: string } | null> {
  const row = await db('sales').select('id', 'request_hash').where('idempotency_key', key).first();
  return row ? { id: row.id, requestHash: row.request_hash } : null;
}

const SALE_SQL = `
  SELECT s.id, s.idempotency_key AS key, s.ticket_no, s.total_cents, s.change_cents, s.created_at, s.customer_id,
         t.code AS terminal_code, st.code AS store_code, st.name AS store_name, st.address AS store_address,
         o.code AS operator_code, o.name AS operator_name,
         (SELECT f.hash FROM fiscal_seals f WHERE f.chain IN ('ticket', 'training') AND f.ref_id = s.id) AS seal, s.training,
         (SELECT coalesce(json_agg(json_build_object(
            'lineNo', l.line_no, 'itemId', l.item_id, 'sku', l.sku, 'barcode', l.barcode, 'name', l.name,
            'qty', l.qty, 'listPriceCents', l.list_price_cents, 'unitPriceCents', l.unit_price_cents,
            'discountCents', l.discount_cents, 'ticketDiscountCents', l.ticket_discount_cents,
            'totalCents', l.total_cents, 'vatRateBp', l.vat_rate_bp, 'giftCardCode', l.gift_card_code)
            ORDER BY l.line_no), '[]') FROM sale_lines l WHERE l.sale_id = s.id) AS lines,
         (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('kind', x.kind, 'amountCents', x.amount_cents, 'ref', x.ref)) ORDER BY x.seq), '[]')
            FROM sale_tenders x WHERE x.sale_id = s.id) AS tenders,
         (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'ref', a.ref, 'label', a.label, 'amountCents', a.amount_cents) ORDER BY a.seq), '[]')
            FROM sale_adjustments a WHERE a.sale_id = s.id) AS adjustments,
         (SELECT coalesce(json_agg(json_build_object('rateBp', v.rate_bp, 'grossCents', v.gross_cents,
            'vatCents', v.vat_cents, 'netCents', v.net_cents) ORDER BY v.rate_bp DESC), '[]')
            FROM sale_vat v WHERE v.sale_id = s.id) AS vat
  FROM sales s
  JOIN terminals t ON t.id = s.terminal_id
  JOIN stores st ON st.id = s.store_id
  JOIN operators o ON o.id = s.operator_id`;

interface SaleRow {
  id: number;
  key: string;
  ticket_no: number;
  total_cents: number;
  change_cents: number;
  created_at: Date;
  terminal_code: string;
  store_code: string;
  store_name: string;
  store_address: string[];
  operator_code: string;
  operator_name: string;
  seal: string | null;
  training: boolean;
  customer_id: number | null;
  lines: SaleLineRecord[];
  adjustments: SaleAdjustment[];
  tenders: Tender[];
  vat: VatPart[];
}

function toRecord(r: SaleRow): SaleRecord {
  return {
    id: r.id,
    key: r.key,
    ticketNo: r.ticket_no,
    terminalCode: r.terminal_code,
    storeCode: r.store_code,
    storeName: r.store_name,
    storeAddress: r.store_address,
    operatorCode: r.operator_code,
    operatorName: r.operator_name,
    seal: r.seal,
    ...(r.training && { training: true }),
    createdAt: r.created_at,
    totalCents: r.total_cents,
    changeCents: r.change_cents,
    customerId: r.customer_id,
    lines: r.lines,
    adjustments: r.adjustments,
    tenders: r.tenders,
    vat: r.vat,
  };
}

export async function getSale(db: Db, id: number): Promise<SaleRecord | null> {
  const { rows } = await db.raw<{ rows: SaleRow[] }>(`${SALE_SQL} WHERE s.id = ?`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findSaleByTicket(db: Db, terminalCode: string, ticketNo: number): Promise<SaleRecord | null> {
  const { rows } = await db.raw<{ rows: SaleRow[] }>(`${SALE_SQL} WHERE t.code = ? AND s.ticket_no = ?`, [terminalCode, ticketNo]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** A customer's latest tickets, newest first, whole (lines, adjustments, tenders). */
export async function salesOfCustomer(db: Db, customerId: number, limit: number): Promise<SaleRecord[]> {
  const { rows } = await db.raw<{ rows: SaleRow[] }>(`${SALE_SQL} WHERE s.customer_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?`, [customerId, limit]);
  return rows.map(toRecord);
}

export async function lastSaleOfTerminal(db: Db, terminalId: number): Promise<SaleRecord | null> {
  const { rows } = await db.raw<{ rows: SaleRow[] }>(`${SALE_SQL} WHERE s.terminal_id = ? ORDER BY s.ticket_no DESC LIMIT 1`, [terminalId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface SaleSummary {
  id: number;
  terminalCode: string;
  ticketNo: number;
  createdAt: Date;
  operatorCode: string;
  totalCents: number;
  lineCount: number;
}

export async function listSales(db: Db, opts: { terminalCode?: string; from?: Date; to?: Date; limit: number }): Promise<SaleSummary[]> {
  const q = db('sales as s')
    .join('terminals as t', 't.id', 's.terminal_id')
    .join('operators as o', 'o.id', 's.operator_id')
    .select(
      's.id', 't.code as terminal_code', 's.ticket_no', 's.created_at', 'o.code as operator_code', 's.total_cents',
      db.raw('(SELECT count(*)::int FROM sale_lines l WHERE l.sale_id = s.id) AS line_count'),
    )
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(opts.limit);
  if (opts.terminalCode) q.where('t.code', opts.terminalCode);
  if (opts.from) q.where('s.created_at', '>=', opts.from);
  if (opts.to) q.where('s.created_at', '<', opts.to);
  const rows = (await q) as { id: number; terminal_code: string; ticket_no: number; created_at: Date; operator_code: string; total_cents: number; line_count: number }[];
  return rows.map((r) => ({
    id: r.id,
    terminalCode: r.terminal_code,
    ticketNo: r.ticket_no,
    createdAt: r.created_at,
    operatorCode: r.operator_code,
    totalCents: r.total_cents,
    lineCount: r.line_count,
  }));
}

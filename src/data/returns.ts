import type { Db } from './db';

/** How many of each line of a sale have come back so far, by line number (lines never returned are absent). */
export async function returnedOfSale(db: Db, saleId: number): Promise<Map<number, number>> {
  const rows = (await db('sale_line_returns').select('line_no', 'returned_qty').where('sale_id', saleId)) as { line_no: number; returned_qty: number }[];
  return new Map(rows.map((r) => [r.line_no, r.returned_qty]));
}

export interface ReturnCount {
  saleId: number;
  lineNo: number;
  soldQty: number;
  soldCents: number;
  qty: number;
  cents: number;
}

/**
 * Counts `qty` more units of a sold line as come back, by one conditional statement: the row
 * (made at the line's first return) is locked until the commit, so two tills returning the same
 * line queue and the second sees what the first took. Returns how many had come back before,
 * or null when fewer than `qty` are left (nothing changed). The CHECK on the table holds the
 * same bound whatever the caller.
 */
export async function countReturned(trx: Db, r: ReturnCount): Promise<{ before: number; left: number } | null> {
  await trx.raw(
    `INSERT INTO sale_line_returns (sale_id, line_no, sold_qty, sold_cents, returned_qty, returned_cents)
       VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (sale_id, line_no) DO NOTHING`,
    [r.saleId, r.lineNo, r.soldQty, r.soldCents],
  );
  const { rows } = await trx.raw<{ rows: { returned_qty: number }[] }>(
    `UPDATE sale_line_returns SET returned_qty = returned_qty + ?, returned_cents = returned_cents + ?
       WHERE sale_id = ? AND line_no = ? AND returned_qty + ? <= sold_qty
       RETURNING returned_qty`,
    [r.qty, r.cents, r.saleId, r.lineNo, r.qty],
  );
  if (rows[0]) return { before: rows[0].returned_qty - r.qty, left: r.soldQty - rows[0].returned_qty };
  return null;
}

/** What is left to come back of a line, read in the transaction that failed to count more. */
export async function leftToReturn(db: Db, saleId: number, lineNo: number): Promise<number | null> {
  const row = (await db('sale_line_returns').select('sold_qty', 'returned_qty').where({ sale_id: saleId, line_no: lineNo }).first()) as { sold_qty: number; returned_qty: number } | undefined;
  return row ? row.sold_qty - row.returned_qty : null;
}

export interface OriginRow {
  saleId: number;
  lineNo: number;
  originSaleId: number;
  originLineNo: number;
  qty: number;
  creditedCents: number;
}

export async function insertOrigins(trx: Db, rows: readonly OriginRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx('sale_line_origins').insert(
    rows.map((r) => ({ sale_id: r.saleId, line_no: r.lineNo, origin_sale_id: r.originSaleId, origin_line_no: r.originLineNo, qty: r.qty, credited_cents: r.creditedCents })),
  );
}

/** The returned lines of a sale and the lines they gave back. */
export async function originsOfSale(db: Db, saleId: number): Promise<OriginRow[]> {
  const rows = (await db('sale_line_origins').where('sale_id', saleId).orderBy('line_no')) as { sale_id: number; line_no: number; origin_sale_id: number; origin_line_no: number; qty: number; credited_cents: number }[];
  return rows.map((r) => ({ saleId: r.sale_id, lineNo: r.line_no, originSaleId: r.origin_sale_id, originLineNo: r.origin_line_no, qty: r.qty, creditedCents: r.credited_cents }));
}

/** The store a sale was made in, or null when there is no such sale. */
export async function storeOfSale(db: Db, saleId: number): Promise<{ id: number; code: string } | null> {
  const row = (await db('sales as s').join('stores as st', 'st.id', 's.store_id').select('st.id', 'st.code').where('s.id', saleId).first()) as { id: number; code: string } | undefined;
  return row ?? null;
}

/** The tickets the returned lines of a sale come from: each one's terminal and number, and its lines given back. */
export async function returnedFrom(db: Db, saleId: number): Promise<{ terminalCode: string; ticketNo: number; lines: number[] }[]> {
  const rows = (await db('sale_line_origins as o')
    .join('sales as s', 's.id', 'o.origin_sale_id')
    .join('terminals as t', 't.id', 's.terminal_id')
    .where('o.sale_id', saleId)
    .orderBy('o.line_no')
    .select('t.code as terminal_code', 's.ticket_no', 'o.origin_line_no')) as { terminal_code: string; ticket_no: number; origin_line_no: number }[];
  const out: { terminalCode: string; ticketNo: number; lines: number[] }[] = [];
  for (const r of rows) {
    const same = out.find((x) => x.terminalCode === r.terminal_code && x.ticketNo === r.ticket_no);
    if (same) same.lines.push(r.origin_line_no);
    else out.push({ terminalCode: r.terminal_code, ticketNo: r.ticket_no, lines: [r.origin_line_no] });
  }
  return out;
}

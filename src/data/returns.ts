import type { Db } from './db';

/** How many of each line of a sale have come back so far, by line number (lines never returned are absent). */
export async function returnedOfSale(db: Db, saleId: number): Promise<Map<number, number>> {
  const rows = (await db('sale_line_returns').select('line_no', 'returned_qty').where('sale_id', saleId)) as { line_no: number; returned_qty: number }[];
  return new Map(rows.map((r) => [r.line_no, r.returned_qty]));
}

export interface OriginRow {
  saleId: number;
  lineNo: number;
  originSaleId: number;
  originLineNo: number;
  qty: number;
  creditedCents: number;
}

/**
 * Links a returned line to the line it gives back, and counts its `qty` units as come back, in
 * one statement: the row's trigger (pos_return_count, see the till_role migration) raises the
 * count of the sold line (made at its first return, from the ticket itself) by one conditional
 * statement; the row is locked until the commit, so two tills returning the same line queue and
 * the second sees what the first took. Returns how many had come back before and how many are
 * left, or null when fewer than `qty` were left (nothing written). The CHECK on the count holds
 * the same bound whatever the caller.
 */
export async function countReturned(trx: Db, o: OriginRow): Promise<{ before: number; left: number } | null> {
  const { rowCount } = await trx.raw(
    `INSERT INTO sale_line_origins (sale_id, line_no, origin_sale_id, origin_line_no, qty, credited_cents) VALUES (?, ?, ?, ?, ?, ?)`,
    [o.saleId, o.lineNo, o.originSaleId, o.originLineNo, o.qty, o.creditedCents],
  );
  if (!rowCount) return null;
  const row = (await trx('sale_line_returns').select('sold_qty', 'returned_qty').where({ sale_id: o.originSaleId, line_no: o.originLineNo }).first()) as { sold_qty: number; returned_qty: number };
  return { before: row.returned_qty - o.qty, left: row.sold_qty - row.returned_qty };
}

/** What is left to come back of a line, read in the transaction that failed to count more. */
export async function leftToReturn(db: Db, saleId: number, lineNo: number): Promise<number | null> {
  const row = (await db('sale_line_returns').select('sold_qty', 'returned_qty').where({ sale_id: saleId, line_no: lineNo }).first()) as { sold_qty: number; returned_qty: number } | undefined;
  return row ? row.sold_qty - row.returned_qty : null;
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

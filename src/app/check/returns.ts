// What came back of each sold line is what the return tickets' lines linked to it say, in
// units and in cents: the cached figures bound every later return, so they must be right.
import type { Db } from '../../data/db';
import { ticketLabel } from '../../domain/sale';
import { num, type Break, type FamilyResult } from './types';

interface Row {
  what: 'count' | 'line';
  till: string | null;
  ticket_no: string | null;
  line_no: number | null;
  a: string;
  b: string | null;
  c: string | null;
  d: string | null;
}

const SQL = `
  WITH j AS (
    SELECT coalesce(r.sale_id, o.origin_sale_id) AS sale_id, coalesce(r.line_no, o.origin_line_no) AS line_no,
           coalesce(r.returned_qty, 0) AS qty, coalesce(r.returned_cents, 0) AS cents, coalesce(o.qty, 0) AS o_qty, coalesce(o.cents, 0) AS o_cents
      FROM sale_line_returns r
      FULL JOIN (SELECT origin_sale_id, origin_line_no, sum(qty) AS qty, sum(credited_cents) AS cents FROM sale_line_origins GROUP BY 1, 2) o
        ON o.origin_sale_id = r.sale_id AND o.origin_line_no = r.line_no
  )
  SELECT 'count' AS what, NULL AS till, NULL AS ticket_no, NULL::int AS line_no, count(*)::text AS a, NULL AS b, NULL AS c, NULL AS d FROM j
  UNION ALL
  SELECT 'line', t.code, s.ticket_no::text, j.line_no, j.qty::text, j.cents::text, j.o_qty::text, j.o_cents::text
    FROM j JOIN sales s ON s.id = j.sale_id JOIN terminals t ON t.id = s.terminal_id
   WHERE j.qty <> j.o_qty OR j.cents <> j.o_cents`;

export async function checkReturns(db: Db): Promise<FamilyResult> {
  const { rows } = await db.raw<{ rows: Row[] }>(SQL);
  const counts: Record<string, number> = {};
  const breaks: Break[] = [];
  for (const r of rows) {
    if (r.what === 'count') {
      counts.returnedLines = num(r.a);
      continue;
    }
    breaks.push({
      invariant: 'return.line',
      key: 'check.return.line',
      params: { ticket: ticketLabel(r.till ?? '?', num(r.ticket_no)), line: r.line_no ?? 0, qty: num(r.a), returned: num(r.c) },
      money: { cents: num(r.b), credited: num(r.d) },
    });
  }
  return { counts, breaks };
}

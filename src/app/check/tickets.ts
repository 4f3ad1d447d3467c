// Ticket numbers per till: 1, 2, 3… with none missing or repeated, and the till's counter on
// the next one. One aggregate over the sales (the (terminal, ticket) index serves it) finds the
// tills that are wrong; only theirs are then read number by number, to name the gaps.
import type { Db } from '../../data/db';
import { num, type Break, type FamilyResult } from './types';

interface Row {
  id: number;
  code: string;
  next_ticket_no: string;
  n: string;
  distinct_n: string;
  hi: string | null;
}

/** Gaps named per till, beyond which the line says how many more. */
const MAX_GAPS = 20;

/** Whether the schema still forbids a number twice per till: then counting distinct numbers (a sort of every ticket) can be skipped. */
const GUARDED = `
  SELECT EXISTS (
    SELECT 1 FROM pg_index i
     WHERE i.indrelid = 'sales'::regclass AND i.indisunique AND i.indpred IS NULL
       AND string_to_array(i.indkey::text, ' ')::int2[] = ARRAY(SELECT attnum FROM pg_attribute WHERE attrelid = 'sales'::regclass AND attname IN ('terminal_id', 'ticket_no') ORDER BY attname = 'ticket_no')
  ) AS guarded`;

export async function checkTickets(db: Db): Promise<FamilyResult> {
  const guarded = (await db.raw<{ rows: { guarded: boolean }[] }>(GUARDED)).rows[0]!.guarded;
  const { rows } = await db.raw<{ rows: Row[] }>(`
    SELECT t.id, t.code, t.next_ticket_no, coalesce(s.n, 0) AS n, coalesce(s.distinct_n, 0) AS distinct_n, s.hi
      FROM terminals t
      LEFT JOIN (SELECT terminal_id, count(*) AS n, ${guarded ? 'count(*)' : 'count(DISTINCT ticket_no)'} AS distinct_n, max(ticket_no) AS hi FROM sales GROUP BY terminal_id) s
        ON s.terminal_id = t.id
     ORDER BY t.code`);
  const breaks: Break[] = [];
  let tickets = 0;
  for (const r of rows) {
    const n = num(r.n);
    const distinct = num(r.distinct_n);
    const hi = r.hi === null ? 0 : num(r.hi);
    tickets += n;
    if (distinct < n) breaks.push({ invariant: 'ticket.repeated', key: 'check.ticket.repeated', params: { till: r.code, n: n - distinct } });
    // Numbers from 1 to the highest, each once: as many distinct numbers as the highest.
    if (distinct !== hi) breaks.push(...(await gaps(db, r.id, r.code)));
    if (num(r.next_ticket_no) !== hi + 1) {
      breaks.push({ invariant: 'ticket.next', key: 'check.ticket.next', params: { till: r.code, next: num(r.next_ticket_no), expected: hi + 1 } });
    }
  }
  return { counts: { tills: rows.length, tickets }, breaks };
}

async function gaps(db: Db, terminalId: number, till: string): Promise<Break[]> {
  const { rows } = await db.raw<{ rows: { lo: string; hi: string }[] }>(
    `SELECT lo, hi FROM (
       SELECT no + 1 AS lo, lead(no) OVER (ORDER BY no) - 1 AS hi
         FROM (SELECT 0::bigint AS no UNION SELECT ticket_no FROM sales WHERE terminal_id = ?) x) y
      WHERE hi >= lo ORDER BY lo`,
    [terminalId],
  );
  const out: Break[] = rows.slice(0, MAX_GAPS).map((g): Break => {
    const lo = num(g.lo);
    const hi = num(g.hi);
    return lo === hi
      ? { invariant: 'ticket.gap', key: 'check.ticket.gap', params: { till, from: lo } }
      : { invariant: 'ticket.gap', key: 'check.ticket.gaps', params: { till, from: lo, to: hi } };
  });
  if (rows.length > MAX_GAPS) out.push({ invariant: 'ticket.gap', key: 'check.ticket.moreGaps', params: { till, n: rows.length - MAX_GAPS } });
  return out;
}

// Ticket numbers per till: 1, 2, 3… with none missing or repeated, and the till's counter on
// the next one. A number is taken by a ticket, by a void (the unused rest of a block of numbers
// reserved for an outage, closed once its sales were in: see migration 20261207120000), or by
// the till's one open block. One aggregate over the sales (the (terminal, ticket) index serves it) finds the
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
  /** Numbers taken otherwise than by a ticket: voids, and the open block's numbers no ticket has yet. */
  other_n: string;
  other_hi: string | null;
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
    SELECT t.id, t.code, t.next_ticket_no, coalesce(s.n, 0) AS n, coalesce(s.distinct_n, 0) AS distinct_n, s.hi,
           coalesce(v.n, 0) + coalesce(b.last_no - b.first_no + 1 - (SELECT count(*) FROM sales x WHERE x.terminal_id = t.id AND x.ticket_no BETWEEN b.first_no AND b.last_no), 0) AS other_n,
           greatest(v.hi, b.last_no) AS other_hi
      FROM terminals t
      LEFT JOIN (SELECT terminal_id, count(*) AS n, ${guarded ? 'count(*)' : 'count(DISTINCT ticket_no)'} AS distinct_n, max(ticket_no) AS hi FROM sales GROUP BY terminal_id) s
        ON s.terminal_id = t.id
      LEFT JOIN (SELECT terminal_id, count(*) AS n, max(ticket_no) AS hi FROM ticket_voids GROUP BY terminal_id) v ON v.terminal_id = t.id
      LEFT JOIN ticket_blocks b ON b.terminal_id = t.id AND b.closed_at IS NULL
     ORDER BY t.code`);
  const breaks: Break[] = [];
  let tickets = 0;
  for (const r of rows) {
    const n = num(r.n);
    const distinct = num(r.distinct_n);
    const hi = Math.max(r.hi === null ? 0 : num(r.hi), r.other_hi === null ? 0 : num(r.other_hi));
    tickets += n;
    if (distinct < n) breaks.push({ invariant: 'ticket.repeated', key: 'check.ticket.repeated', params: { till: r.code, n: n - distinct } });
    // Numbers from 1 to the highest, each once: as many distinct numbers as the highest.
    if (distinct + num(r.other_n) !== hi) breaks.push(...(await gaps(db, r.id, r.code)));
    if (num(r.next_ticket_no) !== hi + 1) {
      breaks.push({ invariant: 'ticket.next', key: 'check.ticket.next', params: { till: r.code, next: num(r.next_ticket_no), expected: hi + 1 } });
    }
  }
  return { counts: { tills: rows.length, tickets }, breaks };
}

async function gaps(db: Db, terminalId: number, till: string): Promise<Break[]> {
  const { rows } = await db.raw<{ rows: { lo: string; hi: string }[] }>(
    `WITH taken AS (
       SELECT ticket_no AS lo, ticket_no AS hi FROM sales WHERE terminal_id = ?
       UNION ALL SELECT ticket_no, ticket_no FROM ticket_voids WHERE terminal_id = ?
       UNION ALL SELECT first_no, last_no FROM ticket_blocks WHERE terminal_id = ? AND closed_at IS NULL
     ), runs AS (
       SELECT lo, coalesce(max(hi) OVER (ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM taken
     )
     SELECT before + 1 AS lo, lo - 1 AS hi FROM runs WHERE lo > before + 1 ORDER BY lo`,
    [terminalId, terminalId, terminalId],
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

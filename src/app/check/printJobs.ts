// The print jobs of committed sales, each accounted for: printed, waiting (queued, or owed with
// no document yet), failed with the printer's reason, or discarded by a manager with its audit
// line. A sale's commit writes one receipt job: a second one would print the ticket twice.
// (A sale may have none: `pos sale create --json` owes no receipt.)
// One pass over the jobs counts them by state (in parallel); the few failed and discarded jobs
// are read through partial indexes, and the receipts by sale through theirs, in sale order.
import type { Db } from '../../data/db';
import { ticketLabel } from '../../domain/sale';
import { num, type Break, type FamilyResult } from './types';

interface Row {
  what: 'count' | 'failed' | 'discarded' | 'double';
  job: string | null;
  till: string | null;
  ticket_no: string | null;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
}

const SQL = `
  WITH broken AS (
    SELECT 'failed' AS what, id AS job, sale_id, NULL::bigint AS n FROM print_jobs
     WHERE state = 'failed' AND sale_id IS NOT NULL AND btrim(coalesce(last_error, '')) = ''
    UNION ALL
    SELECT 'discarded', id, sale_id, NULL FROM print_jobs j
     WHERE state = 'discarded' AND sale_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'print_job_discarded' AND a.details->>'job_id' = j.id::text)
    UNION ALL
    SELECT 'double', NULL, sale_id, n FROM (
      SELECT sale_id, count(*) AS n FROM print_jobs WHERE kind = 'receipt' AND sale_id IS NOT NULL GROUP BY sale_id) r
     WHERE n > 1
  )
  SELECT 'count' AS what, NULL AS job, NULL AS till, NULL AS ticket_no, count(*)::text AS a,
         count(*) FILTER (WHERE state = 'printed')::text AS b, count(*) FILTER (WHERE state = 'queued')::text AS c,
         count(*) FILTER (WHERE state = 'failed')::text AS d
    FROM print_jobs WHERE sale_id IS NOT NULL
  UNION ALL
  SELECT x.what, x.job::text, t.code, s.ticket_no::text, x.n::text, NULL, NULL, NULL
    FROM broken x JOIN sales s ON s.id = x.sale_id JOIN terminals t ON t.id = s.terminal_id`;

export async function checkPrintJobs(db: Db): Promise<FamilyResult> {
  const { rows } = await db.raw<{ rows: Row[] }>(SQL);
  const counts: Record<string, number> = {};
  const breaks: Break[] = [];
  for (const r of rows) {
    if (r.what === 'count') {
      Object.assign(counts, { printJobs: num(r.a), printed: num(r.b), waiting: num(r.c), failed: num(r.d) });
      continue;
    }
    const ticket = ticketLabel(r.till ?? '?', num(r.ticket_no));
    if (r.what === 'double') breaks.push({ invariant: 'print.double', key: 'check.print.double', params: { ticket, n: num(r.a) } });
    else breaks.push({ invariant: `print.${r.what}`, key: r.what === 'failed' ? 'check.print.failed' : 'check.print.discarded', params: { ticket, job: r.job ?? '?' } });
  }
  return { counts, breaks };
}

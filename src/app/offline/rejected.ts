import { ticketLabel } from '../../domain/sale';
import { readJournal, readRefusals } from './journal';

/** An offline sale the database refused at replay: kept in the journal, its block open, for a manager. */
export interface RejectedSale {
  key: string;
  /** The number its receipt printed (T01-000042). */
  ticket: string;
  ticketNo: number;
  soldAt: string;
  totalCents: number;
  /** What the database said. */
  reason: string;
  rejectedAt: string;
}

/** The journal's refused sales, oldest first (none when the journal has been sent whole). */
export async function listRejected(dir: string, terminalCode: string): Promise<RejectedSale[]> {
  const [{ records }, refusals] = await Promise.all([readJournal(dir), readRefusals(dir)]);
  const seen = new Set<string>();
  const out: RejectedSale[] = [];
  for (const r of refusals) {
    if (!r || typeof r.key !== 'string' || seen.has(r.key)) continue;
    seen.add(r.key);
    const sale = records.find((x) => x.key === r.key);
    out.push({
      key: r.key,
      ticket: sale ? ticketLabel(terminalCode, sale.ticketNo) : '—',
      ticketNo: sale?.ticketNo ?? 0,
      soldAt: sale?.soldAt ?? '',
      totalCents: sale?.request.payment.totalCents ?? 0,
      reason: withoutStatement(String(r.reason ?? '')),
      rejectedAt: String(r.at ?? ''),
    });
  }
  return out;
}

/** The database's words without the statement knex puts before them ("SELECT … - ticket number 7 is not…"). */
function withoutStatement(reason: string): string {
  return reason.replace(/^(SELECT|INSERT|UPDATE|DELETE|WITH)\b[\s\S]*? - /, '');
}

/** How many: the status line's count. */
export async function countRejected(dir: string): Promise<number> {
  return (await readJournal(dir)).rejected.size;
}

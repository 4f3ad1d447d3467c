import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { allClosings, periodBounds } from '../../../data/closings';
import { canonicalClosing } from '../../../domain/closings/record';
import { periodOf } from '../../../domain/closings/period';
import { chainOf } from '../../closings/heads';
import { signText, storeKey } from '../../closings/keys';
import { refuse } from '../../errors';
import { SOFTWARE } from '../../software';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archiveText, type ArchiveBody, type ArchiveChain, type ArchiveClosing, type ArchiveFile } from './format';

// Making a period's archive: for each till of the store, every link of each sealed chain
// (tickets, technical journal, notes, training tickets) from the first to the last of those
// whose record is dated in the month (a ticket by its time of sale, an event by its time: a sale
// made through an outage is sealed later, a link of another month between is kept so the chain
// stays whole), with its record and seal; the store's closings whose period ends in the month (its days, the month, a year
// ending then) with their canonical text, hash and signature; all signed by the store's key.

export interface ArchiveRequest {
  storeId: number;
  /** YYYY-MM */
  period: string;
  timeZone: string;
  now: Date;
}

export interface MadeArchive {
  text: string;
  body: ArchiveBody;
  sha256: string;
}

/** The month of `--period`: its first and last days, or refused. */
export function monthOf(text: string): { firstDay: string; lastDay: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return refuse('archive.badPeriod', { period: text });
  const p = periodOf('month', `${m[1]}-${m[2]}-01`, 1);
  return { firstDay: p.firstDay, lastDay: p.lastDay };
}

/** Where each chain's sealed things are dated. */
const DATED: Record<string, { table: string; at: string }> = {
  ticket: { table: 'sales', at: 'created_at' },
  training: { table: 'sales', at: 'created_at' },
  jet: { table: 'journal_events', at: 'at' },
  note: { table: 'pro_forma_notes', at: 'created_at' },
};

const PAGE_SQL = `
  SELECT f.seq, f.version, f.ref_id, pos_utc(f.sealed_at) AS sealed_at, f.record, f.prev_hash, f.hash,
         CASE WHEN f.chain IN ('ticket', 'training') THEN (SELECT s.ticket_no FROM sales s WHERE s.id = f.ref_id) END AS ticket_no
    FROM fiscal_seals f
   WHERE f.chain = ? AND f.terminal_id = ? AND f.seq BETWEEN ? AND ?
   ORDER BY f.seq`;

export async function makeArchive(db: Knex, req: ArchiveRequest): Promise<MadeArchive> {
  const month = monthOf(req.period);
  const { start, end } = await periodBounds(db, month.firstDay, month.lastDay, req.timeZone);
  const store = await db('stores').where('id', req.storeId).first('id', 'code', 'name');
  const tills = new Set((await db('terminals').where('store_id', req.storeId).select('id')).map((r: { id: number }) => r.id));
  const key = await storeKey(db, req.storeId);
  // One snapshot: the chains and closings as of one instant.
  return db.transaction(async (trx) => {
    await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const chains: ArchiveChain[] = [];
    const names = (await trx('fiscal_seals').distinct('chain').orderBy('chain')).map((r: { chain: string }) => r.chain);
    for (const name of names) {
      const dated = DATED[name];
      if (!dated) continue;
      const { rows: scopes } = await trx.raw<{ rows: { terminal_id: number; code: string; first: string; last: string }[] }>(
        `SELECT f.terminal_id, t.code, min(f.seq) AS first, max(f.seq) AS last
           FROM fiscal_seals f JOIN ${dated.table} x ON x.id = f.ref_id JOIN terminals t ON t.id = f.terminal_id
          WHERE f.chain = ? AND x.${dated.at} >= ? AND x.${dated.at} < ?
          GROUP BY f.terminal_id, t.code ORDER BY t.code`,
        [name, start, end],
      );
      for (const scope of scopes) {
        if (!tills.has(scope.terminal_id)) continue;
        const { rows } = await trx.raw<{ rows: Record<string, any>[] }>(PAGE_SQL, [name, scope.terminal_id, scope.first, scope.last]);
        chains.push({
          chain: name, terminalId: scope.terminal_id, terminal: scope.code,
          links: rows.map((r) => ({ seq: Number(r.seq), version: r.version, refId: Number(r.ref_id), ticketNo: r.ticket_no === null ? null : Number(r.ticket_no), sealedAt: r.sealed_at, record: r.record, prevHash: r.prev_hash, hash: r.hash })),
        });
      }
    }
    const closings: ArchiveClosing[] = (await allClosings(trx))
      .filter((c) => c.storeId === req.storeId && c.lastDay >= month.firstDay && c.lastDay <= month.lastDay)
      .map((c) => ({
        chain: chainOf(c), seq: c.seq, kind: c.kind, firstDay: c.firstDay, lastDay: c.lastDay, totalCents: c.totals.totalCents, perpetualCents: c.perpetualCents,
        record: canonicalClosing(c), prevHash: c.prevHash, hash: c.hash, signature: c.signature, keyId: c.keyId,
      }));
    const body: ArchiveBody = {
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, software: { name: SOFTWARE.name, version: SOFTWARE.version },
      store: { id: store.id, code: store.code, name: store.name }, period: req.period.trim(), timeZone: req.timeZone,
      from: start.toISOString(), to: end.toISOString(), madeAt: req.now.toISOString(), keyId: key.keyId, chains, closings,
    };
    const bodyText = JSON.stringify(body);
    const sha256 = createHash('sha256').update(bodyText, 'utf8').digest('hex');
    const file: ArchiveFile = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, keyId: key.keyId, publicKey: key.publicKey, sha256, signature: signText(key, bodyText), body: bodyText };
    return { text: archiveText(file), body, sha256 };
  });
}

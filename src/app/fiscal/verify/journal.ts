import { EVENT_FORMATS, firstDifference, type EventFacts } from '../records';
import { chainScopes, checkHeads, walkChain, type StoredLink } from './chain';
import type { Break, Verifier } from './types';

interface EventLink extends StoredLink {
  facts: EventFacts | null;
}

const PAGE_SQL = `
  SELECT f.seq, f.version, f.ref_id, f.record, f.prev_hash, f.hash,
         e.id, e.terminal_id, pos_utc(e.at) AS time_utc, e.kind, e.operator_id, e.sale_id, e.details::text AS details_json
    FROM fiscal_seals f
    LEFT JOIN journal_events e ON e.id = f.ref_id
   WHERE f.chain = 'jet' AND f.terminal_id = ? AND f.seq > ? AND f.seq <= ?
   ORDER BY f.seq
   LIMIT ?`;

interface PageRow {
  seq: number; version: number; ref_id: number; record: string; prev_hash: string; hash: string;
  id: number | null; terminal_id: number; time_utc: string; kind: string; operator_id: number | null; sale_id: number | null; details_json: string;
}

/** Each till's technical journal: the chain, and every record against its event's row now. */
export const verifyJournal: Verifier = async (db, opts) => {
  const breaks: Break[] = [];
  for (const scope of await chainScopes(db, 'jet', opts)) {
    const page = async (after: number, upTo: number, limit: number): Promise<EventLink[]> => {
      const { rows } = await db.raw<{ rows: PageRow[] }>(PAGE_SQL, [scope.terminalId, after, upTo, limit]);
      return rows.map((r) => ({
        seq: Number(r.seq), version: r.version, refId: Number(r.ref_id), record: r.record, prevHash: r.prev_hash, hash: r.hash,
        facts: r.id === null ? null : { id: Number(r.id), terminalId: r.terminal_id, timeUtc: r.time_utc, kind: r.kind, operatorId: r.operator_id, saleId: r.sale_id, detailsJson: r.details_json },
      }));
    };
    breaks.push(...(await walkChain(scope, page, (link) => {
      const ref = `JET ${scope.terminalCode} #${link.refId}`;
      const params = { terminal: scope.terminalCode, seq: link.seq, ref };
      if (!link.facts) return { kind: 'missing', ref, key: 'fiscal.break.eventMissing', params };
      const format = EVENT_FORMATS.get(link.version);
      if (!format) return { kind: 'changed', ref, field: 'version', key: 'fiscal.break.eventChanged', params: { ...params, field: 'version', sealed: String(link.version), found: '?' } };
      const d = firstDifference(link.record, format.build(link.facts), format.shape);
      if (!d) return null;
      return { kind: 'changed', ref, field: d.field, sealed: d.sealed, found: d.found, key: 'fiscal.break.eventChanged', params: { ...params, field: d.field, sealed: d.sealed, found: d.found } };
    })));
  }
  breaks.push(...(await checkHeads(db, 'jet', opts)));
  return breaks;
};

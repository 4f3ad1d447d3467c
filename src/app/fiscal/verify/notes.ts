import { firstDifference, NOTE_FORMATS, type NoteFacts } from '../records';
import { noteLabel } from '../../../domain/noteDoc';
import { chainScopes, checkHeads, walkChain, type StoredLink } from './chain';
import type { Break, Verifier } from './types';

interface NoteLink extends StoredLink {
  facts: NoteFacts | null;
}

const PAGE_SQL = `
  SELECT f.seq, f.version, f.ref_id, f.record, f.prev_hash, f.hash,
         x.id, x.terminal_id, pos_utc(x.created_at) AS time_utc, x.operator_id, x.customer_id, x.lines::text AS lines_json, x.vat::text AS vat_json, x.total_cents
    FROM fiscal_seals f
    LEFT JOIN pro_forma_notes x ON x.id = f.ref_id
   WHERE f.chain = 'note' AND f.terminal_id = ? AND f.seq > ? AND f.seq <= ?
   ORDER BY f.seq
   LIMIT ?`;

interface PageRow {
  seq: number; version: number; ref_id: number; record: string; prev_hash: string; hash: string;
  id: number | null; terminal_id: number; time_utc: string; operator_id: number; customer_id: number | null; lines_json: string; vat_json: string; total_cents: number;
}

/** Each till's notes (pro forma): the chain, and every record against its note's row now. */
export const verifyNotes: Verifier = async (db, opts) => {
  const breaks: Break[] = [];
  for (const scope of await chainScopes(db, 'note', opts)) {
    const page = async (after: number, upTo: number, limit: number): Promise<NoteLink[]> => {
      const { rows } = await db.raw<{ rows: PageRow[] }>(PAGE_SQL, [scope.terminalId, after, upTo, limit]);
      return rows.map((r) => ({
        seq: Number(r.seq), version: r.version, refId: Number(r.ref_id), record: r.record, prevHash: r.prev_hash, hash: r.hash,
        facts: r.id === null ? null : { id: Number(r.id), terminalId: r.terminal_id, timeUtc: r.time_utc, operatorId: r.operator_id, customerId: r.customer_id, linesJson: r.lines_json, vatJson: r.vat_json, totalCents: r.total_cents },
      }));
    };
    breaks.push(...(await walkChain(scope, page, (link) => {
      const ref = noteLabel(scope.terminalCode, link.seq);
      const params = { terminal: scope.terminalCode, seq: link.seq, ref };
      if (!link.facts) return { kind: 'missing', ref, key: 'fiscal.break.eventMissing', params };
      const format = NOTE_FORMATS.get(link.version);
      if (!format) return { kind: 'changed', ref, field: 'version', key: 'fiscal.break.eventChanged', params: { ...params, field: 'version', sealed: String(link.version), found: '?' } };
      const d = firstDifference(link.record, format.build(link.facts), format.shape);
      if (!d) return null;
      return { kind: 'changed', ref, field: d.field, sealed: d.sealed, found: d.found, key: 'fiscal.break.eventChanged', params: { ...params, field: d.field, sealed: d.sealed, found: d.found } };
    })));
  }
  breaks.push(...(await checkHeads(db, 'note', opts)));
  return breaks;
};

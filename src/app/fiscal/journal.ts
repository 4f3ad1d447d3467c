import type { Db } from '../../data/db';

/**
 * The kinds of the technical event journal (JET). Training mode, exports, archives and closings
 * are written by the features that do them (their hooks: journalEvent with these kinds).
 */
export type JournalKind =
  | 'login'
  | 'logout'
  | 'reprint'
  | 'no_sale'
  | 'price_override'
  | 'config_change'
  | 'training_on'
  | 'training_off'
  | 'export'
  | 'archive'
  | 'closing'
  | 'start'
  | 'version_change'
  | 'anomaly';

export interface JournalEntry {
  terminalId: number;
  kind: JournalKind;
  operatorId?: number | null;
  saleId?: number | null;
  details?: Record<string, unknown>;
}

export interface Journalled {
  id: number;
  seal: string;
  /** As written: a reprint's carry its count. */
  details: Record<string, unknown>;
}

/** One event, sealed in its till's journal; in the caller's transaction when given one (the action's own). */
export async function journalEvent(db: Db, e: JournalEntry): Promise<Journalled> {
  const { rows } = await db.raw<{ rows: { r: { id: number; seal: string; details: Record<string, unknown> } }[] }>(
    'SELECT pos_journal(?, ?, ?, ?, ?::jsonb) AS r',
    [e.terminalId, e.kind, e.operatorId ?? null, e.saleId ?? null, JSON.stringify(e.details ?? {})],
  );
  const r = rows[0]!.r;
  return { id: Number(r.id), seal: r.seal, details: r.details };
}

import type { Db } from '../../data/db';
import type { MessageKey } from '../../i18n/messages';

/**
 * One invariant found broken: `key` names its message, `params` fill it, `money` holds the
 * amounts in cents (formatted in the reader's language when said, as refusals are).
 */
export interface Break {
  /** The invariant, stable for scripts: "voucher.balance", "ticket.gap"… */
  invariant: string;
  key: MessageKey;
  params: Record<string, string | number>;
  money?: Record<string, number>;
}

/** What one family of checks read (how many rows of each kind) and what it found broken. */
export interface FamilyResult {
  counts: Record<string, number>;
  breaks: Break[];
}

/** A family reads with one statement per table where it can, so it sees one snapshot. */
export type Family = (db: Db) => Promise<FamilyResult>;

/** Numbers from PostgreSQL's bigint and numeric arrive as strings. */
export const num = (v: unknown): number => Number(v);

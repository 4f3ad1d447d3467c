import type { Knex } from 'knex';
import { verifyJournal } from './journal';
import { verifyNotes } from './notes';
import { verifyTickets } from './tickets';
import type { Break, Verifier, VerifyOptions } from './types';

export type { Break, ChainHead, Verifier, VerifyOptions } from './types';
export { chainHeads } from './chain';

/** Every chain `pos verify` checks; the closings' verifier joins this list. */
export const VERIFIERS: readonly Verifier[] = [verifyTickets, verifyJournal, verifyNotes];

export interface VerifyResult {
  ok: boolean;
  /** How many links the period holds, all chains together. */
  links: number;
  breaks: Break[];
}

/** Runs each verifier in turn (one connection at a time: a long read leaves the tills the rest). */
export async function verifyChains(db: Knex, opts: VerifyOptions = {}, verifiers: readonly Verifier[] = VERIFIERS): Promise<VerifyResult> {
  const breaks: Break[] = [];
  for (const v of verifiers) breaks.push(...(await v(db, opts)));
  const { rows } = await db.raw<{ rows: { n: number }[] }>(
    `SELECT count(*)::int AS n FROM fiscal_seals f JOIN terminals t ON t.id = f.terminal_id
      WHERE (:terminal::text IS NULL OR t.code = :terminal)
        AND (:from::timestamptz IS NULL OR f.sealed_at >= :from) AND (:to::timestamptz IS NULL OR f.sealed_at < :to)`,
    { terminal: opts.terminal ?? null, from: opts.from ?? null, to: opts.to ?? null },
  );
  return { ok: breaks.length === 0, links: rows[0]!.n, breaks };
}

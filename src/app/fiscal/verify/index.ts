import type { Knex } from 'knex';
import { readHeads } from '../../closings/heads';
import { verifyClosingChains } from './closings';
import { verifyJournal } from './journal';
import { verifyNotes } from './notes';
import { verifyTickets, verifyTrainingTickets } from './tickets';
import type { Break, Verifier, VerifyOptions } from './types';

export type { Break, ChainHead, Verifier, VerifyOptions } from './types';
export { chainHeads } from './chain';

/** Every chain `pos verify` checks. */
export const VERIFIERS: readonly Verifier[] = [verifyTickets, verifyTrainingTickets, verifyJournal, verifyNotes, verifyClosingChains];

export interface VerifyResult {
  ok: boolean;
  /** How many links the period holds, all chains together (closings too). */
  links: number;
  breaks: Break[];
}

/** Runs each verifier in turn (one connection at a time: a long read leaves the tills the rest). */
export async function verifyChains(db: Knex, opts: VerifyOptions = {}, verifiers: readonly Verifier[] = VERIFIERS): Promise<VerifyResult> {
  const breaks: Break[] = [];
  // The sealed chains' heads in the heads file are expected like heads given by hand (the
  // closings' verifier checks the file's signature and its closing heads).
  const file = opts.headsFile ? await readHeads(db, opts.headsFile) : null;
  if (file) opts = { ...opts, expectedHeads: [...(opts.expectedHeads ?? []), ...file.doc.seals] };
  for (const v of verifiers) breaks.push(...(await v(db, opts)));
  const { rows } = await db.raw<{ rows: { n: number }[] }>(
    `SELECT (SELECT count(*)::int FROM fiscal_seals f JOIN terminals t ON t.id = f.terminal_id
              WHERE (:terminal::text IS NULL OR t.code = :terminal)
                AND (:from::timestamptz IS NULL OR f.sealed_at >= :from) AND (:to::timestamptz IS NULL OR f.sealed_at < :to))
          + (SELECT count(*)::int FROM closings c LEFT JOIN terminals t ON t.id = c.terminal_id
              WHERE (:terminal::text IS NULL OR t.code = :terminal OR c.terminal_id IS NULL)
                AND (:from::timestamptz IS NULL OR c.period_end > :from) AND (:to::timestamptz IS NULL OR c.period_start < :to)) AS n`,
    { terminal: opts.terminal ?? null, from: opts.from ?? null, to: opts.to ?? null },
  );
  return { ok: breaks.length === 0, links: rows[0]!.n, breaks };
}

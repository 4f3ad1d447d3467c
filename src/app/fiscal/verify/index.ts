import type { Knex } from 'knex';
import { verifyTickets } from './tickets';
import type { Break, Verifier, VerifyOptions } from './types';

export type { Break, ChainHead, Verifier, VerifyOptions } from './types';
export { chainHeads } from './chain';

/** Every chain `pos verify` checks; the closings' verifier joins this list. */
export const VERIFIERS: readonly Verifier[] = [verifyTickets];

export interface VerifyResult {
  ok: boolean;
  breaks: Break[];
}

/** Runs each verifier in turn (one connection at a time: a long read leaves the tills the rest). */
export async function verifyChains(db: Knex, opts: VerifyOptions = {}, verifiers: readonly Verifier[] = VERIFIERS): Promise<VerifyResult> {
  const breaks: Break[] = [];
  for (const v of verifiers) breaks.push(...(await v(db, opts)));
  return { ok: breaks.length === 0, breaks };
}

import type { Db } from '../../data/db';
import { chainHeads } from '../fiscal/verify/chain';
import type { ChainHead } from '../fiscal/verify/types';

// The heads of the sealed chains (each till's tickets, technical journal, notes, training
// tickets) as the heads file and each Z carry them beside the closing heads: the fiscal seal's
// own heads (fiscal_heads), only the store's tills. A head written out may be passed by later
// links (the journal moves on after the Z): the verifier only asks that the link it names is
// still there with that seal.

export type SealHead = ChainHead;

/** The store's sealed chain heads, read in the caller's transaction. */
export async function sealHeads(db: Db, storeId: number): Promise<SealHead[]> {
  const tills = new Set((await db('terminals').where('store_id', storeId).select('id')).map((r: { id: number }) => r.id));
  return (await chainHeads(db, undefined)).filter((h) => tills.has(h.terminalId));
}

// The books of every balance, checked against their ledgers, for the race tests to end with:
// the same checks `pos check` runs (src/app/check), said in English, one line each, prefixed
// by the invariant's name. A feature with a balance adds its check there, not here.
import { breakText, checkDatabase } from '../app/check/check';
import type { Db } from '../data/db';

/** Every disagreement between a balance and its ledger, named; [] when the books are right. */
export async function ledgerMismatches(db: Db): Promise<string[]> {
  const { breaks } = await checkDatabase(db, ['ledgers']);
  return breaks.map((b) => `${b.invariant}: ${breakText(b, 'en')}`);
}

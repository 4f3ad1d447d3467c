import type { Knex } from 'knex';
import { verifyChains, type Break } from '../app/fiscal/verify';

/**
 * What `pos verify` finds once `damage` is done behind the till's back as the owner; the
 * damage is rolled back after, so the next test finds the chains whole.
 */
export async function breaksAfter(owner: Knex, damage: (trx: Knex.Transaction) => Promise<unknown>): Promise<Break[]> {
  let breaks: Break[] = [];
  await owner
    .transaction(async (trx) => {
      await damage(trx);
      breaks = (await verifyChains(trx as unknown as Knex)).breaks;
      await trx.rollback();
    })
    .catch((e: unknown) => {
      if (e !== undefined) throw e;
    });
  return breaks;
}

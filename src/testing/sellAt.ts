import type { Knex } from 'knex';
import { closeTicketBlock, reserveTicketBlock } from '../data/ticketBlocks';
import { terminal, saleRequest } from './fixtures';
import type { TenderKind } from '../domain/tender';
import { commitSale, type CommitResult } from '../app/commitSale';
import type { SalePolicy } from '../app/saleEffects';

/**
 * For tests: a sale dated `at` (a past instant: the database dates a ticket by its own clock
 * otherwise), committed the way a sale made through an outage is, from a reserved block: its
 * own, or `ticketNo` of a block the caller reserved (sales of one till at once: a till has one
 * open block at a time). `training`: made in training mode (as the till says for a sale sent late).
 */
export async function sellAt(db: Knex, code: string, at: string, lines: [string, number][], opts: { tenders?: [TenderKind, number | null][]; policy?: SalePolicy; ticketNo?: number; training?: boolean } = {}): Promise<CommitResult> {
  const t = await terminal(db, code);
  const block = opts.ticketNo === undefined ? await reserveTicketBlock(db, t.id, 10) : null;
  const req = await saleRequest(db, { terminal: t, lines, tenders: opts.tenders });
  try {
    return await commitSale(db, { ...req, ...(opts.training && { training: true }), offline: { ticketNo: opts.ticketNo ?? block!.firstNo, soldAt: new Date(at).toISOString() } }, { receipt: false, policy: opts.policy });
  } finally {
    if (block) await closeTicketBlock(db, block.id);
  }
}

import type { Knex } from 'knex';
import { isConnectionError } from '../../data/db';
import { closeTicketBlock, isBlockOpen, reserveTicketBlock } from '../../data/ticketBlocks';
import { commitSale } from '../commitSale';
import { unspool } from '../spool';
import { replayAuth } from './signIn';
import { archiveJournal, markRejected, markReplayed, pendingOf, readBlock, readJournal, withJournal, writeBlock } from './journal';

export interface JournalReplay {
  /** Offline sales the database has now (their receipts came out at the till: none is printed again). */
  committed: number;
  /** Still in the journal: the database is unreachable. */
  waiting: number;
  /** Refused by the database (kept in the journal, listed in rejected.jsonl, for a manager). */
  rejected: { key: string; error: unknown }[];
  /** Numbers of the closed blocks no sale took, written as void. */
  voided: number;
  /**
   * Sales the database had already under another number: an online commit whose answer was
   * lost before the till went offline. One ticket all the same; the number printed is voided.
   */
  renumbered: { key: string; printed: number; committed: number }[];
  /** Sign-ins and PIN refusals made offline, written to the audit log now (signIn.ts). */
  audited: number;
  /** Why they could not be written (they wait in auth.jsonl), if so. */
  auditError?: string;
}

/**
 * Sends the journal's sales not yet in the database, oldest first, each under its key (a sale
 * sent before the till died is found, not written twice) with the number its receipt shows,
 * and its print job recorded as printed. The database away stops the pass: the rest wait.
 * Once every sale is in, the blocks they came from are closed (their unused numbers voided)
 * and the journal is archived (closeAndArchive). No stock policy: goods sold offline have left the shop, a sale
 * is never refused for the stock it took. `spoolDir`: the sale screen's spool, whose copy of a journaled
 * sale is dropped first (it must not be sent under a new number).
 */
export async function replayJournal(db: Knex, dir: string, spoolDir?: string): Promise<JournalReplay> {
  const out: JournalReplay = { committed: 0, waiting: 0, rejected: [], voided: 0, renumbered: [], audited: 0 };
  // Who signed in, and the PINs refused, first. A line the database will not take must not hold
  // the sales back: it stays in auth.jsonl (said to the caller), the sales go on.
  try {
    out.audited = await replayAuth(db, dir);
  } catch (error) {
    if (isConnectionError(error)) throw error;
    out.auditError = error instanceof Error ? error.message : String(error);
  }
  // Sent without holding the journal: a sale made meanwhile (the server away again) is written
  // at once, not after this pass's time-outs. Sending twice is harmless: the key finds the ticket.
  const state = await readJournal(dir);
  if (state.records.length === 0) return out;
  if (spoolDir) for (const r of state.records) await unspool(spoolDir, r.key);
  const pending = pendingOf(state);
  for (const [i, record] of pending.entries()) {
    try {
      const result = await commitSale(db, record.request, { printedReceipt: record.receipt });
      await markReplayed(dir, record.key, result.sale.id, result.sale.ticketNo);
      if (result.sale.ticketNo !== record.ticketNo) out.renumbered.push({ key: record.key, printed: record.ticketNo, committed: result.sale.ticketNo });
      out.committed += 1;
    } catch (error) {
      if (isConnectionError(error)) {
        out.waiting = pending.length - i;
        return out;
      }
      await markRejected(dir, record.key, error instanceof Error ? error.message : String(error));
      out.rejected.push({ key: record.key, error });
    }
  }
  out.voided = await withJournal(dir, () => closeAndArchive(db, dir));
  return out;
}

/**
 * Once every sale of the journal is in (read again, under the journal's lock: one written
 * meanwhile is not), the blocks they numbered are closed, first here (no offline sale takes a
 * number from a block being closed), then in the database; then a new journal begins. With a
 * sale refused, the blocks stay open until a manager sees to it. Returns the numbers voided.
 */
async function closeAndArchive(db: Knex, dir: string): Promise<number> {
  const state = await readJournal(dir);
  if (state.records.length === 0 || state.rejected.size > 0 || pendingOf(state).length > 0) return 0;
  const local = await readBlock(dir);
  const used = new Set(state.records.map((r) => r.blockId));
  if (local && !local.closing && used.has(local.block.id)) await writeBlock(dir, { ...local, closing: true });
  let voided = 0;
  for (const id of used) voided += await closeTicketBlock(db, id);
  await archiveJournal(dir);
  return voided;
}

/**
 * The till's block for the next outage, reserved now if it has none open (or sold from a
 * block being closed), with what its receipts print that only the server knows. Called while
 * the server answers.
 */
export async function ensureBlock(db: Knex, dir: string, terminal: { id: number; storeId: number }, size: number): Promise<void> {
  const local = await readBlock(dir);
  if (local && !local.closing && (await isBlockOpen(db, local.block.id))) return;
  const block = await reserveTicketBlock(db, terminal.id, size);
  const store = await db('stores').where({ id: terminal.storeId }).first('address');
  await withJournal(dir, async () => {
    // A replay may have begun closing that very block meanwhile: the next pass reserves anew.
    const now = await readBlock(dir);
    if (now?.closing && now.block.id === block.id) return;
    await writeBlock(dir, { block, storeAddress: (store?.address as string[] | undefined) ?? [] });
  });
}

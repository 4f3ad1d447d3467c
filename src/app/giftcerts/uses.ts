import { createHash } from 'node:crypto';
import { insertUseRow, lockCertificate, lockUse, useRows, type NewUseRow, type UseRow, type UseRowRead } from '../../data/giftcerts';
import type { Db } from '../../data/db';
import { useState, type UseState } from '../../domain/giftcert';
import { refuse } from '../errors';

/** Who does it and where: the till (or the command's terminal) and its operator. */
export interface UsePlace {
  storeId: number;
  terminalId: number | null;
  operatorId: number | null;
}

/** How a code is found again in our ledger without being kept there. */
export function codeHash(provider: string, code: string): string {
  return createHash('sha256').update(`${provider}:${code.toUpperCase()}`).digest('hex');
}

export function stateOf(rows: readonly UseRow[]): UseState {
  return useState(rows.map((r) => r.kind));
}

/** A use's rows, or a refusal naming it when it is unknown. */
export async function useOrRefuse(db: Db, useId: number): Promise<UseRowRead[]> {
  const rows = await useRows(db, useId);
  if (rows.length === 0) refuse('giftcert.use.unknown', { use: useId });
  return rows;
}

/**
 * Appends a row to a use, under the use's lock, if the use stands where `from` says (a
 * compensation and a ticket never both claim one debit); otherwise refuses, saying where it
 * stands. Returns the rows as they were before.
 */
export async function appendToUse(db: Db, useId: number, from: readonly UseState[], row: Omit<NewUseRow, 'useId'>): Promise<UseRow[]> {
  return db.transaction(async (trx) => {
    await lockUse(trx, useId);
    const rows = await useOrRefuse(trx, useId);
    const state = stateOf(rows);
    if (!from.includes(state)) refuse(`giftcert.use.${state}`, { use: useId });
    await insertUseRow(trx, { ...row, useId });
    return rows;
  });
}

/**
 * Runs a read-write-read of one certificate while no other of our tills does the same to it:
 * the provider has no conditional write, so two tills reading the same balance would each
 * write theirs and one debit would be lost. The lock is held in a transaction of its own
 * (idle during the calls, at most a few time-outs long); the ledger rows are written outside
 * it, so they stand whatever happens to it. A use of the certificate online is not stopped by
 * it: the balance read back tells of those.
 */
export async function oneWriterAtATime<T>(db: Db, provider: string, certificateId: string, work: () => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await lockCertificate(trx, provider, certificateId);
    return work();
  });
}

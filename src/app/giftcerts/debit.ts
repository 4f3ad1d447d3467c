import { insertUseRow } from '../../data/giftcerts';
import type { Db } from '../../data/db';
import { certificateDay, spendRefusal, type ExternalCertificate } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';
import { refuse } from '../errors';
import type { GiftCertProvider } from './provider';
import { ask, providerRefusal } from './refusals';
import { appendToUse, codeHash, oneWriterAtATime, type UsePlace } from './uses';
import { writeBalance } from './write';

export interface DebitRequest {
  certificateId: string;
  amountCents: Cents;
  /** The basket's idempotency key: which sale the debit was made for. */
  saleKey: string | null;
  place: UsePlace;
  currency: string;
  timeZone: string;
  timeoutMs: number;
  now?: Date;
}

export interface Debit {
  useId: number;
  certificate: ExternalCertificate;
  beforeCents: Cents;
  writtenCents: Cents;
  /** As read back; null when it could not be read. */
  afterCents: Cents | null;
  mismatch: boolean | null;
}

/** Says why a certificate cannot pay, or nothing. */
export function refuseUnspendable(cert: ExternalCertificate, now: Date, currency: string, timeZone: string): void {
  const why = spendRefusal(cert, now, currency);
  if (!why) return;
  if (why.key === 'giftcert.status') refuse(`giftcert.status.${why.status}`);
  if (why.key === 'giftcert.expired') refuse('giftcert.expired', { date: certificateDay(why.expiresAt, timeZone) });
  if (why.key === 'giftcert.currency') refuse('giftcert.currency', { currency: why.currency });
  refuse('giftcert.empty');
}

/**
 * Takes an amount from a certificate, as a card terminal would approve a payment: outside the
 * sale's transaction (the provider cannot be part of it), at the moment the cashier confirms.
 * The certificate is read afresh (while no other of our tills writes it) and checked; the debit is announced in our ledger before the
 * provider is asked (a till killed during the call leaves a use `pos giftcert pending` finds);
 * then its outcome is recorded, with the balance read back. Nothing is taken, and the cashier
 * is told why, when the provider refuses, fails or does not answer in time; when its answer
 * was lost and the balance cannot tell, the use waits in `pending` and nothing is paid.
 */
export async function debitCertificate(db: Db, provider: GiftCertProvider, req: DebitRequest): Promise<Debit> {
  return oneWriterAtATime(db, provider.name, req.certificateId, () => debit(db, provider, req));
}

async function debit(db: Db, provider: GiftCertProvider, req: DebitRequest): Promise<Debit> {
  const cert = await ask(req.timeoutMs, () => provider.get(req.certificateId));
  refuseUnspendable(cert, req.now ?? new Date(), req.currency, req.timeZone);
  if (req.amountCents > cert.balanceCents) refuse('giftcert.balanceChanged', {}, { balance: cert.balanceCents });
  const beforeCents = cert.balanceCents;
  const writtenCents = beforeCents - req.amountCents;
  const { place } = req;
  const useId = await insertUseRow(db, {
    kind: 'debit', provider: provider.name, certificateId: cert.id, codeHash: codeHash(provider.name, cert.code), codeLast4: cert.code.slice(-4),
    amountCents: req.amountCents, balanceBeforeCents: beforeCents, balanceWrittenCents: writtenCents, saleKey: req.saleKey, ...place,
  });
  const outcome = await writeBalance(provider, cert, writtenCents);
  if (outcome.kind === 'notApplied') {
    await appendToUse(db, useId, ['sending'], { kind: 'not_debited', reason: outcome.error.failure, ...place });
    throw providerRefusal(outcome.error, req.timeoutMs);
  }
  if (outcome.kind === 'unknown') refuse('giftcert.debitUnknown', { use: useId });
  await appendToUse(db, useId, ['sending'], { kind: 'debited', balanceAfterCents: outcome.afterCents, mismatch: outcome.mismatch, ...place });
  return { useId, certificate: cert, beforeCents, writtenCents, afterCents: outcome.afterCents, mismatch: outcome.mismatch };
}

import type { Config } from '../../config/schema';
import { useRows, type UseRowRead } from '../../data/giftcerts';
import type { Db } from '../../data/db';
import type { Terminal } from '../../data/places';
import { canRecredit, outcomeFromBalance } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';
import { refuse } from '../errors';
import type { Operator } from '../session';
import type { GiftCertProvider } from './provider';
import { giftcertProvider } from './providers';
import { ask, providerRefusal } from './refusals';
import { appendToUse, oneWriterAtATime, stateOf, useOrRefuse, type UsePlace } from './uses';
import { writeBalance } from './write';

export interface RecreditRequest {
  useId: number;
  /** `removed`: the cashier took the payment off (F4); `pending`: a debit left without a ticket, given back from `pos giftcert pending`. */
  reason: 'removed' | 'pending';
  place: UsePlace;
  timeoutMs: number;
}

export interface Recredit {
  useId: number;
  codeLast4: string;
  amountCents: Cents;
  beforeCents: Cents;
  writtenCents: Cents;
  afterCents: Cents | null;
  mismatch: boolean | null;
}

/**
 * A use whose announced write has no outcome (its till died, or the answer was lost and the
 * balance could not tell): the balance now decides, when it is the one written or the one
 * started from, and the outcome is recorded. A write may still be under way on its till, so a
 * use is judged only once its calls have surely ended (three time-outs after it was announced).
 */
export async function settleUnknown(db: Db, provider: GiftCertProvider, rows: UseRowRead[], place: UsePlace, timeoutMs: number): Promise<UseRowRead[]> {
  const state = stateOf(rows);
  if (state !== 'sending' && state !== 'recrediting') return rows;
  const head = rows[0]!;
  const intent = rows.filter((r) => r.kind === (state === 'sending' ? 'debit' : 'recredit')).at(-1)!;
  const { rows: [clock] } = (await db.raw('SELECT now() AS now')) as { rows: { now: Date }[] };
  if (clock!.now.getTime() - intent.at.getTime() < 3 * timeoutMs + 1000) refuse('giftcert.useInFlight', { use: head.id });
  const cert = await ask(timeoutMs, () => provider.get(head.certificateId!));
  const outcome = outcomeFromBalance(intent.balanceBeforeCents!, intent.balanceWrittenCents!, cert.balanceCents);
  if (outcome === 'unknown') refuse('giftcert.cannotTell', { use: head.id }, { before: intent.balanceBeforeCents!, written: intent.balanceWrittenCents!, now: cert.balanceCents });
  const applied = outcome === 'applied';
  const kind = state === 'sending' ? (applied ? 'debited' : 'not_debited') : applied ? 'recredited' : 'not_recredited';
  await appendToUse(db, head.id, [state], { kind, reason: 'checked', ...(applied && { balanceAfterCents: cert.balanceCents, mismatch: false }), ...place });
  return useRows(db, head.id);
}

/**
 * Gives back to the certificate what a use took (a compensation: the debit cannot be undone
 * inside our transaction). Only a debit on no ticket can be given back: what paid a sale is
 * never credited back onto a certificate (a refund of it is a store-credit voucher or cash).
 * The compensation is announced, written, read back and recorded like the debit; a balance
 * that would pass what the certificate was worth is left to a person (given back already?).
 */
export async function recreditUse(db: Db, provider: GiftCertProvider, req: RecreditRequest): Promise<Recredit> {
  const [head] = await useOrRefuse(db, req.useId);
  // A use made through another provider is that provider's to give back.
  if (head!.provider !== provider.name) refuse('giftcert.notConfigured');
  return oneWriterAtATime(db, provider.name, head!.certificateId!, () => recredit(db, provider, req));
}

async function recredit(db: Db, provider: GiftCertProvider, req: RecreditRequest): Promise<Recredit> {
  const { useId, place, timeoutMs } = req;
  const rows = await settleUnknown(db, provider, await useOrRefuse(db, useId), place, timeoutMs);
  const state = stateOf(rows);
  if (!canRecredit(state)) refuse(`giftcert.use.${state}`, { use: useId });
  const head = rows[0]!;
  const amountCents = head.amountCents!;
  const cert = await ask(timeoutMs, () => provider.get(head.certificateId!));
  const writtenCents = cert.balanceCents + amountCents;
  if (writtenCents > cert.amountCents) refuse('giftcert.recreditAboveValue', { use: useId }, { balance: cert.balanceCents, value: cert.amountCents, amount: amountCents });
  await appendToUse(db, useId, ['debited'], { kind: 'recredit', amountCents, balanceBeforeCents: cert.balanceCents, balanceWrittenCents: writtenCents, reason: req.reason, ...place });
  const outcome = await writeBalance(provider, cert, writtenCents);
  if (outcome.kind === 'notApplied') {
    await appendToUse(db, useId, ['recrediting'], { kind: 'not_recredited', reason: outcome.error.failure, ...place });
    throw providerRefusal(outcome.error, timeoutMs);
  }
  if (outcome.kind === 'unknown') refuse('giftcert.recreditUnknown', { use: useId });
  await appendToUse(db, useId, ['recrediting'], { kind: 'recredited', balanceAfterCents: outcome.afterCents, mismatch: outcome.mismatch, ...place });
  return { useId, codeLast4: head.codeLast4!, amountCents, beforeCents: cert.balanceCents, writtenCents, afterCents: outcome.afterCents, mismatch: outcome.mismatch };
}

/** `pos giftcert recredit`: a debit left on no ticket, given back with a manager's approval, booked to this till. */
export async function recreditPending(db: Db, config: Config, terminal: Terminal, manager: Operator, useId: number): Promise<Recredit> {
  const provider = giftcertProvider(config) ?? refuse('giftcert.notConfigured');
  return recreditUse(db, provider, { useId, reason: 'pending', place: { storeId: terminal.storeId, terminalId: terminal.id, operatorId: manager.id }, timeoutMs: config.giftcerts.bigcommerce.timeoutMs });
}

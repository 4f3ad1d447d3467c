import { outcomeFromBalance, type ExternalCertificate } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';
import { ProviderError, type GiftCertProvider } from './provider';

export type WriteOutcome =
  | { kind: 'applied'; afterCents: Cents | null; mismatch: boolean | null }
  | { kind: 'notApplied'; error: ProviderError }
  | { kind: 'unknown'; error: ProviderError };

/** The certificate as the provider has it now, or null when it cannot say. */
export async function readAgain(provider: GiftCertProvider, id: string): Promise<ExternalCertificate | null> {
  try {
    return await provider.get(id);
  } catch (e) {
    if (e instanceof ProviderError) return null;
    throw e;
  }
}

/**
 * Sets a certificate's balance, then reads it back. The provider writes whatever it is sent:
 * a use by someone else just after our write shows as a balance read back that is not the one
 * written (`mismatch`: the ledger keeps it and the cashier is told). When the answer to the
 * write is lost (a time-out, a 5xx), the balance read afterwards tells whether it took place:
 * the one written, or the one we started from (unless the write may still be on its way);
 * anything else stays unknown. A refusal (4xx, 503) means nothing was written.
 */
export async function writeBalance(provider: GiftCertProvider, cert: ExternalCertificate, writtenCents: Cents): Promise<WriteOutcome> {
  try {
    await provider.setBalance(cert, writtenCents);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    if (e.applied === 'no') return { kind: 'notApplied', error: e };
    const now = await readAgain(provider, cert.id);
    const outcome = now ? outcomeFromBalance(cert.balanceCents, writtenCents, now.balanceCents) : 'unknown';
    if (outcome === 'applied') return { kind: 'applied', afterCents: now!.balanceCents, mismatch: false };
    // A write perhaps still on its way may land after this read: only later can it be told (pending).
    if (outcome === 'notApplied' && e.applied === 'inFlight') return { kind: 'unknown', error: e };
    return { kind: outcome, error: e };
  }
  const back = await readAgain(provider, cert.id);
  return { kind: 'applied', afterCents: back?.balanceCents ?? null, mismatch: back ? back.balanceCents !== writtenCents : null };
}

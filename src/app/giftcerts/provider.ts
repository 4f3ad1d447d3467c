import type { ExternalCertificate } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';

/**
 * An outside system that keeps gift certificates (BigCommerce today). It reads and writes
 * balances and nothing more: it has no conditional debit, so the till reads, checks, writes and
 * reads back (write.ts), and keeps its own ledger of what it did (src/data/giftcerts.ts).
 */
export interface GiftCertProvider {
  /** Stored in our ledger with each use: `bigcommerce`. */
  readonly name: string;
  /** By its code as the customer gives it; null when the provider knows none. */
  findByCode(code: string): Promise<ExternalCertificate | null>;
  /** Read again by the provider's id; a certificate gone since is a ProviderError `notFound`. */
  get(id: string): Promise<ExternalCertificate>;
  /** Sets the balance (no condition is possible); answers the certificate as the provider now has it. */
  setBalance(cert: ExternalCertificate, balanceCents: Cents): Promise<ExternalCertificate>;
}

export type ProviderFailure = 'auth' | 'notFound' | 'rateLimited' | 'unavailable' | 'timeout' | 'network' | 'badAnswer' | 'refused';

/**
 * What went wrong talking to the provider. `applied` says whether a write may have taken place
 * all the same: `no` for an answer that refuses it (4xx, 503); `unknown` when the server
 * finished without saying (a 500, an answer that cannot be read), so a balance read now tells;
 * `inFlight` when the request may still be under way (a time-out, the connection lost, a
 * gateway's 502/504): a balance read now can show it happened, never that it will not. The
 * message names the call, never the credentials or the certificate's code.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly failure: ProviderFailure,
    readonly applied: 'no' | 'unknown' | 'inFlight',
    readonly status: number | null = null,
    /** A 429's Retry-After, in seconds. */
    readonly retryAfterS: number | null = null,
  ) {
    super(`${provider}: ${failure}${status === null ? '' : ` (HTTP ${status})`}`);
    this.name = 'ProviderError';
  }
}

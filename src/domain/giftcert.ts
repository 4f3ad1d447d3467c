import { MAX_CENTS, type Cents } from './money';

// E-shop gift certificates (chèques-cadeaux de la boutique en ligne): balances kept by an outside
// system (BigCommerce), spent at the till. Their provider speaks decimal strings; everything
// past the adapter speaks integer cents. What happens to a certificate in store is recorded in
// our own ledger (giftcert_uses), one row per step, because the provider keeps no history of
// in-store uses and offers no conditional debit.

export const CERTIFICATE_STATUSES = ['active', 'pending', 'disabled', 'expired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** A certificate as its provider describes it, amounts in cents. */
export interface ExternalCertificate {
  provider: string;
  /** The provider's own id, used to read and write it again. */
  id: string;
  code: string;
  /** What it was worth when bought. */
  amountCents: Cents;
  balanceCents: Cents;
  status: CertificateStatus;
  expiresAt: Date | null;
  /** ISO 4217, when the provider says. */
  currency: string | null;
  toName: string;
  /**
   * What the provider needs sent back with a write (BigCommerce's update requires the names,
   * e-mails and amount again); personal data, kept in memory only.
   */
  writeBack: Readonly<Record<string, string>>;
}

/**
 * A provider's decimal string ("12.5", "500.0000") as cents, or null for anything that is not a
 * plain non-negative decimal worth a whole number of cents: a sign, an exponent, a comma, a
 * space, digits beyond the cent that are not zeros ("12.345"), a bare point, an absurd amount.
 * BigCommerce writes four places ("500.0000"), so zeros past the cent are accepted.
 */
export function decimalToCents(text: string): Cents | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2})(0*))?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_CENTS ? cents : null;
}

/** Cents as the provider writes money: "12.50". */
export function centsToDecimal(cents: Cents): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not an amount of cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * A code is a bearer instrument (whoever knows it can spend it online): screens, receipts and
 * our ledger show its last four characters only.
 */
export function maskCode(code: string): string {
  return `…${code.slice(-4)}`;
}

/** A certificate's last day as the shop reads it: 31/12/2026 in its time zone. */
export function certificateDay(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** What the cashier typed at the certificate prompt: a certificate's code, or `#17`, a debit of ours waiting for its ticket. */
export type CertificateInput = { kind: 'code'; code: string } | { kind: 'use'; useId: number } | { kind: 'invalid' };

export function parseCertificateInput(text: string): CertificateInput {
  const s = text.trim();
  const use = /^#(\d{1,12})$/.exec(s);
  if (use) return Number(use[1]) > 0 ? { kind: 'use', useId: Number(use[1]) } : { kind: 'invalid' };
  return /^[\x21-\x7e]{1,50}$/.test(s) && !s.startsWith('#') ? { kind: 'code', code: s } : { kind: 'invalid' };
}

export type SpendRefusal =
  | { key: 'giftcert.status'; status: CertificateStatus }
  | { key: 'giftcert.expired'; expiresAt: Date }
  | { key: 'giftcert.currency'; currency: string }
  | { key: 'giftcert.empty' };

/** Why a certificate cannot pay now, or null. */
export function spendRefusal(cert: ExternalCertificate, now: Date, currency: string): SpendRefusal | null {
  if (cert.status !== 'active') return { key: 'giftcert.status', status: cert.status };
  if (cert.expiresAt && cert.expiresAt.getTime() <= now.getTime()) return { key: 'giftcert.expired', expiresAt: cert.expiresAt };
  if (cert.currency !== null && cert.currency.toUpperCase() !== currency.toUpperCase()) return { key: 'giftcert.currency', currency: cert.currency };
  if (cert.balanceCents <= 0) return { key: 'giftcert.empty' };
  return null;
}

/**
 * The rows of one use in our ledger. A write to the provider is announced before it is sent
 * (`debit`, `recredit`) and its outcome recorded after (`debited`/`not_debited`,
 * `recredited`/`not_recredited`): a till killed in between leaves a use whose outcome is
 * unknown, which `pos giftcert pending` finds. `sale` links a debit to its ticket.
 */
export const USE_KINDS = ['debit', 'debited', 'not_debited', 'sale', 'recredit', 'recredited', 'not_recredited'] as const;
export type UseKind = (typeof USE_KINDS)[number];

/**
 * - sending: the debit was sent, its outcome never recorded (a till killed, an answer lost)
 * - failed: nothing was taken
 * - debited: taken, and neither on a ticket nor given back (yet)
 * - sold: on a ticket
 * - recrediting: given back, outcome never recorded
 * - recredited: given back
 */
export type UseState = 'sending' | 'failed' | 'debited' | 'sold' | 'recrediting' | 'recredited';

/** Where a use stands after its rows, in the order written. */
export function useState(kinds: readonly UseKind[]): UseState {
  let state: UseState = 'sending';
  for (const k of kinds.slice(1)) {
    if (k === 'debited' || k === 'not_recredited') state = 'debited';
    else if (k === 'not_debited') state = 'failed';
    else if (k === 'sale') state = 'sold';
    else if (k === 'recredit') state = 'recrediting';
    else if (k === 'recredited') state = 'recredited';
  }
  return state;
}

/** What may be done to a use in each state; anything else is refused. */
export function canAttach(state: UseState): boolean {
  return state === 'debited';
}

export function canRecredit(state: UseState): boolean {
  return state === 'debited';
}

/**
 * After a write whose answer never came (a time-out, a 5xx), the balance read afterwards tells
 * what happened, when it can: the balance we wrote, or the one we started from. Anything else
 * (someone else spent it meanwhile) cannot be told apart and stays unknown.
 */
export function outcomeFromBalance(beforeCents: Cents, writtenCents: Cents, readCents: Cents): 'applied' | 'notApplied' | 'unknown' {
  if (readCents === writtenCents) return 'applied';
  if (readCents === beforeCents) return 'notApplied';
  return 'unknown';
}

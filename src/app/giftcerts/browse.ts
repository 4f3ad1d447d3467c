import type { Config } from '../../config/schema';
import { openUses, usesOfCode, type UseRowRead, type UseSummary } from '../../data/giftcerts';
import type { Db } from '../../data/db';
import { maskCode, parseCertificateInput, type ExternalCertificate, type UseState } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';
import { ticketLabel } from '../../domain/sale';
import { refuse } from '../errors';
import { giftcertProvider } from './providers';
import { ask } from './refusals';
import { codeHash, stateOf } from './uses';

/** One use of a certificate in our ledger, as a person reads it. */
export interface UseView {
  use: number;
  at: Date;
  store: string;
  terminal: string | null;
  operator: string | null;
  code: string;
  amountCents: Cents;
  state: UseState;
  /** As read before the debit, as written, and as read back after it (null: not known). */
  balanceBeforeCents: Cents;
  balanceWrittenCents: Cents;
  balanceAfterCents: Cents | null;
  /** A balance read back (after the debit or a give-back) was not the one written. */
  mismatch: boolean;
  ticket: string | null;
}

function view(use: UseSummary, rows: readonly UseRowRead[]): UseView {
  const sale = rows.find((r) => r.kind === 'sale');
  return {
    use: use.id,
    at: use.at,
    store: use.storeCode,
    terminal: use.terminalCode,
    operator: use.operatorName,
    code: maskCode(use.codeLast4!),
    amountCents: use.amountCents!,
    state: stateOf(rows),
    balanceBeforeCents: use.balanceBeforeCents!,
    balanceWrittenCents: use.balanceWrittenCents!,
    balanceAfterCents: rows.find((r) => r.kind === 'debited')?.balanceAfterCents ?? null,
    mismatch: rows.some((r) => r.mismatch === true),
    ticket: sale?.ticketTerminal && sale.ticketNo !== null ? ticketLabel(sale.ticketTerminal, sale.ticketNo) : null,
  };
}

/**
 * Debits on no ticket: taken from a certificate for a sale that never committed (its till
 * died), or whose outcome was never recorded. Each is given back (`pos giftcert recredit`) or
 * pays a sale (`giftcert:#N`), and leaves this list then.
 */
export async function pendingUses(db: Db): Promise<UseView[]> {
  return (await openUses(db)).map(({ use, rows }) => view(use, rows));
}

/** A certificate as its provider has it now, with its uses in our ledger (the provider keeps no history of them). */
export async function showCertificate(db: Db, config: Config, code: string): Promise<{ certificate: ExternalCertificate; uses: UseView[] }> {
  const provider = giftcertProvider(config) ?? refuse('giftcert.notConfigured');
  const input = parseCertificateInput(code);
  if (input.kind !== 'code') refuse('giftcert.codeInvalid');
  const certificate = await ask(config.giftcerts.bigcommerce.timeoutMs, () => provider.findByCode(input.code));
  if (!certificate) refuse('giftcert.unknown', { code: maskCode(input.code) });
  const uses = (await usesOfCode(db, codeHash(provider.name, certificate.code))).map(({ use, rows }) => view(use, rows));
  return { certificate, uses };
}

export function useJson(u: UseView) {
  return {
    use: u.use, at: u.at.toISOString(), store: u.store, terminal: u.terminal, operator: u.operator, code: u.code, amount_cents: u.amountCents, state: u.state,
    balance_before_cents: u.balanceBeforeCents, balance_written_cents: u.balanceWrittenCents, balance_after_cents: u.balanceAfterCents, mismatch: u.mismatch, ticket: u.ticket,
  };
}

export function certificateJson(c: ExternalCertificate) {
  return {
    provider: c.provider, id: c.id, code: maskCode(c.code), status: c.status, amount_cents: c.amountCents, balance_cents: c.balanceCents,
    expires_at: c.expiresAt?.toISOString() ?? null, currency: c.currency, to_name: c.toName,
  };
}

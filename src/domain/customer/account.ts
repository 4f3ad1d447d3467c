import type { Cents } from '../money';

/** A customer account: positive balance, the shop owes the customer; negative, they owe the shop. */
export interface Account {
  balanceCents: Cents;
  overdraftLimitCents: Cents;
}

/** What the account can pay now: its credit plus the overdraft allowed. */
export function availableCents(a: Account): Cents {
  return Math.max(0, a.balanceCents + a.overdraftLimitCents);
}

export type AccountMovementKind = 'sale' | 'credit_note' | 'payment' | 'adjust';

export interface AccountMovement {
  at: Date;
  kind: AccountMovementKind;
  amountCents: Cents;
  balanceAfterCents: Cents;
  /** The ticket ("T01-000042") for a sale or a credit note; how a payment was made otherwise. */
  ref: string | null;
}

export interface Statement {
  openingCents: Cents;
  movements: AccountMovement[];
  /** Taken from the account (sales) and put onto it (credit notes, payments), both positive. */
  debitsCents: Cents;
  creditsCents: Cents;
  closingCents: Cents;
}

/**
 * A month's statement: the balance at its start, its movements in order, and the balance at its
 * end. The ledger's balances after each movement must follow from the opening balance: a gap
 * would mean a movement is missing, and the statement says so rather than print wrong figures.
 */
export function statementOf(openingCents: Cents, movements: readonly AccountMovement[]): Statement | { broken: AccountMovement } {
  let balance = openingCents;
  let debitsCents = 0;
  let creditsCents = 0;
  for (const m of movements) {
    balance += m.amountCents;
    if (balance !== m.balanceAfterCents) return { broken: m };
    if (m.amountCents < 0) debitsCents -= m.amountCents;
    else creditsCents += m.amountCents;
  }
  return { openingCents, movements: [...movements], debitsCents, creditsCents, closingCents: balance };
}

/** "2026-11" → its year and month; null for anything else. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 && year >= 2000 ? { year, month } : null;
}

export function monthLabel(m: { year: number; month: number }): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

export function shiftMonth(m: { year: number; month: number }, by: number): { year: number; month: number } {
  const index = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

import { describe, expect, it } from 'vitest';
import { pointsToExpire } from './expiry';

/** Sums as the ledger query makes them, from movements: earned lots (with their expiry) and debits. */
function sums(moves: { amount: number; expired?: boolean }[]) {
  return {
    earnedPastExpiry: moves.filter((m) => m.amount > 0 && m.expired).reduce((s, m) => s + m.amount, 0),
    debited: -moves.filter((m) => m.amount < 0).reduce((s, m) => s + m.amount, 0),
  };
}

describe('points expiry, oldest points spent first', () => {
  it('expires what is left of a lot past its date', () => {
    expect(pointsToExpire(sums([{ amount: 100, expired: true }, { amount: -30 }]))).toBe(70);
  });

  it('expires nothing when the old lot was spent, even if later lots remain', () => {
    expect(pointsToExpire(sums([{ amount: 10, expired: true }, { amount: 10 }, { amount: -15 }]))).toBe(0);
  });

  it('expires the rest of the second lot once it is past its date too', () => {
    expect(pointsToExpire(sums([{ amount: 10, expired: true }, { amount: 10, expired: true }, { amount: -15 }]))).toBe(5);
  });

  it('counts an earlier expiry as a debit: running it again expires nothing more', () => {
    expect(pointsToExpire(sums([{ amount: 40, expired: true }, { amount: -40 }]))).toBe(0);
    expect(pointsToExpire(sums([{ amount: 40, expired: true }, { amount: 25 }, { amount: -10 }, { amount: -30 }]))).toBe(0);
  });
});

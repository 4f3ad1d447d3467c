import { describe, expect, it } from 'vitest';
import { pointsToExpire, type PointsMove } from './expiry';

const DAY = 86_400_000;
/** The time expiry runs at: dates are real times, as the ledger gives them (ms since 1970). */
const NOW = Date.UTC(2026, 5, 1, 3, 0);
/** A lot earned, expiring `inDays` from now (negative: past), or never (null). */
const lot = (amount: number, inDays: number | null): PointsMove => ({ amount, past: inDays === null ? null : inDays <= 0, expiresAt: inDays === null ? null : NOW + inDays * DAY });
const debit = (amount: number): PointsMove => ({ amount: -amount, past: null, expiresAt: null });

describe('points expiry: each debit uses the points held then, the soonest to expire first', () => {
  it('expires what is left of a lot past its date', () => {
    expect(pointsToExpire([lot(100, -1), debit(30)])).toBe(70);
  });

  it('expires nothing when the old lot was spent, even if later lots remain', () => {
    expect(pointsToExpire([lot(10, -1), lot(10, 30), debit(15)])).toBe(0);
  });

  it('expires the rest of the second lot once it is past its date too', () => {
    expect(pointsToExpire([lot(10, -2), lot(10, -1), debit(15)])).toBe(5);
  });

  it('counts an earlier expiry as a debit: running it again expires nothing more', () => {
    expect(pointsToExpire([lot(40, -1), debit(40)])).toBe(0);
    expect(pointsToExpire([lot(40, -1), lot(25, 30), debit(10), debit(30)])).toBe(0);
  });

  it('spends points that expire before points that never do', () => {
    // 100 given for good (no date), 50 earned that lapse; 60 spent after both: the 50 go first.
    expect(pointsToExpire([lot(100, null), lot(50, -1), debit(60)])).toBe(0);
    expect(pointsToExpire([lot(100, null), lot(50, -1), debit(30)])).toBe(20);
    // The same when the points given for good come after the lot that lapses.
    expect(pointsToExpire([lot(50, -1), lot(100, null), debit(60)])).toBe(0);
  });

  it('does not pay a spend from a lot earned after it: that lot keeps its date', () => {
    // 100 for good spent in full, then 50 earned: spent from nothing, the 50 lapse on their date.
    expect(pointsToExpire([lot(100, null), debit(100), lot(50, -1)])).toBe(50);
    expect(pointsToExpire([lot(100, null), debit(100), lot(50, 10)])).toBe(0);
  });

  it('orders lots by their dates, not by when they were earned (the program’s months changed)', () => {
    // Earned first with 24 months, then with 6: the later lot lapses first, so it is spent first.
    expect(pointsToExpire([lot(30, 300), lot(20, -1), debit(20)])).toBe(0);
    expect(pointsToExpire([lot(30, -1), lot(20, -2), debit(20)])).toBe(30);
  });

  it('a debit beyond the points held before it (a ledger read from the middle) spends what there is and stops there', () => {
    // The ledger cannot go below zero (loyalty_movements_balance), but the nightly run must not
    // stop at one customer's odd history: the lots earned after it keep their dates.
    expect(pointsToExpire([debit(20), lot(30, -1)])).toBe(30);
    expect(pointsToExpire([lot(10, -1), debit(25), lot(5, -1)])).toBe(5);
  });
});

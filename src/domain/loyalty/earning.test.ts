import { describe, expect, it } from 'vitest';
import { pointsEarned, visitsEarned } from './earning';
import type { LoyaltyProgram } from './program';

const program: LoyaltyProgram = { pointsPerEuro: 1, countVisits: true, expireMonths: null, cardPrefix: null };

describe('earning points and visits', () => {
  it('adds the points of each item times its quantity to the points per whole euro paid', () => {
    expect(pointsEarned(program, [{ qty: 3, itemPoints: 5 }, { qty: 1, itemPoints: 0 }], 1289)).toBe(15 + 12);
    expect(pointsEarned({ ...program, pointsPerEuro: 0 }, [{ qty: 2, itemPoints: 10 }], 5000)).toBe(20);
    expect(pointsEarned({ ...program, pointsPerEuro: 3 }, [], 999)).toBe(27);
  });

  it('takes back for a return exactly what the same items and amount earned', () => {
    const sold = pointsEarned(program, [{ qty: 2, itemPoints: 5 }], 1798);
    const returned = pointsEarned(program, [{ qty: -2, itemPoints: 5 }], -1798);
    expect(sold).toBe(27);
    expect(returned).toBe(-sold);
  });

  it('nets a ticket that sells and takes back', () => {
    expect(pointsEarned(program, [{ qty: 1, itemPoints: 5 }, { qty: -1, itemPoints: 2 }], 300)).toBe(5 - 2 + 3);
  });

  it('counts one visit per sale with something sold, none for a ticket of returns, none when visits are off', () => {
    expect(visitsEarned(program, [{ qty: 5, itemPoints: 0 }, { qty: 1, itemPoints: 0 }])).toBe(1);
    expect(visitsEarned(program, [{ qty: -1, itemPoints: 0 }])).toBe(0);
    expect(visitsEarned(program, [{ qty: 2, itemPoints: 0 }, { qty: -1, itemPoints: 0 }])).toBe(1);
    expect(visitsEarned({ ...program, countVisits: false }, [{ qty: 1, itemPoints: 0 }])).toBe(0);
  });
});

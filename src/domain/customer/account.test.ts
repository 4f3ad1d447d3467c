import { describe, expect, it } from 'vitest';
import { availableCents, parseMonth, shiftMonth, statementOf, type AccountMovement } from './account';

const at = new Date('2026-11-10T10:00:00Z');
const move = (kind: AccountMovement['kind'], amountCents: number, balanceAfterCents: number): AccountMovement => ({ at, kind, amountCents, balanceAfterCents, ref: null });

describe('customer accounts', () => {
  it('can pay its credit plus the overdraft limit, never less than nothing', () => {
    expect(availableCents({ balanceCents: 2000, overdraftLimitCents: 5000 })).toBe(7000);
    expect(availableCents({ balanceCents: -4000, overdraftLimitCents: 5000 })).toBe(1000);
    expect(availableCents({ balanceCents: -5000, overdraftLimitCents: 5000 })).toBe(0);
    expect(availableCents({ balanceCents: -6000, overdraftLimitCents: 5000 })).toBe(0);
  });

  it('makes a statement from the opening balance and the month’s movements', () => {
    const s = statementOf(-1500, [move('sale', -2500, -4000), move('payment', 4000, 0), move('credit_note', 899, 899)]);
    expect(s).toMatchObject({ openingCents: -1500, debitsCents: 2500, creditsCents: 4899, closingCents: 899 });
    expect(statementOf(1200, [])).toMatchObject({ openingCents: 1200, closingCents: 1200, movements: [] });
  });

  it('says where the ledger does not follow on, rather than print a wrong closing balance', () => {
    const gap = move('payment', 1000, 9999);
    expect(statementOf(0, [move('sale', -500, -500), gap])).toEqual({ broken: gap });
  });

  it('reads and moves months', () => {
    expect(parseMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(parseMonth(' 2026-3 ')).toEqual({ year: 2026, month: 3 });
    for (const bad of ['2026-13', '2026-00', '11-2026', '2026/11', '']) expect(parseMonth(bad)).toBeNull();
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
  });
});

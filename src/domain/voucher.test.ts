import { describe, expect, it } from 'vitest';
import { amountRefusal, effectiveStatus, isReference, spendRefusal } from './voucher';
import { MAX_CENTS } from './money';
import { formatDay, parseDay } from './day';

describe('voucher rules', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2027-11-23T00:00:00+01:00');
  const earlier = new Date('2026-11-22T09:59:59Z');

  it('an active voucher past its expiry is expired, before the job marks it', () => {
    expect(effectiveStatus({ status: 'active', expiresAt: later }, now)).toBe('active');
    expect(effectiveStatus({ status: 'active', expiresAt: earlier }, now)).toBe('expired');
    expect(effectiveStatus({ status: 'used', expiresAt: earlier }, now)).toBe('used');
  });

  it('says why a voucher cannot be spent', () => {
    expect(spendRefusal({ status: 'active', expiresAt: later }, now)).toBeNull();
    expect(spendRefusal({ status: 'active', expiresAt: now }, now)).toBe('voucher.expired');
    expect(spendRefusal({ status: 'used', expiresAt: later }, now)).toBe('voucher.used');
    expect(spendRefusal({ status: 'cancelled', expiresAt: later }, now)).toBe('voucher.cancelled');
    expect(spendRefusal({ status: 'expired', expiresAt: earlier }, now)).toBe('voucher.expired');
  });

  it('refuses each bad amount with its own reason', () => {
    expect(amountRefusal(0)).toBe('voucher.amountZero');
    expect(amountRefusal(-100)).toBe('voucher.amountNegative');
    expect(amountRefusal(1.5)).toBe('voucher.amountTooLarge');
    expect(amountRefusal(1_000_000_000_00)).toBe('voucher.amountTooLarge');
    expect(amountRefusal(1001, 1000)).toBe('voucher.amountAboveBalance');
    expect(amountRefusal(1000, 1000)).toBeNull();
    expect(amountRefusal(MAX_CENTS)).toBeNull();
    expect(amountRefusal(MAX_CENTS + 1)).toBe('voucher.amountTooLarge');
  });

  it('takes order references and keys of visible characters only', () => {
    expect(isReference('CMD-1042')).toBe(true);
    expect(isReference('')).toBe(false);
    expect(isReference('two words')).toBe(false);
    expect(isReference('x'.repeat(101))).toBe(false);
  });
});

describe('days', () => {
  it('reads French and ISO dates, refusing days that do not exist', () => {
    expect(parseDay('22/11/2026')).toBe('2026-11-22');
    expect(parseDay('1/2/27')).toBe('2027-02-01');
    expect(parseDay(' 2026-11-22 ')).toBe('2026-11-22');
    expect(parseDay('29/02/2027')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('demain')).toBeNull();
    expect(formatDay('2027-02-01')).toBe('01/02/2027');
  });
});

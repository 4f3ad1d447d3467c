import { describe, expect, it } from 'vitest';
import { centsToDecimal, decimalToCents, maskCode, outcomeFromBalance, parseCertificateInput, spendRefusal, useState, type ExternalCertificate } from './giftcert';

const cert = (over: Partial<ExternalCertificate> = {}): ExternalCertificate => ({
  provider: 'bigcommerce', id: '24', code: '10R-5E2-BO4-RWT', amountCents: 100000, balanceCents: 50000, status: 'active',
  expiresAt: null, currency: 'EUR', toName: 'Alyss', writeBack: {}, ...over,
});

describe('e-shop gift certificates: the rules', () => {
  it('reads a provider decimal as cents once, refusing anything that is not a whole number of cents', () => {
    expect(decimalToCents('10')).toBe(1000);
    expect(decimalToCents('12.5')).toBe(1250);
    expect(decimalToCents('12.05')).toBe(1205);
    expect(decimalToCents('500.0000')).toBe(50000);
    expect(decimalToCents('0')).toBe(0);
    expect(decimalToCents('0.01')).toBe(1);
    for (const bad of ['', ' 10', '10 ', '-1', '+1', '1e3', '12,50', '12.345', '12.3401', '.5', '5.', '0x10', 'NaN', '1000000000000', '99999999999.99']) {
      expect([bad, decimalToCents(bad)]).toEqual([bad, null]);
    }
    expect(decimalToCents('100000000.00')).toBeNull(); // above the till's bound
    expect(decimalToCents('99999999.99')).toBe(9999999999);
  });

  it('writes cents as the provider writes money, and refuses what is not cents', () => {
    expect(centsToDecimal(1250)).toBe('12.50');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(() => centsToDecimal(-1)).toThrow();
    expect(() => centsToDecimal(1.5)).toThrow();
    for (const c of [0, 1, 99, 100, 1234567]) expect(decimalToCents(centsToDecimal(c))).toBe(c);
  });

  it('shows a code by its last four characters only', () => {
    expect(maskCode('FFZ-5N4-C7M-S78')).toBe('…-S78');
  });

  it('tells a code from one of our waiting debits (#17) and refuses the rest', () => {
    expect(parseCertificateInput(' FFZ-5N4-C7M-S78 ')).toEqual({ kind: 'code', code: 'FFZ-5N4-C7M-S78' });
    expect(parseCertificateInput('#17')).toEqual({ kind: 'use', useId: 17 });
    for (const bad of ['', '#0', '#', '#x', 'a b', 'é', 'x'.repeat(51)]) expect(parseCertificateInput(bad)).toEqual({ kind: 'invalid' });
  });

  it('says why a certificate cannot pay: not active, expired, another currency, nothing left', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(spendRefusal(cert(), now, 'EUR')).toBeNull();
    expect(spendRefusal(cert({ currency: null }), now, 'EUR')).toBeNull();
    expect(spendRefusal(cert({ status: 'disabled' }), now, 'EUR')).toEqual({ key: 'giftcert.status', status: 'disabled' });
    expect(spendRefusal(cert({ expiresAt: new Date('2026-12-06T09:59:59Z') }), now, 'EUR')).toMatchObject({ key: 'giftcert.expired' });
    expect(spendRefusal(cert({ expiresAt: new Date('2026-12-07T00:00:00Z') }), now, 'EUR')).toBeNull();
    expect(spendRefusal(cert({ currency: 'USD' }), now, 'EUR')).toEqual({ key: 'giftcert.currency', currency: 'USD' });
    expect(spendRefusal(cert({ balanceCents: 0 }), now, 'EUR')).toEqual({ key: 'giftcert.empty' });
  });

  it('follows a use through its rows; an announced write without outcome stays unknown', () => {
    expect(useState(['debit'])).toBe('sending');
    expect(useState(['debit', 'not_debited'])).toBe('failed');
    expect(useState(['debit', 'debited'])).toBe('debited');
    expect(useState(['debit', 'debited', 'sale'])).toBe('sold');
    expect(useState(['debit', 'debited', 'recredit'])).toBe('recrediting');
    expect(useState(['debit', 'debited', 'recredit', 'not_recredited'])).toBe('debited');
    expect(useState(['debit', 'debited', 'recredit', 'recredited'])).toBe('recredited');
  });

  it('tells from a balance read afterwards whether a write whose answer was lost took place', () => {
    expect(outcomeFromBalance(5000, 3000, 3000)).toBe('applied');
    expect(outcomeFromBalance(5000, 3000, 5000)).toBe('notApplied');
    expect(outcomeFromBalance(5000, 3000, 2000)).toBe('unknown');
  });
});

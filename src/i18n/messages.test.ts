import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { t } from './messages';

describe('messages', () => {
  it('say a count with the language’s own plural rules, one mechanism for every message', () => {
    expect([0, 1, 2].map((n) => t('en', 'sale.items', { n }))).toEqual(['0 items', '1 item', '2 items']);
    // French: 0 and 1 are singular.
    expect([0, 1, 2].map((n) => t('fr', 'customer.line.visits', { n }))).toEqual(['0 passage', '1 passage', '2 passages']);
    expect([1, 4].map((n) => t('en', 'customer.line.visits', { n }))).toEqual(['1 visit', '4 visits']);
    expect(t('en', 'loyalty.afterSale', { name: 'Lambert Sophie', earned: '+1', points: 231, visits: 1 })).toBe('Lambert Sophie: +1 point · balance 231 points, 1 visit');
    expect(t('fr', 'print.retried', { printed: 1, of: 2 })).toBe('1 ticket sur 2 imprimé');
    expect(t('en', 'print.retried', { printed: 1, of: 2 })).toBe('1 of 2 receipts printed');
  });

  it('write English without the French space before a colon, and French with it', () => {
    const spaced = Object.entries(en).filter(([, text]) => /\s[:;!?](\s|$)/.test(text));
    expect(spaced).toEqual([]);
    expect(t('fr', 'sale.note', { ref: 'FID-1', reason: 'x' })).toBe('FID-1 : x');
    expect(t('en', 'sale.note', { ref: 'FID-1', reason: 'x' })).toBe('FID-1: x');
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});

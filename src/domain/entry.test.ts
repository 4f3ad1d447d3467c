import { describe, expect, it } from 'vitest';
import { looksLikeCode, parseEntry } from './entry';
import { parseQty } from './quantity';

describe('entry line', () => {
  it('reads a quantity prefix alone or with a code', () => {
    expect(parseEntry('3*')).toEqual({ kind: 'qty', qty: 3 });
    expect(parseEntry('3*3760000000017')).toEqual({ kind: 'lookup', text: '3760000000017', qty: 3 });
    expect(parseEntry('-1*BOUL-001')).toEqual({ kind: 'lookup', text: 'BOUL-001', qty: -1 });
    expect(parseEntry('3760000000017')).toEqual({ kind: 'lookup', text: '3760000000017', qty: null });
    expect(parseEntry('  ')).toEqual({ kind: 'empty' });
  });
  it('refuses zero, non-numeric and absurd quantities', () => {
    expect(parseEntry('0*123')).toEqual({ kind: 'error', error: 'qty.zero' });
    expect(parseEntry('x*123')).toEqual({ kind: 'error', error: 'qty.notNumber' });
    expect(parseEntry('10000*')).toEqual({ kind: 'error', error: 'qty.tooLarge' });
    expect(parseEntry('1.5*')).toEqual({ kind: 'error', error: 'qty.notNumber' });
    expect(parseQty('9999')).toEqual({ qty: 9999 });
  });
  it('tells codes from names', () => {
    expect(looksLikeCode('3760000000017')).toBe(true);
    expect(looksLikeCode('BOUL-001')).toBe(true);
    expect(looksLikeCode('baguette')).toBe(false);
    expect(looksLikeCode('pain complet')).toBe(false);
  });
});

import { parseDiscount } from './discountInput';

describe('discount input', () => {
  it('reads percentages and amounts', () => {
    expect(parseDiscount('10%')).toEqual({ kind: 'percent', bp: 1000 });
    expect(parseDiscount('12,5 %')).toEqual({ kind: 'percent', bp: 1250 });
    expect(parseDiscount('100%')).toEqual({ kind: 'percent', bp: 10_000 });
    expect(parseDiscount('2,50')).toEqual({ kind: 'amount', cents: 250 });
    for (const bad of ['', '0', '-2', 'abc', '0%', '%']) expect(parseDiscount(bad)).toBeNull();
  });
});

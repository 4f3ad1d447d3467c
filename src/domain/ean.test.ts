import { describe, expect, it } from 'vitest';
import { ean13, gtinCheckDigit, isValidGtin } from './ean';

describe('GTIN check digits', () => {
  it('accepts real codes and refuses one wrong digit', () => {
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('96385074')).toBe(true); // EAN-8
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('400638133393')).toBe(false);
    expect(isValidGtin('40063813339a1')).toBe(false);
  });
  it('makes EAN-13 codes', () => {
    expect(gtinCheckDigit('376000000001')).toBe(7);
    expect(ean13('376000000001')).toBe('3760000000017');
    expect(() => ean13('12')).toThrow();
  });
});

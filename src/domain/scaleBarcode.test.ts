import { describe, expect, it } from 'vitest';
import { ean13 } from './ean';
import { formatKg, parseScaleBarcode, weighedPrice } from './scaleBarcode';

describe('in-store scale labels (prefix 2)', () => {
  it('20–24 carry a price, 25–29 a weight; the item is under the code with the value zeroed', () => {
    expect(parseScaleBarcode(ean13('221234500349'))).toEqual({ kind: 'price', template: ean13('221234500000'), cents: 349 });
    expect(parseScaleBarcode(ean13('250000100455'))).toEqual({ kind: 'weight', template: ean13('250000100000'), grams: 455 });
  });

  it('ignores what is not one: another prefix, a bad check digit, the template itself', () => {
    expect(parseScaleBarcode('3760000000017')).toBeNull();
    const good = ean13('250000100455');
    expect(parseScaleBarcode(good.slice(0, 12) + ((Number(good[12]) + 1) % 10))).toBeNull();
    expect(parseScaleBarcode(ean13('250000100000'))).toBeNull();
  });

  it('prices a weight half-up to the cent', () => {
    expect(weighedPrice(1799, 455)).toBe(819); // 818.545 → 819
    expect(weighedPrice(1000, 1005)).toBe(1005);
    expect(weighedPrice(999, 500)).toBe(500); // 499.5 → 500
    expect(formatKg(455, 'fr')).toBe('0,455 kg');
    expect(formatKg(1250, 'en')).toBe('1.250 kg');
  });
});

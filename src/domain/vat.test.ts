import { describe, expect, it } from 'vitest';
import { formatRate, parseRate, vatBreakdown, vatIncluded } from './vat';

describe('VAT', () => {
  it('extracts the VAT included in a VAT-inclusive price', () => {
    expect(vatIncluded(1200, 2000)).toBe(200);
    expect(vatIncluded(110, 550)).toBe(6); // 110 × 5.5/105.5 = 5.73
    expect(vatIncluded(-1200, 2000)).toBe(-200);
    expect(vatIncluded(290, 210)).toBe(6); // 5.96
  });

  it('breaks a ticket down per rate, highest first, each row adding up', () => {
    const parts = vatBreakdown([
      { totalCents: 130, vatRateBp: 550 },
      { totalCents: 899, vatRateBp: 2000 },
      { totalCents: 120, vatRateBp: 550 },
      { totalCents: 450, vatRateBp: 1000 },
      { totalCents: 290, vatRateBp: 210 },
    ]);
    expect(parts.map((p) => p.rateBp)).toEqual([2000, 1000, 550, 210]);
    expect(parts.find((p) => p.rateBp === 550)).toEqual({ rateBp: 550, grossCents: 250, vatCents: 13, netCents: 237 });
    for (const p of parts) expect(p.netCents + p.vatCents).toBe(p.grossCents);
    expect(parts.reduce((a, p) => a + p.grossCents, 0)).toBe(130 + 899 + 120 + 450 + 290);
  });

  it('reads and writes rates', () => {
    expect(parseRate('5,5')).toBe(550);
    expect(parseRate('2.1 %')).toBe(210);
    expect(parseRate('20')).toBe(2000);
    expect(parseRate('x')).toBeNull();
    expect(parseRate(' 20 ')).toBe(2000);
    expect(parseRate('5.55')).toBe(555);
    for (const bad of ['x20', '20x', '5.555', '120']) expect(parseRate(bad)).toBeNull();
    expect(formatRate(550, 'fr')).toBe('5,5 %');
    expect(formatRate(2000, 'en')).toBe('20%');
    expect(formatRate(550)).toBe('5,5 %');
    expect(formatRate(550, 'en')).toBe('5.5%');
    expect(formatRate(505)).toBe('5,05 %');
    expect(formatRate(210, 'en')).toBe('2.1%');
  });
});

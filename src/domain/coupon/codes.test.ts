import { describe, expect, it } from 'vitest';
import { normalizeCode, parsePattern, patternCode, patternRegex, symbolCode, symbolRegex, withinValidity } from './codes';

describe('coupon codes', () => {
  it('from the symbol: REMISE, REMISE1, REMISE2 …', () => {
    expect([0, 1, 2, 10].map((n) => symbolCode('REMISE', n))).toEqual(['REMISE', 'REMISE1', 'REMISE2', 'REMISE10']);
    const re = new RegExp(symbolRegex('REMISE'));
    expect(['REMISE', 'REMISE7', 'REMISE123'].every((c) => re.test(c))).toBe(true);
    expect(['REMISEX', 'XREMISE1', 'REMIS'].some((c) => re.test(c))).toBe(false);
    expect(normalizeCode('  remise12 ')).toBe('REMISE12');
  });

  it('from a numbering scheme: numbers, year and random characters', () => {
    const parts = parsePattern('BR{YY}-{N:6}')!;
    expect(patternCode(parts, 42, 2026, Math.random)).toBe('BR26-000042');
    expect(patternCode(parts, 1234567, 2026, Math.random)).toBe('BR26-1234567');
    const re = new RegExp(patternRegex(parts));
    expect(re.test('BR26-000042')).toBe(true);
    expect(re.test('BR26-42')).toBe(false);

    const random = parsePattern('NOEL{YYYY}{R:8}')!;
    let seed = 0;
    const code = patternCode(random, 1, 2026, () => ((seed = (seed * 7 + 3) % 25) / 25));
    expect(code).toMatch(/^NOEL2026[A-Z0-9]{8}$/);
    expect(new RegExp(patternRegex(random)).test(code)).toBe(true);
    // No character a person confuses with another.
    expect(code.slice(8)).not.toMatch(/[0O1IL5S2Z8B]/);
  });

  it('refuses a pattern that cannot make many codes, has unknown fields or other characters', () => {
    for (const bad of ['NOEL', 'NOEL{R:4}', 'X{Q}', 'X{N', 'x{N}', 'A B{N}', '-{N}', '{YY}', `${'A'.repeat(30)}{N:12}`]) {
      expect([bad, parsePattern(bad)]).toEqual([bad, null]);
    }
    expect(parsePattern('{N:8}')).toEqual([{ t: 'number', width: 8 }]);
  });

  it('a code\'s validity lies inside its definition\'s', () => {
    const def = { from: '2026-11-01', until: '2026-12-31' };
    expect(withinValidity({ from: '2026-11-01', until: '2026-12-31' }, def)).toBeNull();
    expect(withinValidity({ from: '2026-11-15', until: '2026-11-30' }, def)).toBeNull();
    expect(withinValidity({ from: '2026-10-31', until: '2026-12-31' }, def)).toBe('coupon.code.beforeDefinition');
    expect(withinValidity({ from: null, until: '2026-12-31' }, def)).toBe('coupon.code.beforeDefinition');
    expect(withinValidity({ from: '2026-11-01', until: '2027-01-01' }, def)).toBe('coupon.code.afterDefinition');
    expect(withinValidity({ from: '2026-12-01', until: '2026-11-01' }, def)).toBe('coupon.code.dates');
    expect(withinValidity({ from: null, until: null }, { from: null, until: null })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { allocate, basisPointsOf, centsToDecimal, divRound, formatEuros, MAX_CENTS, parseEuros } from './money';

describe('divRound (half away from zero)', () => {
  it('rounds halves up for sales and down for refunds, symmetrically', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
    expect(divRound(5, 3)).toBe(2);
    expect(divRound(-4, 3)).toBe(-1);
    expect(divRound(0, 7)).toBe(0);
  });
  it('refuses unsafe integers rather than silently losing cents', () => {
    expect(() => divRound(2 ** 60, 3)).toThrow(new RangeError('money arithmetic needs safe integers'));
    expect(() => divRound(1, 0)).toThrow(new RangeError('division by zero'));
    expect(() => divRound(3, 2 ** 60)).toThrow(RangeError);
    expect(() => divRound(1.5, 1)).toThrow(RangeError);
  });
  it('gives 0, never -0, for a negative amount that rounds to nothing (found by money.property.test.ts)', () => {
    expect(divRound(-1, 6640349294300124)).toBe(0);
    expect(divRound(-1, 3)).toBe(0);
    expect(divRound(1, -3)).toBe(0);
    expect(basisPointsOf(-1, 1000)).toBe(0);
  });
  it('takes the sign from both sides', () => {
    expect(divRound(5, -2)).toBe(-3);
    expect(divRound(-5, -2)).toBe(3);
    expect(divRound(7, 4)).toBe(2);
    expect(divRound(5, 4)).toBe(1);
  });
});

describe('basisPointsOf', () => {
  it('takes a percentage of cents with one rounding', () => {
    expect(basisPointsOf(1999, 1000)).toBe(200); // 10 % of 19,99 = 1,999 → 2,00
    expect(basisPointsOf(1005, 5000)).toBe(503); // half a cent rounds up
    expect(basisPointsOf(-1005, 5000)).toBe(-503);
  });
});

describe('allocate (largest remainder)', () => {
  it('splits so that the parts add up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1000, [333, 333, 334])).toEqual([333, 333, 334]);
    const parts = allocate(997, [120, 350, 1, 77]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(997);
  });
  it('puts everything on the first part when all weights are zero', () => {
    expect(allocate(5, [0, 0])).toEqual([5, 0]);
    expect(allocate(5, [])).toEqual([]);
  });
  it('weighs a negative weight by its size and gives an empty part a plain zero', () => {
    expect(allocate(10, [-1, 1])).toEqual([5, 5]);
    expect(allocate(-100, [1, 0])).toEqual([-100, 0]);
    expect(Object.is(allocate(-100, [1, 0])[1], 0)).toBe(true);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });
  it('gives the cents left over to the largest remainders first, then to the earlier parts', () => {
    expect(allocate(10, [1, 2])).toEqual([3, 7]);
    expect(allocate(10, [2, 1])).toEqual([7, 3]);
    expect(allocate(100, [1, 3, 2])).toEqual([17, 50, 33]);
    // However many parts, ties go to the earlier ones.
    const many = allocate(3, Array.from({ length: 70 }, () => 1));
    expect(many.slice(0, 4)).toEqual([1, 1, 1, 0]);
    expect(many.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('parseEuros', () => {
  it('reads euros typed the French or the English way', () => {
    expect(parseEuros('12.50')).toBe(1250);
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros('12')).toBe(1200);
    expect(parseEuros(' 1 234,56 € ')).toBe(123456);
    expect(parseEuros('-3')).toBe(-300);
    expect(parseEuros('0,07')).toBe(7);
    expect(parseEuros('+3')).toBe(300);
    expect(parseEuros('12€')).toBe(1200);
    expect(parseEuros('1\u00a0234,5')).toBe(123450);
    expect(parseEuros('1\u202f234')).toBe(123400);
  });
  it('takes up to the bound of the till and nothing beyond', () => {
    expect(parseEuros('99999999,99')).toBe(MAX_CENTS);
    expect(parseEuros('-99999999,99')).toBe(-MAX_CENTS);
    expect(parseEuros('100000000')).toBeNull();
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['1€50', '€12', '', 'abc', '12.345', '1e3', '12,', '--1', '12.5.0', '99999999999']) expect(parseEuros(bad)).toBeNull();
  });
});

describe('formatEuros', () => {
  it('writes French and English amounts', () => {
    expect(formatEuros(1250, 'fr')).toBe('12,50 €');
    expect(formatEuros(123456789, 'fr')).toBe('1 234 567,89 €');
    expect(formatEuros(-5, 'fr')).toBe('-0,05 €');
    expect(formatEuros(123456, 'en')).toBe('€1,234.56');
    expect(formatEuros(-123456789, 'en')).toBe('-€1,234,567.89');
    expect(formatEuros(99, 'en')).toBe('€0.99');
    expect(formatEuros(100000)).toBe('1 000,00 €');
    expect(formatEuros(0)).toBe('0,00 €');
    expect(formatEuros(0, 'en')).toBe('€0.00');
  });
});

describe('centsToDecimal', () => {
  it('writes plain decimals for files, the sign in front', () => {
    expect(centsToDecimal(1250)).toBe('12.50');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(123456)).toBe('1234.56');
  });
});

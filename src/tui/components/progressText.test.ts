import { describe, expect, it } from 'vitest';
import { countText, percentOf, progressLine } from './progressText';

describe('the back office progress line', () => {
  it('says whole percents, 100 only at the end, 0 before a total is known', () => {
    expect([percentOf(0, 0), percentOf(1, 3), percentOf(999, 1000), percentOf(1000, 1000)]).toEqual([0, 33, 99, 100]);
  });

  it('draws the bar in the room left, and leaves it out when there is none', () => {
    expect(progressLine('Codes', 1, 4, 20)).toBe('Codes ▕███░░░░░░░░░▏');
    expect(progressLine('Codes', 4, 4, 20)).toBe('Codes ▕████████████▏');
    expect(progressLine('Codes', 1, 4, 12)).toBe('Codes');
    expect(progressLine('Codes', 0, 0, 20)).toBe('Codes ▕░░░░░░░░░░░░▏');
  });

  it('groups thousands as the shop reads them', () => {
    expect(countText(1_000_000, 'en')).toBe('1,000,000');
    expect(countText(1_000_000, 'fr')).toMatch(/^1\D000\D000$/);
  });
});

import { describe, expect, it } from 'vitest';
import { bar, barChart } from './bars';

describe('bars of block characters', () => {
  it('draws whole blocks and the last eighth, in proportion to the largest', () => {
    expect(bar(100, 100, 10)).toBe('██████████');
    expect(bar(50, 100, 10)).toBe('█████');
    expect(bar(1, 80, 10)).toBe('▏');
    expect(bar(3, 8, 1)).toBe('▍');
    expect(bar(55, 100, 10)).toBe('█████▌');
    expect(bar(99, 100, 10)).toBe('█████████▉');
  });

  it('draws nothing for zero, a refund-only hour (negative) or an empty chart, and never past its room', () => {
    expect(bar(0, 100, 10)).toBe('');
    expect(bar(-500, 100, 10)).toBe('');
    expect(bar(10, 0, 10)).toBe('');
    expect(bar(200, 100, 10)).toBe('██████████');
  });

  it('sets label, bar and figure on lines of the width given', () => {
    const lines = barChart([
      { label: '09h', value: 1000, text: '10,00 €' },
      { label: '10h', value: 0, text: '0,00 €' },
      { label: '11h', value: 2500, text: '25,00 €' },
    ], 32);
    expect(lines).toEqual([
      `09h ${'█'.repeat(8)}${' '.repeat(12)} 10,00 €`,
      `10h ${' '.repeat(20)}  0,00 €`,
      `11h ${'█'.repeat(20)} 25,00 €`,
    ]);
    for (const l of lines) expect([...l].length).toBe(32);
  });
});

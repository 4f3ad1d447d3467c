import { describe, expect, it } from 'vitest';
import { bigFigure } from './bigFigure';

describe('big figures', () => {
  it('are four rows tall, at most three columns a digit, and differ for every digit', () => {
    const all = Array.from({ length: 10 }, (_, d) => bigFigure(d));
    for (const rows of all) {
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
      expect(rows[0]!.length).toBeLessThanOrEqual(3);
    }
    expect(new Set(all.map((r) => r.join('\n'))).size).toBe(10);
    expect(bigFigure(12)[0]!.length).toBeGreaterThanOrEqual(5);
    expect(bigFigure(-3).join('')).toContain('▄▄▖');
  });
});

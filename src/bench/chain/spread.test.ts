import { describe, expect, it } from 'vitest';
import { ratios, spread } from './spread';

describe('figures over runs', () => {
  it('gives the median with the lowest and highest run, and every run', () => {
    expect(spread([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: [30, 10, 20] });
    expect(spread([]).median).toBeNaN();
  });

  it('divides each run by the reference of the same run, leaving out runs without one', () => {
    expect(ratios([50, 60, 90], [100, null, 100])).toEqual({ median: 0.5, min: 0.5, max: 0.9, runs: [0.5, 0.9] });
    expect(ratios([50], [null])).toBeNull();
    expect(ratios([50], [0])).toBeNull();
  });
});

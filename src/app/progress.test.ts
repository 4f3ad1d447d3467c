import { describe, expect, it } from 'vitest';
import { batches, stoppable, Stopped } from './progress';

describe('progress of long work', () => {
  it('cuts work into batches that cover it once, the last one short', () => {
    expect(batches(0, 3)).toEqual([]);
    expect(batches(7, 3)).toEqual([{ start: 0, end: 3 }, { start: 3, end: 6 }, { start: 6, end: 7 }]);
    expect(batches(6, 3)).toEqual([{ start: 0, end: 3 }, { start: 3, end: 6 }]);
  });

  it('tells the progress, then stops the work at the first batch after a stop is asked', () => {
    const told: [number, number][] = [];
    let stop = false;
    const onProgress = stoppable((d, t) => told.push([d, t]), () => stop);
    onProgress(1, 3);
    stop = true;
    expect(() => onProgress(2, 3)).toThrow(Stopped);
    expect(told).toEqual([[1, 3], [2, 3]]);
  });
});

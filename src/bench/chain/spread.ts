// Figures over repeated runs: the median, with the lowest and highest, and every run's own.
import { median } from '../stats';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(runs: readonly number[]): Spread {
  const finite = runs.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: [...runs] };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), runs: [...runs] };
}

/** Run by run, a figure divided by its reference of the same run; runs without one are left out. */
export function ratios(values: readonly number[], references: readonly (number | null)[]): Spread | null {
  const pairs = values.map((v, i) => [v, references[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null && p[1] !== undefined && p[1] > 0);
  return pairs.length === 0 ? null : spread(pairs.map(([v, r]) => v / r));
}

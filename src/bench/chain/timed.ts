// The run shared by the load and the hot-voucher measure: tills working side by side until the
// time is up, their times summed up the same way.
import type { Knex } from 'knex';
import { openDb } from '../../data/db';
import type { Terminal } from '../../data/places';
import { max, median, percentile } from '../stats';
import type { Timing } from './types';

export interface BenchTill {
  /** A pool of one connection, as a till process has. */
  db: Knex;
  terminal: Terminal;
  /** This till's own draws: reproducible whatever the order the server answers the tills in. */
  random: () => number;
}

/** One till per terminal, named pos-bench:<name>-N (not "pos:…": an embedded server counts those as tills). */
export function openTills(url: string, terminals: readonly Terminal[], name: string, random: (i: number) => () => number): BenchTill[] {
  return terminals.map((terminal, i) => ({
    // 64 tills connecting at once to a busy 2-core server may wait longer than a till's 3 s.
    db: openDb({ url, poolMax: 1, poolMin: 1, connectTimeoutMs: 30_000, applicationName: `pos-bench:${name}-${i + 1}` }),
    terminal,
    random: random(i),
  }));
}

export async function closeTills(tills: readonly { db: Knex }[]): Promise<void> {
  await Promise.all(tills.map((t) => t.db.destroy()));
}

/** Runs `work` over and over on every till at once for `seconds`; the seconds it really took. */
export async function forSeconds<T>(tills: readonly T[], seconds: number, work: (till: T, index: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    tills.map(async (t, i) => {
      while (performance.now() < end) await work(t, i);
    }),
  );
  return (performance.now() - start) / 1000;
}

/** Milliseconds since `began`. */
export function since(began: number): number {
  return performance.now() - began;
}

export function timing(samples: readonly number[]): Timing {
  return { n: samples.length, p50: median(samples), p99: percentile(samples, 99), max: max(samples) };
}

/** A few errors kept for the report, each once. */
export function keepError(errors: string[], error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  if (errors.length < 5 && !errors.includes(text)) errors.push(text);
}

import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Reporter, Vitest } from 'vitest/node';

// Files and the tests in each file run in a random order, so a test that leans on another (state
// left in a shared database, a module-level variable) fails instead of passing by luck. Vitest
// prints the seed at the start of the run ("Running tests with seed …"); VITEST_SEED=<seed> (or
// `--sequence.seed=<seed>`) replays that order.
const seedFromEnv = process.env.VITEST_SEED?.trim();
if (seedFromEnv && !/^\d+$/.test(seedFromEnv)) {
  throw new Error(`VITEST_SEED must be a whole number, not "${seedFromEnv}"`);
}
const seed = seedFromEnv ? Number(seedFromEnv) : randomInt(1, 1_000_000);

/** Says the seed again under a failed run's summary, where the eye lands, with how to replay it. */
function seedOnFailure(): Reporter {
  let vitest: Vitest | undefined;
  return {
    onInit(ctx) {
      vitest = ctx;
    },
    onTestRunEnd(modules, errors, reason) {
      if (reason === 'passed' && errors.length === 0) return;
      const used = vitest?.config.sequence.seed ?? seed;
      vitest?.logger.log(`Seed of this run: ${used} (VITEST_SEED=${used} npm test replays its order)`);
    },
  };
}

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['src/**/*.test.{ts,tsx}', 'drivers/**/*.test.ts', 'migrations/**/*.test.ts', 'knexfile.test.ts'],
    globalSetup: ['src/testing/globalSetup.ts'],
    // Most files wait on something else (a spawned bin/pos, PostgreSQL, a pseudo-terminal):
    // three at a time keep the 2 cores of a store server or CI machine busy (one at a time, the
    // default there, left the suite at 9 minutes).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { shuffle: { files: true, tests: true }, seed },
    reporters: ['default', seedOnFailure()],
  },
});

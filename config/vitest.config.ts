import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Files and the tests in each file run in a random order, so a test that leans on another (state
// left in a shared database, a module-level variable) fails instead of passing by luck. Vitest
// prints the seed at the start of the run ("Running tests with seed …"); VITEST_SEED=<seed> (or
// `--sequence.seed=<seed>`) replays that order.
const seedFromEnv = process.env.VITEST_SEED?.trim();
if (seedFromEnv && !/^\d+$/.test(seedFromEnv)) {
  throw new Error(`VITEST_SEED must be a whole number, not "${seedFromEnv}"`);
}
const seed = seedFromEnv ? Number(seedFromEnv) : randomInt(1, 1_000_000);

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['src/**/*.test.{ts,tsx}', 'drivers/**/*.test.ts', 'migrations/**/*.test.ts', 'knexfile.test.ts'],
    globalSetup: ['src/testing/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { shuffle: { files: true, tests: true }, seed },
  },
});

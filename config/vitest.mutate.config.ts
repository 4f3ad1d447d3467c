import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain ES module shared with the Stryker config, without types
import { testFiles } from './mutation.mjs';

// The tests Stryker runs (config/stryker.config.mjs): only those that reach the mutated money
// modules, in their written order, with the same database setup as `npm test`.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: testFiles() as string[],
    globalSetup: ['src/testing/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { shuffle: false },
  },
});

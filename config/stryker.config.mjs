// Mutation testing of the money paths: `npm run mutate` (see config/mutation.mjs for the groups).
// Not part of `npm test`: it reruns the tests for every mutant. Tests use DATABASE_URL when set,
// else a private embedded PostgreSQL, as in `npm test`.
import { mutateFiles, selectionName } from './mutation.mjs';

const selection = selectionName();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: mutateFiles(),
  testRunner: 'vitest',
  vitest: { configFile: 'config/vitest.mutate.config.ts', related: false },
  // Each mutant runs only the tests that reached it in the first run.
  coverageAnalysis: 'perTest',
  // A shared two-core machine: one test process at a time (STRYKER_CONCURRENCY to change).
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // Database tests on a busy machine: generous before a mutant counts as an endless loop.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  jsonReporter: { fileName: `.stryker/report-${selection}.json` },
  // A mutant in code run once at import (a constant table) needs every test file reloaded and
  // rerun, a minute each here: left out, and counted apart by the score (bin/mutation-score.mjs).
  ignoreStatic: true,
  incremental: process.env.STRYKER_INCREMENTAL !== '0',
  incrementalFile: `.stryker/incremental-${selection}.json`,
  tempDirName: '.stryker/tmp',
  ignorePatterns: ['dist', '.pos', '.stryker'],
  // TypeScript 7 has no JavaScript API for Stryker to rewrite tsconfig.json with, and nothing
  // in it points outside the sandbox: a name that does not exist turns that step off.
  tsconfigFile: 'config/tsconfig.none.json',
  thresholds: { high: 90, low: 75, break: null },
};

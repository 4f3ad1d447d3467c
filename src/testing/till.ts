// A till on the test database for a file's tests, as most use-case tests need one: opened before
// them with the built-in settings (no machine's config/local.json), closed after.
import { afterAll, beforeAll } from 'vitest';
import { closeTill, openTill, type Till } from '../app/till';
import { loadConfig } from '../config/load';
import type { TestDatabase } from './db';

/** `use` receives the till once it is open. */
export function useTestTill(testDb: () => TestDatabase, use: (till: Till) => void): void {
  let till: Till | undefined;
  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    use(till);
  });
  afterAll(async () => {
    if (till) await closeTill(till);
  });
}

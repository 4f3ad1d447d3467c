import { describe, expect, it } from 'vitest';
import { freePort } from '../testing/cluster';
import { useTestDatabase } from '../testing/db';
import { isConnectionError, openDb } from './db';
import { findServer, replicationLag } from './servers';

// The addresses of db.urls asked in turn for the one accepting writes (the failover itself is
// in failover.test.ts, with a standby of its own).
describe('finding the server among several addresses', () => {
  const testDb = useTestDatabase();

  it('skips an address nobody answers at, and says none answers as a lost connection', async () => {
    const { url } = testDb();
    const dead = new URL(url);
    dead.port = String(await freePort());
    expect(await findServer([dead.toString(), url], 'primary', 2000, 'pos-test')).toBe(url);
    const none = await findServer([dead.toString()], 'primary', 2000, 'pos-test').catch((e: unknown) => e);
    expect(none).toMatchObject({ code: '08001' });
    expect((none as Error).message).toMatch(/^no server of 1 accepts writes \(last: .*ECONNREFUSED/);
    expect(isConnectionError(none)).toBe(true);
  });

  it('a pool on several addresses works on the one that answers; a primary has no lag', async () => {
    const { url } = testDb();
    const dead = new URL(url);
    dead.port = String(await freePort());
    const db = openDb({ url: dead.toString(), urls: [dead.toString(), url], poolMax: 2 });
    try {
      const rows = await Promise.all([1, 2, 3].map(() => db.raw('SELECT pg_is_in_recovery() AS standby, current_database() AS name')));
      for (const r of rows) expect(r.rows[0]).toEqual({ standby: false, name: testDb().name });
      expect(await replicationLag(db)).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/tui';
import { connect, disconnect } from './connect';
import { Refusal } from './errors';

describe('the embedded PostgreSQL', () => {
  it('is made on first start with the demo shop, shared by a second till, and stopped by the last one', async () => {
    // No URL: the till starts its own server in its data folder.
    const config = testConfig('', { POS_DB_EMBEDDED_PORT: '54391', POS_DB_EMBEDDED_LINGER_SECONDS: '0' });
    const first = await connect(config, { migrate: true, demoOnFirstStart: true });
    try {
      expect(first.embedded).not.toBeNull();
      expect(first.seededDemo).toBe(true);
      expect(first.migrated.length).toBeGreaterThan(0);
      expect(existsSync(join(config.dataDir, 'db', 'pgdata', 'postmaster.pid'))).toBe(true);
      expect(await first.db('items').where('active', true).count({ n: '*' })).toEqual([{ n: 205 }]); // and CADEAU, the gift cards' line, off the catalogue

      const second = await connect(config, { migrate: true, demoOnFirstStart: true });
      expect(second.embedded!.port).toBe(first.embedded!.port);
      expect(second.seededDemo).toBe(false);
      expect(second.migrated).toEqual([]);
      // The first till leaves: the second still works on the same server.
      await disconnect(first);
      expect((await second.db.raw('SELECT 1 AS one')).rows[0].one).toBe(1);
      await disconnect(second);
      // The last till stopped the server itself.
      expect(existsSync(join(config.dataDir, 'db', 'pgdata', 'postmaster.pid'))).toBe(false);
    } finally {
      await first.embedded?.stop();
    }
    expect(existsSync(join(config.dataDir, 'db', 'pgdata', 'postmaster.pid'))).toBe(false);

    // Started again on the same folder: the data is still there, no demo reload.
    const again = await connect(config, { migrate: true, demoOnFirstStart: true });
    expect(again.seededDemo).toBe(false);
    await disconnect(again);
  });

  it('says which server cannot be reached, password masked', async () => {
    const config = testConfig('postgres://pos:secret@127.0.0.1:1/pos', { POS_DB_CONNECT_TIMEOUT_MS: '500' });
    const error = await connect(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).key).toBe('db.unreachable');
    expect((error as Refusal).params.url).toBe('postgres://pos:***@127.0.0.1:1/pos');
  });
});

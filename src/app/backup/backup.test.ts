// A backup of a shop with sales, restored onto a new database: `pos check` passes there and the
// reports give the same totals. A restore never overwrites a shop; the daily backup keeps so many.
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../cli/testCli';
import { withDatabase } from '../../data/db';
import { admin, useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { asTestTill } from '../../testing/tillUser';
import { inCi } from '../../testing/tools';
import { commitSale } from '../commitSale';
import { candidateDirs, findTools, pickTool } from './pgTools';

const SLOW = 180_000;

/** No pg_dump of the server's major here: skipped with the reason, but a failure in CI (CI=true). */
function noDump(ctx: { skip: (note: string) => void }, major: number): void {
  const reason = `no pg_dump for PostgreSQL ${major} on this machine (Debian package postgresql-client-${major})`;
  if (inCi()) throw new Error(`${reason}: with CI=true the backup tests fail instead of being skipped`);
  ctx.skip(reason);
}

describe('pos backup and pos restore', () => {
  const testDb = useTestDatabase();

  it('restores a shop with sales onto a new database: pos check passes, the reports say the same', async (ctx) => {
    const { major } = (await testDb().owner.raw("SELECT (current_setting('server_version_num')::int / 10000) AS major")).rows[0] as { major: number };
    const dump = pickTool(await findTools('pg_dump', candidateDirs('')), major);
    if (!('ok' in dump)) return noDump(ctx, major);

    const db = testDb().db;
    const till = await terminal(db, 'T02');
    for (const lines of [[['BOUL-001', 2], ['CAVE-001', 1]], [['EPIC-001', 3]], [['LIVR-003', 1]]] as [string, number][][]) {
      await commitSale(db, await saleRequest(db, { terminal: till, lines, tenders: [['card', null]] }));
    }
    const root = await mkdtemp(join(tmpdir(), 'pos-backup-'));
    const file = join(root, 'shop.dump');
    const here = { DATABASE_URL: testDb().url, DATABASE_OWNER_URL: testDb().ownerUrl };
    const made = await runCli(root, here, ['--json', 'backup', file]);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(made.stdout)).toMatchObject({ file, bytes: expect.any(Number), tables: expect.any(Number) });

    // Onto a shop: refused, nothing touched.
    expect(await runCli(root, here, ['restore', file])).toMatchObject({ code: 1, stderr: expect.stringContaining('La base n’est pas vide') });

    const name = `pos_restored_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      const ownerUrl = withDatabase(inject('pgServerUrl'), name);
      const there = { DATABASE_URL: asTestTill(ownerUrl), DATABASE_OWNER_URL: ownerUrl };
      const restored = await runCli(root, there, ['restore', file]);
      expect(restored).toMatchObject({ code: 0, stderr: '' });
      expect(restored.stdout).toMatch(/^Restauré depuis .*shop\.dump : \d+ tables, \d+ migrations ; vérifiez avec `pos check`\n$/);

      const check = async (env: NodeJS.ProcessEnv) => runCli(root, env, ['--json', 'check']);
      const [a, b] = [await check(here), await check(there)];
      expect(b).toMatchObject({ code: 0 });
      expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
      for (const kind of ['sales', 'payments', 'liabilities']) {
        const report = async (env: NodeJS.ProcessEnv) => JSON.parse((await runCli(root, env, ['--json', 'report', kind, '--from', '2000-01-01'])).stdout) as unknown;
        expect(await report(there), kind).toEqual(await report(here));
      }
      // The restored shop sells, as a till user.
      expect(await runCli(root, { ...there, POS_TERMINAL: 'T02' }, ['sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'cash:5'])).toMatchObject({ code: 0, stderr: '' });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, SLOW);

  it('keeps the day’s backup once and so many days of them', async (ctx) => {
    const { major } = (await testDb().owner.raw("SELECT (current_setting('server_version_num')::int / 10000) AS major")).rows[0] as { major: number };
    if (!('ok' in pickTool(await findTools('pg_dump', candidateDirs('')), major))) return noDump(ctx, major);
    const root = await mkdtemp(join(tmpdir(), 'pos-backup-'));
    const dir = join(root, 'daily');
    const env = { DATABASE_URL: testDb().url, DATABASE_OWNER_URL: testDb().ownerUrl, POS_BACKUP_DIR: dir, POS_BACKUP_KEEP: '2' };
    expect(await runCli(root, env, ['backup', '--daily'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Sauvegarde écrite : .*pos-\d{4}-\d\d-\d\d\.dump/) });
    expect(await runCli(root, env, ['backup', '--daily'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^La sauvegarde du jour est déjà là/) });
    await writeFile(join(dir, 'pos-2001-01-01.dump'), 'x');
    await writeFile(join(dir, 'pos-2001-01-02.dump'), 'x');
    expect(await runCli(root, env, ['backup', '--daily'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Anciennes sauvegardes supprimées : pos-2001-01-01.dump') });
    expect((await readdir(dir)).sort()).toEqual(['pos-2001-01-02.dump', expect.stringMatching(/^pos-\d{4}-\d\d-\d\d\.dump$/)]);
  }, SLOW);

  it('says which pg_dump is missing when none fits the server', () => {
    expect(pickTool([{ path: '/usr/bin/pg_dump', major: 15 }], 18)).toEqual({ newest: { path: '/usr/bin/pg_dump', major: 15 } });
    expect(pickTool([{ path: 'a', major: 15 }, { path: 'b', major: 18 }, { path: 'c', major: 17 }], 16)).toEqual({ ok: { path: 'b', major: 18 } });
    expect(pickTool([], 15)).toEqual({ newest: null });
  });
});

// `pos doctor`'s findings on a healthy till and on broken ones: the owner's role, a schema
// behind or ahead of this till, a clock off (an injected clock), a device missing, sales waiting.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from '../../testing/db';
import { testConfig } from '../../testing/tui';
import { describeFinding } from './describe';
import { runDoctor } from './doctor';
import type { Finding } from './findings';

const statuses = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.check === 'device' ? `device.${String(f.params.role)}` : f.check, f.status]));
const one = (fs: Finding[], check: Finding['check']) => fs.find((f) => f.check === check)!;

describe('pos doctor', () => {
  const testDb = useTestDatabase();

  it('finds a healthy till healthy', async () => {
    const config = testConfig(testDb().url);
    const findings = await runDoctor({ config, settleMs: 0 });
    expect(statuses(findings)).toEqual({ server: 'ok', schema: 'ok', role: 'ok', clock: 'ok', till: 'ok', disk: 'ok', 'device.printer': 'ok', 'device.drawer': 'ok', journal: 'ok' });
    expect(describeFinding('fr', one(findings, 'role'))).toEqual({ mark: '✓', label: 'Droits', found: 'connectée en pos_test_till, membre de pos_till', advice: null });
    expect(one(findings, 'server').params.version).toMatch(/^\d+/);
  });

  it('says the till connects as the owner, and what to do', async () => {
    const config = testConfig(testDb().ownerUrl);
    const role = one(await runDoctor({ config, settleMs: 0 }), 'role');
    expect(role.status).toBe('fail');
    expect(describeFinding('fr', role).advice).toMatch(/^connectez la caisse avec un utilisateur du rôle pos_till/);
    expect(describeFinding('en', role).advice).toMatch(/^connect the till as a user of the pos_till role/);
  });

  it('says a till user given the right to rewrite tickets by hand', async () => {
    const config = testConfig(testDb().url);
    await testDb().owner.raw('GRANT UPDATE ON sales TO pos_test_till');
    try {
      const role = one(await runDoctor({ config, settleMs: 0 }), 'role');
      expect(role).toMatchObject({ status: 'fail', found: 'doctor.role.tooMuch' });
      expect(describeFinding('fr', role).advice).toBe('retirez ces droits : REVOKE UPDATE, DELETE ON sales, audit_log FROM pos_test_till ; la caisse n’a besoin que du rôle pos_till');
    } finally {
      await testDb().owner.raw('REVOKE UPDATE ON sales FROM pos_test_till');
    }
  });

  it('says a clock ahead or behind the server (an injected clock)', async () => {
    const config = testConfig(testDb().url);
    const ahead = one(await runDoctor({ config, settleMs: 0, now: () => Date.now() + 5 * 60_000 }), 'clock');
    expect(ahead).toMatchObject({ status: 'fail', found: 'doctor.clock.ahead' });
    expect(Number(ahead.params.seconds)).toBeGreaterThan(290);
    expect(describeFinding('fr', ahead).advice).toContain('timedatectl set-ntp true');
    expect(one(await runDoctor({ config, settleMs: 0, now: () => Date.now() - 10_000 }), 'clock')).toMatchObject({ status: 'warn', found: 'doctor.clock.behind' });
  });

  it('says a device missing (the recorded one, the till’s), and configured devices set aside for those recorded', async () => {
    // The recorded printer is the till's (checked); the configuration's is set aside, and said so.
    const config = testConfig(testDb().url, { POS_DEVICES_PRINTER_URI: 'tcp://10.0.0.9:9100' });
    await testDb().owner('terminals').where('code', 'T01').update({ devices: JSON.stringify({ printer: '/nonexistent/dir/lp0' }) });
    try {
      const findings = await runDoctor({ config, settleMs: 0 });
      const printer = findings.find((f) => f.check === 'device' && f.params.role === 'printer')!;
      expect(printer.status).toBe('fail');
      expect(describeFinding('fr', printer)).toMatchObject({ found: 'Imprimante /nonexistent/dir/lp0 : absent', advice: expect.stringContaining('branché') });
      expect(findings.find((f) => f.found === 'doctor.device.differ')).toMatchObject({ status: 'warn', params: { till: 'T01', roles: 'printer' } });
    } finally {
      await testDb().owner('terminals').where('code', 'T01').update({ devices: '{}' });
    }
  });

  it('says sales waiting on disk', async () => {
    const config = testConfig(testDb().url);
    const spool = join(config.dataDir, 'spool', 'T01');
    await mkdir(spool, { recursive: true });
    await writeFile(join(spool, 'k1.json'), '{}');
    const journal = (await runDoctor({ config, settleMs: 0 })).filter((f) => f.check === 'journal');
    expect(journal).toMatchObject([{ status: 'warn', found: 'doctor.journal.spooled', params: { n: 1 } }]);
  });

  it('says a server unreachable, and skips what needs it', async () => {
    const config = testConfig('postgres://nobody@127.0.0.1:1/pos', { POS_DB_CONNECT_TIMEOUT_MS: '2000' });
    const findings = await runDoctor({ config, settleMs: 0 });
    expect(statuses(findings)).toMatchObject({ server: 'fail', schema: 'skip', role: 'skip', clock: 'skip', till: 'skip', disk: 'ok' });
    expect(describeFinding('fr', one(findings, 'server')).advice).toMatch(/^vérifiez que le serveur du magasin est allumé/);
  });

  it('says a schema behind this till, and one that asks a newer till, naming the version', async () => {
    const own = await createTestDatabase();
    try {
      const config = testConfig(own.url);
      const [last] = await own.owner('knex_migrations').orderBy('id', 'desc').limit(1).pluck('name');
      await own.owner('knex_migrations').where('name', last).delete();
      expect(one(await runDoctor({ config, settleMs: 0 }), 'schema')).toMatchObject({ status: 'fail', found: 'doctor.schema.behind', params: { pending: 1 } });
      await own.owner('knex_migrations').insert({ name: last, batch: 99, migration_time: new Date() });

      // A newer till migrated: a migration this one does not know, that still accepts it…
      await own.owner('knex_migrations').insert({ name: '20991231000000_future', batch: 100, migration_time: new Date() });
      await own.owner('schema_versions').insert({ name: '20991231000000_future', min_till_version: '0.0.1', applied_by_version: '0.9.0' });
      expect(one(await runDoctor({ config, settleMs: 0 }), 'schema')).toMatchObject({ status: 'warn', found: 'doctor.schema.newer', params: { by: '0.9.0' } });
      // …then one that does not.
      await own.owner('schema_versions').where('name', '20991231000000_future').update({ min_till_version: '0.9.0' });
      const tooOld = one(await runDoctor({ config, settleMs: 0 }), 'schema');
      expect(tooOld).toMatchObject({ status: 'fail', found: 'doctor.schema.tooOld' });
      expect(describeFinding('fr', tooOld).advice).toBe('installez la version 0.9.0 ou plus récente sur cette caisse');
    } finally {
      await dropTestDatabase(own);
    }
  });
});

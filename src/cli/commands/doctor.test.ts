// `pos doctor` as store IT runs it: readable lines with what to do, or one JSON document; exit 1
// when something must be fixed.
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

const SLOW = 120_000;

describe('pos doctor', () => {
  const { db, posEnv } = useCli();

  it('says a healthy till is well, in French and in JSON', async () => {
    const r = await posEnv({}, 'doctor');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Diagnostic de la caisse T01\n✓ Serveur +PostgreSQL \d+/);
    expect(r.stdout).toMatch(/✓ Droits +connectée en pos_test_till, membre de pos_till\n/);
    expect(r.stdout).toMatch(/✓ Caisse +T01, magasin M01, en service\n/);
    expect(r.stdout).toMatch(/Tout va bien\n$/);
    const j = JSON.parse((await posEnv({}, '--json', 'doctor')).stdout) as { status: string; findings: { check: string; status: string; todo: unknown }[] };
    expect(j.status).toBe('ok');
    expect(j.findings.map((f) => f.check)).toEqual(['server', 'schema', 'role', 'clock', 'till', 'disk', 'device', 'device', 'journal']);
  }, SLOW);

  it('says what to fix, French first and English in JSON, and exits 1', async () => {
    const r = await posEnv({ DATABASE_URL: db().ownerUrl, POS_DEVICES_PRINTER_URI: '/nonexistent/dir/lp0' }, 'doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Droits +connectée en \S+, (propriétaire des tables|superutilisateur)\n +→ À faire : connectez la caisse avec un utilisateur du rôle pos_till/);
    expect(r.stdout).toMatch(/✗ Périphérique +Imprimante \/nonexistent\/dir\/lp0 : absent\n +→ À faire : vérifiez qu’il est allumé et branché/);
    expect(r.stdout).toMatch(/À corriger : 3 point\(s\)\n$/);
    const j = JSON.parse((await posEnv({ DATABASE_URL: db().ownerUrl }, '--json', 'doctor')).stdout) as { findings: { check: string; status: string; todo: { fr: string; en: string } | null }[] };
    expect(j.findings.find((f) => f.check === 'role')).toMatchObject({ status: 'fail', todo: { fr: expect.stringMatching(/^connectez/), en: expect.stringMatching(/^connect the till/) } });
  }, SLOW);
});

import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { testConfig } from '../../testing/tui';
import { forgetOperators, keepOperators, keptOperators } from './operators';
import { readAuth, replayAuth, signInOffline } from './signIn';

describe('signing in with the server away', () => {
  const testDb = useTestDatabase();

  it('checks the kept PIN hash, counts wrong PINs to the lock-out and then tries none until the server is back; the audit log gets each event once, at its time', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_OPERATORS_LOCKOUT_ATTEMPTS: '3' });
    const t = await terminal(db);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    let clock = new Date('2026-12-06T09:00:00.000Z').getTime();
    const now = () => new Date((clock += 1000));
    // Nothing kept: nobody signs in offline.
    const gate = { dir, terminalId: t.id, config };
    await expect(signInOffline(gate, '1', '1234', 'login', now)).rejects.toMatchObject({ key: 'login.failed' });
    expect(await keepOperators(db, dir)).toBeGreaterThanOrEqual(2);
    expect(statSync(join(dir, 'operators.json')).mode & 0o777).toBe(0o600);

    expect(await signInOffline(gate, '1', '1234', 'login', now)).toMatchObject({ code: '1', role: 'cashier' });
    const manager = await signInOffline(gate, '2', '9999', 'login', now);
    expect(manager).toMatchObject({ code: '2', role: 'manager' });
    // An unknown code and a wrong PIN: one message.
    await expect(signInOffline(gate, '77', '1234', 'login', now)).rejects.toMatchObject({ key: 'login.failed' });
    await expect(signInOffline(gate, '1', '0000', 'login', now)).rejects.toMatchObject({ key: 'login.failed' });
    await expect(signInOffline(gate, '1', '1111', 'login', now)).rejects.toMatchObject({ key: 'login.failed' });
    // The third in a row locks the operator at this till; even the right PIN is not tried after it.
    await expect(signInOffline(gate, '1', '2222', 'login', now)).rejects.toMatchObject({ key: 'login.failed' });
    await expect(signInOffline(gate, '1', '1234', 'login', now)).rejects.toMatchObject({ key: 'login.offlineLocked' });
    // Another operator is not locked by it.
    await expect(signInOffline(gate, '2', '9999', 'idleUnlock', now)).resolves.toMatchObject({ code: '2' });
    const events = await readAuth(dir);
    expect(events.map((e) => e.action)).toEqual(['pin.unknownOperator', 'login.offline', 'login.offline', 'pin.unknownOperator', 'pin.failed', 'pin.failed', 'pin.failed', 'pin.lockout', 'pin.whileLocked', 'login.offline']);

    // The server back: each event once in the audit log, at its time; run again, nothing twice.
    expect(await replayAuth(db, dir)).toBe(events.length);
    const rows = await db('audit_log').whereRaw("details->>'offlineId' = ANY(?)", [events.map((e) => e.id)]).orderBy('at');
    expect(rows.map((r) => [r.action, r.at.toISOString(), r.terminal_id])).toEqual(events.map((e) => [e.action, e.at, t.id]));
    expect(rows.find((r) => r.action === 'pin.lockout')!.details).toMatchObject({ attempts: 3, offline: true, untilServer: true });
    expect(await replayAuth(db, dir)).toBe(0);
    // The journal is kept under a name of its own: the offline count starts again.
    expect(readdirSync(dir).filter((n) => n.startsWith('auth-') && n.endsWith('.done'))).toHaveLength(1);
    expect(await signInOffline(gate, '1', '1234', 'login', now)).toMatchObject({ code: '1' });
  });

  it('keeps a lock-out running on the server when the copy was made: the operator stays refused offline until it ends', async () => {
    const { db, url, owner } = testDb();
    const config = testConfig(url);
    const t = await terminal(db);
    const dir = mkdtempSync(join(tmpdir(), 'pos-offline-'));
    const [{ id }] = await owner('operators').insert({ code: '71', name: 'Alex', role: 'cashier', pin_hash: (await owner('operators').where({ code: '1' }).first()).pin_hash }).returning('id');
    await owner('operators').where({ id }).update({ locked_until: owner.raw("now() + interval '1 hour'") });
    await keepOperators(db, dir);
    const gate = { dir, terminalId: t.id, config };
    await expect(signInOffline(gate, '71', '1234')).rejects.toMatchObject({ key: 'login.locked', params: { name: 'Alex' } });
    // Its end passed (the till's clock): the kept PIN lets them in.
    await expect(signInOffline(gate, '71', '1234', 'login', () => new Date(Date.now() + 2 * 3600_000))).resolves.toMatchObject({ id });
    expect((await readAuth(dir)).map((e) => e.action)).toEqual(['pin.whileLocked', 'login.offline']);
    // Selling offline turned off: the hashes leave the disk (twice is no error).
    await forgetOperators(dir);
    await forgetOperators(dir);
    expect(await keptOperators(dir)).toEqual([]);
  });
});

// PINs at the till: wrong ones counted and logged, a lock-out at the configured count that even
// the right PIN does not pass, lifted by a manager only; counted right when two tills race.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { race } from '../testing/barrier';
import { useTestDatabase } from '../testing/db';
import { Refusal } from './errors';
import { hashPin, pinProblem, verifyPin } from './pin';
import { login, managerApproval, unlock, type PinGate } from './session';

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof Refusal ? { key: e.key, params: e.params } : e));

describe('operators and their PINs', () => {
  const testDb = useTestDatabase();
  const operators = (attempts: number, minutes = 15) => ({ lockout: { attempts, minutes }, idleLockMinutes: 5, serviceOperator: '' });
  const gate = async (attempts = 3, db = testDb().db, terminal = 'T01'): Promise<PinGate> => {
    const t = (await db('terminals').where('code', terminal).first('id')) as { id: number };
    return { db, terminal: t, config: { operators: operators(attempts), timeZone: 'Europe/Paris' } };
  };
  const camille = async () => (await testDb().db('operators').where('code', '1').first('id', 'failed_pins', 'locked_until')) as { id: number; failed_pins: number; locked_until: Date | null };
  const audit = async (action: string, operatorId?: number): Promise<{ terminal_id: number; operator_id: number; approver_id: number | null; details: Record<string, unknown>; at: Date }[]> =>
    testDb().db('audit_log').where('action', action).modify((q) => void (operatorId !== undefined && q.where('operator_id', operatorId))).orderBy('id').select('terminal_id', 'operator_id', 'approver_id', 'details', 'at');

  // The tests run in any order: each starts with nobody locked.
  beforeEach(async () => {
    await testDb().owner('operators').update({ failed_pins: 0, locked_until: null });
  });

  it('refuses PINs under 4 digits when one is set, and still verifies hashes made at the older cost', () => {
    expect(pinProblem('123')).toBe('pin.tooShort');
    expect(pinProblem('12a4')).toBe('pin.digitsOnly');
    expect(pinProblem('1234')).toBeNull();
    expect(() => hashPin('123')).toThrow(RangeError);
    const old = hashPin('4321', { N: 16384, r: 8 });
    expect(old.split('$')[1]).toBe('16384');
    expect(verifyPin('4321', old)).toBe(true);
    expect(verifyPin('4322', old)).toBe(false);
    expect(hashPin('4321').split('$')[1]).toBe('65536');
    // A row naming an absurd cost is refused, not computed.
    expect(verifyPin('4321', old.replace('$16384$', '$1073741824$'))).toBe(false);
  });

  it('counts and logs each wrong PIN, locks at the count, refuses the right PIN while locked, and a manager lifts it', async () => {
    const g = await gate(3);
    const { id } = await camille();
    // Other tests of this file (any order) lock and unlock Camille too: only this test's rows count.
    const before = (await audit('pin.failed', id)).length;
    const [lockoutsBefore, whileLockedBefore, unlocksBefore] = [(await audit('pin.lockout', id)).length, (await audit('pin.whileLocked', id)).length, (await audit('operator.unlock', id)).length];
    expect(await refusal(login(g, '1', '0000'))).toEqual({ key: 'login.failed', params: {} });
    expect(await refusal(login(g, '1', '1111'))).toEqual({ key: 'login.failed', params: {} });
    expect((await camille()).failed_pins).toBe(2);
    const failed = (await audit('pin.failed', id)).slice(before);
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ terminal_id: g.terminal!.id, operator_id: id, details: { attempt: 1, max: 3, purpose: 'login' } });

    const third = (await refusal(login(g, '1', '2222'))) as { key: string; params: { until: string; name: string } };
    expect(third).toMatchObject({ key: 'login.lockedNow', params: { name: 'Camille' } });
    expect(third.params.until).toMatch(/^\d\d:\d\d$|^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const locked = await camille();
    expect(locked.locked_until!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await audit('pin.lockout', id)).slice(lockoutsBefore)).toMatchObject([{ terminal_id: g.terminal!.id, details: { attempts: 3 } }]);

    // The right PIN, locked: refused, saying until when, and logged.
    expect(await refusal(login(g, '1', '1234'))).toMatchObject({ key: 'login.locked', params: { name: 'Camille', until: third.params.until } });
    expect((await audit('pin.whileLocked', id)).slice(whileLockedBefore)).toHaveLength(1);

    // A cashier cannot lift it (refused and logged); a manager can (logged with who).
    expect(await refusal(unlock(g, '1', { code: '1', pin: '1234' }))).toMatchObject({ key: 'login.locked' });
    const manager = (await testDb().db('operators').where('code', '2').first('id')) as { id: number };
    expect(await unlock(g, '1', { code: '2', pin: '9999' })).toMatchObject({ wasLocked: true, operator: { code: '1' } });
    expect((await audit('operator.unlock', id)).slice(unlocksBefore)).toMatchObject([{ approver_id: manager.id, terminal_id: g.terminal!.id }]);
    expect(await camille()).toMatchObject({ failed_pins: 0, locked_until: null });
    expect(await login(g, '1', '1234')).toMatchObject({ code: '1', role: 'cashier' });
  });

  it('refuses a cashier where a manager must approve, and logs the refusal with the action', async () => {
    const g = await gate(5);
    const { id } = await camille();
    expect(await refusal(managerApproval(g, '1', '1234', 'priceOverride'))).toMatchObject({ key: 'approval.notManager' });
    expect((await audit('approval.refused', id)).slice(-1)).toMatchObject([{ terminal_id: g.terminal!.id, details: { action: 'priceOverride', role: 'cashier' } }]);
    // A cashier lifting a lock: refused by the database as well, whatever the caller checked.
    await expect(testDb().db.raw('SELECT pos_operator_unlock(?, ?, NULL, ?::jsonb)', [id, id, '{}'])).rejects.toMatchObject({ code: '42501' });
  });

  it('counts the wrong PINs of two tills typing at the same moment, both of them', async () => {
    const { id } = await camille();
    const before = (await audit('pin.failed', id)).length;
    // Two tills: two pools of their own, each its own connection to the database.
    const tills = [openDb({ url: testDb().url, poolMax: 1 }), openDb({ url: testDb().url, poolMax: 1 })];
    try {
      const gates = await Promise.all([gate(2, tills[0], 'T01'), gate(2, tills[1], 'T02')]);
      const results = await race(testDb(), { before: 'UPDATE', table: 'operators' }, gates.map((g) => () => refusal(login(g, '1', '0000'))));
      const keys = results.map((r) => (r.status === 'fulfilled' ? (r.value as { key: string }).key : String(r.reason))).sort();
      // Both counted: the second reached the count of 2 and locked the operator.
      expect(keys).toEqual(['login.failed', 'login.lockedNow']);
    } finally {
      await Promise.all(tills.map((t) => t.destroy()));
    }
    const after = await audit('pin.failed', id);
    expect(after.slice(before).map((a) => (a.details as { attempt: number }).attempt).sort()).toEqual([1, 2]);
    expect(new Set(after.slice(before).map((a) => a.terminal_id)).size).toBe(2);
    expect((await camille()).locked_until).not.toBeNull();
  });
});

// Operators at the till: the idle lock (a clock of the test's own, no sleeping) keeps the ticket
// behind a PIN; a cashier typing their own code where a manager must approve is refused, logged.
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { manualIdle } from '../testing/idle';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';
import { BACKROOM_SCREENS } from './backroom/screens';

describe('operators at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  // The tests run in any order: each starts with nobody locked.
  beforeEach(async () => {
    await testDb().owner('operators').update({ failed_pins: 0, locked_until: null });
  });

  it('locks itself after the idle time, deaf to keys, and gives the ticket back to the right PIN only', async () => {
    const idle = manualIdle();
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none', POS_OPERATORS_IDLE_LOCK_MINUTES: '3' }), { idleTimer: idle.timer });
    await s.signIn();
    await s.type('CAVE-001\r');
    await s.frame((f) => /Bordeaux rouge 75 cl\s+1\s+8,99 €/.test(f));
    expect(idle.ms()).toBe(180_000);
    const armedBefore = idle.armed();
    await s.type('x');
    expect(idle.armed()).toBeGreaterThan(armedBefore); // a key starts the idle time again
    await s.type('\x7f');

    idle.fire();
    const lockedFrame = await s.frame((f) => f.includes('Caisse verrouillée'));
    expect(lockedFrame).toContain('Camille : tapez votre PIN');
    expect(lockedFrame).not.toContain('Bordeaux rouge');
    // What is typed under the lock reaches the PIN field, not the ticket behind.
    await s.type('0000\r');
    await s.frame((f) => f.includes('Code ou PIN incorrect'));
    const camille = (await testDb().db('operators').where('code', '1').first('id')) as { id: number };
    expect(await testDb().db('audit_log').where({ action: 'pin.failed', operator_id: camille.id }).orderBy('id', 'desc').first('details')).toMatchObject({ details: { purpose: 'idleUnlock', via: 'till' } });
    await s.type('1234\r');
    const back = await s.frame((f) => f.includes('TOTAL') && !f.includes('Caisse verrouillée'));
    expect(back).toMatch(/Bordeaux rouge 75 cl\s+1\s+8,99 €/);
    expect(back).toMatch(/TOTAL\s+8,99 €/);
    s.ui.unmount();
  });

  it('refuses a cashier approving a price override, a discount or a no-sale, and logs each refusal', async () => {
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    const camille = (await testDb().db('operators').where('code', '1').first('id')) as { id: number };
    const refusals = async () => (await testDb().db('audit_log').where({ action: 'approval.refused', operator_id: camille.id }).orderBy('id').select('details', 'terminal_id')) as { details: { action: string }; terminal_id: number }[];
    const before = (await refusals()).length;
    // The drawer opens without a sale on an empty ticket only; the price and discount need a line.
    for (const [key, action] of [['\x0f', 'noSale'], [KEYS.f5, 'priceOverride'], [KEYS.f6, 'lineDiscount']] as const) {
      if (action === 'priceOverride') {
        await s.type('CAVE-001\r');
        await s.frame((f) => f.includes('Bordeaux rouge 75 cl'));
      }
      await s.type(key);
      await s.type('1\r1234\r');
      await s.frame((f) => f.includes('Camille n’est pas responsable : validation refusée'));
      await s.type('\x1b');
      await s.frame((f) => !f.includes('Camille n’est pas responsable'));
      const logged = (await refusals()).slice(before);
      expect(logged.at(-1)!.details).toMatchObject({ action, role: 'cashier', via: 'till' });
      expect(logged.at(-1)!.terminal_id).not.toBeNull();
    }
    expect((await refusals()).length - before).toBe(3);
    s.ui.unmount();
  });

  it('a manager lifts a lock-out from the back office, with their PIN again; logged', async () => {
    const { db } = testDb();
    await testDb().owner('operators').where('code', '1').update({ locked_until: testDb().owner.raw("now() + interval '1 hour'") });
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await s.type('\x1b[23~'); // F11, the back office
    await s.frame((f) => f.includes('Gestion'));
    for (let i = 0; i < BACKROOM_SCREENS.findIndex((x) => x.id === 'unlock'); i++) await s.type(KEYS.down);
    await s.type('\r');
    await s.frame((f) => f.includes('Débloquer un opérateur'));
    await s.type('1\r');
    await s.type('0000\r');
    await s.frame((f) => f.includes('Code ou PIN incorrect'));
    expect(await db('operators').where('code', '1').first('locked_until')).not.toEqual({ locked_until: null });
    // The code is kept: the PIN alone again.
    await s.type('9999\r');
    await s.frame((f) => f.includes('Camille débloqué(e)'));
    expect(await db('operators').where('code', '1').first('locked_until')).toEqual({ locked_until: null });
    const manager = (await db('operators').where('code', '2').first('id')) as { id: number };
    expect(await db('audit_log').where('action', 'operator.unlock').orderBy('id', 'desc').first('approver_id', 'terminal_id')).toMatchObject({ approver_id: manager.id, terminal_id: expect.any(Number) });
    s.ui.unmount();
  });
});

// The back-office menu at the till: every screen has a key of its own, past the ninth too.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { testConfig } from '../../testing/tui';
import { menuKey } from './menuKeys';
import { BACKROOM_SCREENS } from './screens';

describe('the back-office menu', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('opens a screen past the ninth by the letter shown before it', async () => {
    const doctor = BACKROOM_SCREENS.findIndex((s) => s.id === 'doctor');
    expect(doctor).toBeGreaterThanOrEqual(9); // an admin sees every screen, so its place is this one
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('3', '2468');
    await s.type('\x1b[23~'); // F11, the back office
    await s.frame((f) => f.includes(`${menuKey(doctor)}. Diagnostic`) && f.includes('1. '));
    await s.type(menuKey(doctor).toLowerCase());
    await s.frame((f) => f.includes('Diagnostic de la caisse'));
    s.ui.unmount();
  });
});

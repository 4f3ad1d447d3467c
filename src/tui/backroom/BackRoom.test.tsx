// The back-office menu at the till: every screen has a key of its own, past the ninth too.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';
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

  it('at 60×20 shows the entries that fit, scrolls to the one chosen, and opens a hidden one by its key', async () => {
    const size = { columns: 60, rows: 20 };
    const last = BACKROOM_SCREENS.length - 1;
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none' }), {}, size);
    await s.signIn('3', '2468');
    await s.type('\x1b[23~');
    const menu = await s.frame((f) => f.includes('1. Bons d’achat'));
    const fits = (f: string) => {
      const lines = f.split('\n');
      expect(lines.length, f).toBeLessThanOrEqual(size.rows - 1);
      for (const l of lines) expect([...l].length, f).toBeLessThanOrEqual(size.columns);
    };
    fits(menu);
    expect(menu).not.toContain(`${menuKey(last)}. Diagnostic`); // scrolled away, not cut off the screen
    for (let i = 0; i < last; i++) await s.type(KEYS.down);
    const end = await s.frame((f) => f.includes(`${menuKey(last)}. Diagnostic`));
    fits(end);
    expect(end).not.toContain('1. Bons d’achat');
    await s.type('1'); // opens the first, though it is scrolled away
    await s.frame((f) => f.includes('Bons d’achat') && !f.includes(`${menuKey(last)}. Diagnostic`));
    s.ui.unmount();
  });
});

// The check-up in the back room: the running till's findings at 80×24, Enter checks again.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../testing/db';
import { useTillScreens } from '../../../testing/tillScreen';
import { menuEntryKey, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';

describe('the check-up screen of the back room', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('shows each finding and what to do, fitting 80×24', async () => {
    const s = start(testConfig(testDb().url, { POS_DEVICES_PRINTER_URI: '/nonexistent/dir/lp0' }), {}, { columns: 80, rows: 24 });
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Diagnostic'));
    await s.type(menuEntryKey(menu, 'Diagnostic'));
    const f = await s.frame((x) => x.includes('À corriger'));
    expect(f).toMatch(/✓ Droits +connectée en pos_test_till, membre de pos_till/);
    expect(f).toMatch(/✗ Périphérique +Imprimante \/nonexistent\/dir\/lp0 : absent\n +→ vérifiez qu’il est allumé/);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });
});

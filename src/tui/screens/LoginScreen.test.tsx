import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { testConfig } from '../../testing/tui';

describe('signing in (ink-text-input fields)', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('masks the PIN, refuses a wrong one and empties it, types no letter for a Ctrl key, then signs in', async () => {
    const { url } = testDb();
    const s = start(testConfig(url));
    await s.frame((f) => f.includes('base OK'));
    // Ctrl+T is a key of the sale screen, not text.
    await s.type('\x14');
    await s.type('1');
    await s.type('\r');
    await s.type('99');
    let f = await s.frame((x) => /PIN\s+› ••/.test(x));
    expect(f).toMatch(/Code opérateur\s+› 1\s+│/);
    expect(f).not.toContain('99');
    await s.type('9\r');
    f = await s.frame((x) => x.includes('Code ou PIN incorrect'));
    expect(f).toMatch(/PIN\s+›\s+│/);
    // The code stays; the PIN is typed again.
    await s.type('1234\r');
    await s.frame((x) => x.includes('TOTAL') && x.includes('Camille'));
    s.ui.unmount();
  });

  it('takes a code and PIN typed ahead in one burst, and Esc starts again', async () => {
    const { url } = testDb();
    const s = start(testConfig(url));
    await s.frame((f) => f.includes('base OK'));
    await s.type('2\r99');
    await s.frame((f) => /PIN\s+› ••/.test(f));
    await s.type('\x1b');
    await s.frame((f) => /Code opérateur\s+›\s+│/.test(f) && /PIN\s+›\s+│/.test(f));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('TOTAL') && f.includes('Dominique'));
    s.ui.unmount();
  });
});

// The training-mode screen of the back room, on the running till at 80×24: Enter switches the
// till into training mode, journalled; the status line then says it, on the menu and the sale screen.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../testing/db';
import { useTillScreens } from '../../../testing/tillScreen';
import { menuEntryKey, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';

describe('the training mode screen of the back room', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('switches the till into training mode, journalled, and the status line says it', async () => {
    const s = start(testConfig(testDb().url), {}, { columns: 80, rows: 24 });
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Mode école'));
    await s.type(menuEntryKey(menu, 'Mode école'));
    await s.frame((f) => f.includes('Mode école de la caisse T01') && f.includes('mode école désactivé'));
    await s.type('\r');
    const on = await s.frame((f) => f.includes('mode école activé (journalisé)'));
    expect(on).toContain('Caisse T01 : mode école activé.');
    const event = await testDb().db('journal_events').where({ kind: 'training_on' }).first();
    expect(event).toMatchObject({ operator_id: 2 });
    await s.type('\x1b');
    const back = await s.frame((f) => f.split('\n')[0]!.includes('MODE ÉCOLE – FACTICE'));
    for (const l of back.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });
});

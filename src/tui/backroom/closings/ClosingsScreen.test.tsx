// The closing screen of the back room at 80×24, on a till whose clock is fixed: the X report of
// the day as it opens, F2 closes the till's day (Z) shown and sent to the printer, F2 again is
// refused on the message line; the closings' reducer on its own.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../domain/clock';
import { useTestDatabase } from '../../../testing/db';
import { sellAt } from '../../../testing/sellAt';
import { useTillScreens } from '../../../testing/tillScreen';
import { KEYS, menuEntryKey, testConfig } from '../../../testing/tui';
import { closingsReducer, initialClosings } from './closingsState';

const F11 = '\x1b[23~';

describe('the closing screen of the back room', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('shows the X report, closes the day on F2 and prints its Z, refuses a second Z', async () => {
    const { db, url } = testDb();
    await sellAt(db, 'T01', '2026-11-20T10:00:00+01:00', [['CAVE-001', 2]], { tenders: [['card', null]] });
    const s = start({ ...testConfig(url), clock: fixedClock('2026-11-20T19:00:00+01:00') }, {}, { columns: 80, rows: 24 });
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Clôtures'));
    await s.type(menuEntryKey(menu, 'Clôtures'));

    const x = await s.frame((f) => f.includes('RAPPORT X') && f.includes('17,98 €'));
    expect(x).toContain('20/11/2026');

    await s.type(KEYS.f2);
    await s.frame((f) => f.includes('CLÔTURE JOURNALIÈRE (Z)') && f.includes('1 clôture faite'));
    const job = await db('print_jobs').where('kind', 'slip').first();
    expect(job.title).toBe('Z day T01 2026-11-20 #1');

    await s.type(KEYS.f2);
    await s.frame((f) => f.includes('Période 20/11/2026 déjà clôturée'));
  });

  it('closes nothing while a closing runs, and scrolls within the document', () => {
    const shown = closingsReducer(initialClosings, { type: 'shown', lines: ['a', 'b', 'c', 'd'], printable: true }).state;
    const key = (name: string) => ({ type: 'key' as const, key: { name: name as 'f2', ctrl: false, text: '' }, page: 2 });
    const closing = closingsReducer(shown, key('f2'));
    expect(closing.effect).toEqual({ kind: 'close', order: { scope: 'terminal', kind: 'day' } });
    expect(closingsReducer(closing.state, key('f3')).effect).toBeUndefined();
    expect(closingsReducer(shown, key('pagedown')).state.top).toBe(2);
    expect(closingsReducer(shown, key('f6')).effect).toEqual({ kind: 'print' });
    expect(closingsReducer(shown, key('escape')).effect).toEqual({ kind: 'back' });
  });
});

// Two tills in real terminals (the bundle, bin/pos, in tmux), one store: the croissants are
// low; T02 sells one, and T01, with croissants on its own ticket, shows the figure count down.
// The kouign-amann is low: T01's item keys show what is left in big red figures, and a
// kouign-amann sold on T02 counts it down there.
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countStock } from '../app/stock/book';
import { useTestDatabase } from '../testing/db';
import { bigFigure } from './itemKeys/bigFigure';
import { startTill, type TmuxTill } from '../testing/tmux';
import { needs } from '../testing/tools';

describe.skipIf(!needs('tmux', 'two tills in real terminals'))('two tills in terminals, live', () => {
  const testDb = useTestDatabase();
  const tills: TmuxTill[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const t of tills) await t.kill();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  async function till(terminal: string): Promise<TmuxTill> {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-tty-'));
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    const t = await startTill({ DATABASE_URL: testDb().url, POS_TERMINAL: terminal, POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt') });
    tills.push(t);
    await t.waitFor((s) => s.includes('Ouverture de session') && s.includes('base OK'));
    await t.keys('1', 'Enter', '1234', 'Enter');
    await t.waitFor((s) => s.includes('TOTAL'));
    return t;
  }

  it('a croissant sold on T02 counts down on the screen of T01', async () => {
    const { db } = testDb();
    await countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: 'BOUL-006', qty: '4' }]);
    const [t01, t02] = [await till('T01'), await till('T02')];
    await t01.keys('BOUL-006', 'Enter');
    await t01.waitFor((s) => s.includes('Croissant plus que 4'));
    await t02.keys('BOUL-006', 'Enter');
    await t02.waitFor((s) => s.includes('Croissant plus que 4'));
    await t02.keys('F12');
    await t02.waitFor((s) => s.includes('Encaissement'));
    await t02.keys('Enter');
    await t02.waitFor((s) => /Reste à payer\s+0,00 €/.test(s));
    await t02.keys('Enter');
    await t02.waitFor((s) => s.includes('enregistré'));
    await t01.waitFor((s) => s.includes('Croissant plus que 3'));
  });

  /** Where the big figure `n` stands under the kouign-amann key's line ("6 Kouign-amann"): its first row's line and column, or null. */
  function figureAt(screen: string, n: number): { line: number; column: number } | null {
    const lines = screen.split('\n');
    const rows = bigFigure(n).map((r) => r.trimEnd());
    for (let i = 1; i + rows.length <= lines.length; i++) {
      const key = lines[i - 1]!.indexOf('6 Kouign-amann');
      if (key < 0) continue;
      // The figure is centred on its key, a dozen columns wide at most.
      const c = lines[i]!.indexOf(rows[0]!, key);
      if (c >= 0 && c < key + 14 && rows.every((r, k) => lines[i + k]!.slice(c, c + r.length) === r)) return { line: i, column: c };
    }
    return null;
  }

  /**
   * Waits for the big figure `n` under the kouign-amann key's line ("6 Kouign-amann"), each of
   * its rows in red (tmux gives the colours back as SGR codes); where it stands. A screen caught
   * while the till redraws it is read again.
   */
  async function redFigureOn(t: TmuxTill, n: number): Promise<{ line: number; column: number }> {
    let last = '';
    for (const start = Date.now(); Date.now() - start < 10_000; await new Promise((r) => setTimeout(r, 50))) {
      const screen = await t.screen();
      const at = figureAt(screen, n);
      if (!at) continue;
      const coloured = (last = await t.screen({ escapes: true })).split('\n');
      if ([0, 1, 2, 3].every((k) => /\x1b\[[0-9;]*31[0-9;]*m\s*[▖▗▘▝▚▞▌▐▀▄▛▜▙▟]/.test(coloured[at.line + k] ?? ''))) return at;
    }
    throw new Error(`no red figure ${n} under the kouign-amann key:\n${last || (await t.screen({ escapes: true }))}`);
  }

  it('a kouign-amann sold on T02 counts down in big red figures on the item key of T01', async () => {
    const { db } = testDb();
    // The croissants back above their threshold (the test above sold some): only the kouign-amann's figure says 3.
    await countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: 'BOUL-025', qty: '3' }, { line: 2, code: 'BOUL-006', qty: '40' }]);
    const [t01, t02] = [await till('T01'), await till('T02')];
    await t01.keys('C-k');
    const at = await redFigureOn(t01, 3);
    await t02.keys('BOUL-025', 'Enter');
    await t02.waitFor((s) => s.includes('Kouign-amann'));
    await t02.keys('F12');
    await t02.waitFor((s) => s.includes('Encaissement'));
    await t02.keys('Enter');
    await t02.waitFor((s) => /Reste à payer\s+0,00 €/.test(s));
    await t02.keys('Enter');
    await t02.waitFor((s) => s.includes('enregistré'));
    expect(await redFigureOn(t01, 2)).toEqual(at);
    expect(figureAt(await t01.screen(), 3)).toBeNull();
  });
});

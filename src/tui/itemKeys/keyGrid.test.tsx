// The item keys on the sale screen, as the cashier sees them: the demo's bakery page, the
// kouign-amann low (3 left) all in red with its figure in big block digits, which counts down
// as it is sold here and on the other till; a key sells its item; a key with nothing on it is
// refused and changes nothing; the page key turns the pages. Frames are taken with colour.
import chalk from 'chalk';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSale } from '../../app/commitSale';
import { countStock } from '../../app/stock/book';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';
import { bigFigure } from './bigFigure';

const CTRL_K = '\x0b';
const RED = '\x1b[31m';
const plain = (f: string) => f.replace(/\x1b\[[0-9;]*m/g, '');

/** Whether the frame holds the big figure `n`, each of its rows drawn in red. */
function redFigure(frame: string, n: number): boolean {
  const lines = frame.split('\n');
  const rows = bigFigure(n);
  const at = lines.findIndex((l) => plain(l).includes(rows[0]!));
  if (at < 0) return false;
  return rows.every((row, i) => {
    const line = lines[at + i] ?? '';
    const cell = line.indexOf(row);
    // The row's own characters come right after the red code (bold may sit between).
    return cell >= 0 && line.lastIndexOf(RED, cell) >= 0 && !line.slice(line.lastIndexOf(RED, cell), cell).includes('\x1b[39m');
  });
}

describe('item keys on the sale screen', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });

  const sellOnT02 = async (db: Knex, sku: string) => commitSale(db, await saleRequest(db, { terminal: await terminal(db, 'T02'), lines: [[sku, 1]] }));

  it('shows a low item in big red figures that count down as it is sold here and on another till; a key sells its item', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url), {}, { columns: 80, rows: 24 });
    await s.signIn();
    await s.type(CTRL_K);
    let f = await s.frame((x) => plain(x).includes('Touches · Boulangerie (1/2)') && redFigure(x, 3));
    // A key that is not low: its character, its name, its price, not in red.
    expect(plain(f)).toMatch(/1 Baguette/);
    expect(plain(f)).toContain('1,30 €');
    const baguette = f.split('\n').find((l) => plain(l).includes('Baguette tradition') || plain(l).includes('1 Baguette'))!;
    expect(baguette.slice(0, baguette.indexOf('Baguette'))).not.toContain(RED);
    // The kouign-amann's key: its name in red, the figure in red, no price.
    const kouign = f.split('\n').find((l) => plain(l).includes('Kouign'))!;
    expect(kouign.slice(0, kouign.indexOf('Kouign'))).toContain(RED);
    expect(plain(f)).not.toContain('2,90 €');

    // Key 6 puts it on the ticket; a key with nothing on it is refused, the ticket as it was.
    await s.type('6');
    await s.frame((x) => plain(x).includes('Kouign-amann ajouté') && /TOTAL\s+2,90 €/.test(plain(x)));
    await s.type('Z');
    f = await s.frame((x) => plain(x).includes('Pas de touche Z sur la page « Boulangerie »'));
    expect(plain(f)).toMatch(/TOTAL\s+2,90 €/);
    // Paid: the figure says 2, the grid still open for the next customer.
    await s.type(KEYS.f12);
    await s.type('20\r');
    await s.frame((x) => plain(x).includes('RENDU MONNAIE'));
    await s.type('\r');
    await s.frame((x) => plain(x).includes('Touches · Boulangerie') && redFigure(x, 2));
    // Sold on the other till: 1 left.
    await sellOnT02(db, 'BOUL-025');
    await s.frame((x) => redFigure(x, 1));
    // A croissant (key 3, not low: a price on the key), then F3: two of them. A digit typed
    // with the keys open is a key, not a quantity.
    await s.type('3');
    await s.frame((x) => /TOTAL\s+1,20 €/.test(plain(x)));
    await s.type(KEYS.f3);
    await s.type('2\r');
    await s.frame((x) => /TOTAL\s+2,40 €/.test(plain(x)));
    // The page key again: the coffee page, the cold coffee low (2 left).
    await s.type(CTRL_K);
    f = await s.frame((x) => plain(x).includes('Touches · Café et snacks (2/2)') && redFigure(x, 2));
    expect(plain(f)).toContain('Café');
    // Escape: the basket again, with what the keys sold.
    await s.type(KEYS.esc);
    f = await s.frame((x) => plain(x).includes('Croissant') && !plain(x).includes('Touches ·'));
    expect(plain(f)).toMatch(/Croissant\s+2\s+1,20 €\s+2,40 €/);
  });

  for (const size of [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }]) {
    it(`fits ${size.columns}×${size.rows}: every key shown whole, those that find no room counted`, async () => {
      // The first test sold some: the kouign-amann back at 3.
      await countStock(testDb().db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: 'BOUL-025', qty: '3' }]);
      const s = start(testConfig(testDb().url), {}, size);
      await s.signIn();
      await s.type(CTRL_K);
      const f = plain(await s.frame((x) => plain(x).includes('Touches · Boulangerie') && redFigure(x, 3)));
      const lines = f.split('\n');
      // The till draws one row short of the terminal (see App).
      expect(lines.length, f).toBeLessThanOrEqual(size.rows - 1);
      for (const line of lines) expect([...line].length, `${line}\n${f}`).toBeLessThanOrEqual(size.columns);
      expect(lines[0]).toMatch(/^ Épicerie du Centre · T01 /);
      expect(f).toMatch(/TOTAL/);
      // The page key: beside the title where there is room, on the legend always.
      expect(f).toContain('Ctrl+K Touches');
      // The demo's bakery page has 12 keys: as many as fit, in order, the rest counted.
      const shown = [...'123456789ABC'].filter((k) => new RegExp(`(^|\\s)${k} \\S`, 'm').test(f));
      expect(shown).toEqual([...'123456789ABC'].slice(0, shown.length));
      if (shown.length < 12) expect(f).toContain(`${12 - shown.length} touches hors écran`);
      expect(shown.length).toBeGreaterThanOrEqual(size.columns === 80 ? 12 : 6);
    });
  }
});

// The back room's stock screen at 80×24 and 60×20: the items to reorder, kept up to date as the
// tills sell; goods received, a count, an adjustment approved by a manager; bad input said on
// the message line, nothing booked.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { commitSale } from '../../../app/commitSale';
import { countStock } from '../../../app/stock/book';
import { setThreshold } from '../../../app/stock/threshold';
import { useTestDatabase } from '../../../testing/db';
import { saleRequest, terminal } from '../../../testing/fixtures';
import { useTillScreens } from '../../../testing/tillScreen';
import { KEYS, menuEntryKey, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';
type Size = { columns: number; rows: number };
const SIZES: Size[] = [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }];

/** A text is on the screen whole, maybe wrapped over lines (joined again by a space). */
const says = (frame: string, text: string) => frame.split('\n').map((l) => l.trim()).join(' ').includes(text);

/** Nothing past the right edge or the last row. */
function fits(frame: string, size: Size): string {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length, `${line}\n${frame}`).toBeLessThanOrEqual(size.columns);
  return frame;
}

describe('the stock screen of the back room', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  const setFigure = (db: Knex, sku: string, qty: number) => countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: sku, qty: String(qty) }]);
  const figure = async (db: Knex, sku: string) => (await db('stock_levels as s').join('items as i', 'i.id', 's.item_id').where('i.sku', sku).first('s.qty')).qty as number;

  async function openStock(s: ReturnType<ReturnType<typeof useTillScreens>>, size: Size, sku: string) {
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Stock'));
    await s.type(menuEntryKey(menu, 'Stock'));
    return fits(await s.frame((f) => new RegExp(`^${sku} `, 'm').test(f)), size);
  }

  for (const size of SIZES) {
    it(`lists what to reorder and books a delivery and a count at ${size.columns}×${size.rows}`, async () => {
      const { db, url } = testDb();
      await setFigure(db, 'PRES-001', 2);
      await setThreshold(db, { code: 'PRES-001', threshold: '4', tillStoreId: 1 });
      await setFigure(db, 'PRES-002', 3);
      await setThreshold(db, { code: 'PRES-002', threshold: '4', tillStoreId: 1 });
      const s = start(testConfig(url), {}, size);
      await s.signIn();
      const list = await openStock(s, size, 'PRES-001');
      expect(list).toMatch(/PRES-001\s+Le Quotidien du matin\s+2\s+4/);
      expect(list).toMatch(/Réf\.\s+Article\s+Stock\s+Seuil/);

      // Sold on another till: the list follows.
      await commitSale(db, await saleRequest(db, { terminal: await terminal(db, 'T02'), lines: [['PRES-001', 1]] }));
      fits(await s.frame((f) => /PRES-001\s+Le Quotidien du matin\s+1\s+4/.test(f)), size);

      // F2 on the selected line: the item is filled in, the quantity typed.
      const row = (await s.frame(() => true)).split('\n').filter((l) => /^[A-Z]{4}-\d{3}/.test(l)).findIndex((l) => l.startsWith('PRES-001'));
      for (let i = 0; i < row; i++) await s.type(KEYS.down);
      await s.type(KEYS.f2);
      fits(await s.frame((f) => f.includes('Réception') && f.includes('PRES-001')), size);
      await s.type('zéro\r');
      fits(await s.frame((f) => says(f, 'Quantité invalide')), size);
      await s.type('\x7f'.repeat(4) + '24\r');
      fits(await s.frame((f) => says(f, 'Réception enregistrée : PRES-001 Le Quotidien du matin +24 → 25')), size);
      await s.frame((f) => !/^PRES-001 /m.test(f));
      expect(await figure(db, 'PRES-001')).toBe(25);

      // F3: a count of an item typed by its code.
      await s.type(KEYS.f3);
      await s.frame((f) => f.includes('Inventaire'));
      await s.type(KEYS.up);
      await s.type('\x7f'.repeat(10));
      await s.type('PRES-002\r');
      await s.type('7\r');
      fits(await s.frame((f) => says(f, 'Inventaire enregistré : PRES-002 Le Journal du soir +4 → 7')), size);
    });
  }

  it('asks a manager to approve an adjustment typed by a cashier, with its reason', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'PRES-003', 3);
    await setThreshold(db, { code: 'PRES-003', threshold: '4', tillStoreId: 1 });
    const s = start(testConfig(url), {}, SIZES[1]);
    await s.signIn('1', '1234');
    await openStock(s, SIZES[1]!, 'PRES-003');
    await s.type(KEYS.f4);
    await s.frame((f) => f.includes('Ajustement'));
    await s.type(KEYS.up);
    await s.type('\x7f'.repeat(10) + 'PRES-003\r');
    await s.type('-1\r');
    await s.type('\r');
    await s.frame((f) => says(f, 'Donnez la raison'));
    await s.type('journal abîmé\r');
    fits(await s.frame((f) => f.includes('Responsable')), SIZES[1]!);
    await s.type('1\r1234\r');
    await s.frame((f) => says(f, 'Camille n’est pas responsable'));
    expect(await figure(db, 'PRES-003')).toBe(3);
    await s.type('\r');
    await s.frame((f) => f.includes('Responsable'));
    await s.type('2\r9999\r');
    await s.frame((f) => says(f, 'Ajustement enregistré : PRES-003 Le Sport −1 → 2'));
    expect(await db('stock_movements').orderBy('id', 'desc').first('kind', 'operator_id', 'approved_by', 'reason')).toEqual({ kind: 'adjust', operator_id: 1, approved_by: 2, reason: 'journal abîmé' });
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('Gestion'));
  });
});

// Stores and tills in the back room: admins only; the store's settings changed (a bad SIRET
// said, nothing changed), a till made, the selected one retired once its code is typed again.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../testing/db';
import { useTillScreens } from '../../../testing/tillScreen';
import { menuEntryKey, testConfig } from '../../../testing/tui';
import { menuIndex, menuKey } from '../menuKeys';
import { BACKROOM_SCREENS } from '../screens';
import { placesReducer, initialPlaces } from './placesState';

const F11 = '\x1b[23~';
const F2 = '\x1bOQ';
const F3 = '\x1bOR';
const F4 = '\x1bOS';
const F5 = '\x1b[15~';
const ESC = '\x1b';
const says = (frame: string, text: string) => frame.split('\n').map((l) => l.trim()).join(' ').includes(text);

describe('stores and tills in the back room', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('is not in a cashier’s or a manager’s menu', async () => {
    const s = start(testConfig(testDb().url));
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Stock'));
    expect(menu).not.toContain('Magasins et caisses');
  });

  it('an admin changes the store, makes a till and retires it', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url), {}, { columns: 80, rows: 24 });
    await s.signIn('3', '2468');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('. Magasins et caisses'));
    // Tenth or later in the menu: reached with ↓, opened with Enter.
    await s.type('\x1b[B'.repeat(menuIndex(menuEntryKey(menu, 'Magasins et caisses'))));
    await s.frame((x) => x.split('\n').some((l) => l.includes('. Magasins et caisses') && l.startsWith('   ')) || true);
    await s.type('\r');
    let f = await s.frame((x) => x.includes('SIRET 123 456 789 00015') && /T02 +Caisse 2 +M01 +en service/.test(x));
    expect(f).toContain('Magasins et caisses · M01 Épicerie du Centre');

    // F2: the store; a SIRET that fails its check is said, nothing changes.
    await s.type(F2);
    await s.frame((x) => x.includes('Adresse'));
    await s.type('\r\r');
    await s.type('\x7f'.repeat(14) + '12345678900012\r\r\r\r');
    f = await s.frame((x) => says(x, 'SIRET invalide (12345678900012)'));
    expect((await db('stores').where('code', 'M01').first('siret')).siret).toBe('12345678900015');
    await s.type(ESC);
    await s.frame((x) => x.includes('F3 nouvelle caisse'));

    // F3: a new till of this store.
    await s.type(F3);
    await s.frame((x) => x.includes('Nouvelle caisse'));
    await s.type('t09\rCaisse 9\r\r');
    f = await s.frame((x) => says(x, 'Caisse T09 créée dans le magasin M01') && /T09 +Caisse 9 +M01 +en service/.test(x));
    expect(await db('audit_log').where('action', 'terminal.add').orderBy('id', 'desc').first('details')).toMatchObject({ details: { till: 'T09', via: 'till' } });

    // F5: a new store; F3 with its code: a till in it.
    await s.type(F5);
    await s.frame((x) => x.includes('Nouveau magasin'));
    await s.type('m07\rBoutique du Quai\r\r\r\r\r\r');
    await s.frame((x) => says(x, 'Magasin M07 créé'));
    expect(await db('stores').where('code', 'M07').first('name')).toEqual({ name: 'Boutique du Quai' });

    // F4 on T09 (the last line): its code typed again to confirm.
    await s.type('\x1b[B\x1b[B\x1b[B');
    await s.type(F4);
    await s.frame((x) => x.includes('Retirer la caisse T09'));
    await s.type('T02\r');
    await s.frame((x) => says(x, 'Tapez le code de la caisse (T09) pour confirmer'));
    await s.type('\x7f\x7f\x7fT09\r');
    f = await s.frame((x) => says(x, 'Caisse T09 retirée du service') && /T09 +Caisse 9 +M01 +retirée le/.test(x));
    expect((await db('terminals').where('code', 'T09').first('retired_at')).retired_at).not.toBeNull();
  });

  for (const size of [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }]) {
    it(`fits ${size.columns}×${size.rows}, the store form open`, async () => {
      const s = start(testConfig(testDb().url), {}, size);
      await s.signIn('3', '2468');
      await s.type(F11);
      await s.frame((f) => f.includes('1. Bons d’achat'));
      // At 60×20 its entry is scrolled away; its key opens it all the same (an admin sees every screen).
      await s.type(menuKey(BACKROOM_SCREENS.findIndex((x) => x.id === 'places')));
      await s.frame((x) => x.includes('SIRET 123 456 789 00015'));
      await s.type(F2);
      const f = await s.frame((x) => x.includes('Pied') && x.includes('Échap'));
      const lines = f.split('\n');
      expect(lines.length, f).toBeLessThanOrEqual(size.rows - 1);
      for (const l of lines) expect([...l].length, f).toBeLessThanOrEqual(size.columns);
    });
  }

  it('asks the till’s code again before retiring it, and reads lines separated by |', () => {
    const store = { id: 1, code: 'M01', name: 'X', address: ['a', 'b'], siret: null, timeZone: null, header: [], footer: [] };
    let s = placesReducer(initialPlaces('M01'), { type: 'loaded', stores: [store], tills: [] }).state;
    s = placesReducer(s, { type: 'key', key: { name: 'f2', ctrl: false, text: '' }, page: 5 }).state;
    expect(s.form?.fields).toMatchObject({ address: 'a | b' });
    s = placesReducer(s, { type: 'edit', field: 'address', value: 'a | | c ' }).state;
    s = { ...s, form: { ...s.form!, focus: 'footer' } as typeof s.form };
    expect(placesReducer(s, { type: 'submit' }).effect).toEqual({ kind: 'save', order: { kind: 'store', code: 'M01', name: 'X', address: ['a', 'c'], siret: '', timeZone: '', header: [], footer: [] } });
    // Another store's till selected: F2 opens that store.
    const other = { ...store, id: 2, code: 'M02', name: 'Y' };
    const till = (code: string, storeCode: string) => ({ id: 1, code, name: code, storeCode, devices: { scanners: ['hid:1:2'] }, retiredAt: null, tickets: 0 });
    s = placesReducer(initialPlaces('M01'), { type: 'loaded', stores: [store, other], tills: [till('T01', 'M01'), till('T05', 'M02')] }).state;
    s = placesReducer(s, { type: 'key', key: { name: 'down', ctrl: false, text: '' }, page: 5 }).state;
    expect(placesReducer(s, { type: 'key', key: { name: 'f2', ctrl: false, text: '' }, page: 5 }).state.form).toMatchObject({ kind: 'store', code: 'M02' });
    expect(placesReducer(s, { type: 'key', key: { name: 'f3', ctrl: false, text: '' }, page: 5 }).state.form).toMatchObject({ kind: 'till', fields: { store: 'M02' } });
    const f6 = placesReducer(s, { type: 'key', key: { name: 'f6', ctrl: false, text: '' }, page: 5 }).state;
    expect(f6.form).toMatchObject({ kind: 'editTill', code: 'T05', fields: { scanners: 'hid:1:2' } });
    const edited = placesReducer({ ...f6, form: { ...f6.form!, focus: 'scanners' } as typeof f6.form }, { type: 'edit', field: 'scanners', value: 'hid:1:2  serial:/dev/ttyS0' }).state;
    expect(placesReducer(edited, { type: 'submit' }).effect).toEqual({ kind: 'save', order: { kind: 'editTill', code: 'T05', name: 'T05', devices: { printer: '', drawer: '', display: '', scanners: ['hid:1:2', 'serial:/dev/ttyS0'] } } });
  });
});

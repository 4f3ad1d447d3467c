// The back office's item keys, with a second till selling from its grid meanwhile: a key set,
// moved, removed here shows on the other till's page at once (the `keys` event); an unknown
// item, a key with nothing on it, a bad key are refused and the page stays as it was.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../testing/db';
import { terminal } from '../../../testing/fixtures';
import { useTillScreens } from '../../../testing/tillScreen';
import { KEYS, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';
const CTRL_K = '\x0b';

describe('the item keys screen', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('edits the store\'s page; the other till\'s grid follows at once; bad input changes nothing', async () => {
    const { db, url } = testDb();
    // Each edit is audited with it: the manager signed in on T01, approving it, the store's page.
    const manager = (await db('operators').where('code', '2').first('id')).id as number;
    const t01 = await terminal(db);
    const by = { operator_id: manager, approver_id: manager, terminal_id: t01.id };
    const page = { store_id: t01.storeId, terminal_id: null, page: 'Boulangerie', via: 'till' };
    const audits = () => db('audit_log').where('action', 'like', 'item_key%').orderBy('id').select('action', 'operator_id', 'approver_id', 'terminal_id', 'details');
    const other = start(testConfig(url, { POS_TERMINAL: 'T02' }), {}, { columns: 80, rows: 24 });
    await other.signIn();
    await other.type(CTRL_K);
    await other.frame((f) => f.includes('Touches · Boulangerie') && f.includes('C Ficelle'));

    const s = start(testConfig(url), {}, { columns: 80, rows: 24 });
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Touches de vente'));
    await s.type(/(\d)\. Touches de vente/.exec(menu)![1]!);
    await s.frame((f) => f.includes('Touches de vente · magasin') && f.includes('Page 1/2 : Boulangerie') && f.includes('BOUL-012'));

    // A new key D: the brioche, with a short name.
    await s.type(KEYS.f2);
    await s.type('d\r');
    await s.type('BOUL-010\r');
    await s.type('Brioche\r');
    await s.frame((f) => f.includes('Touche D de « Boulangerie » enregistrée'));
    await other.frame((f) => f.includes('D Brioche') && f.includes('4,50 €'));
    expect(await audits()).toEqual([{ action: 'item_key_set', ...by, details: { ...page, label: 'D', item: 'BOUL-010' } }]);

    // An unknown item: refused, nothing changed.
    await s.type(KEYS.f2);
    await s.type('E\r');
    await s.type('POMME-001\r');
    await s.type('\r');
    await s.frame((f) => f.includes('Article inconnu : POMME-001'));
    await s.type(KEYS.esc);
    // A key with nothing on it, a key that cannot be: refused.
    await s.type(KEYS.f4);
    await s.type('E\r');
    await s.frame((f) => f.includes('Aucun article sur la touche E de la page « Boulangerie »'));
    await s.type(KEYS.esc);
    await s.type(KEYS.f5);
    await s.type('D\r');
    await s.type('#\r');
    await s.frame((f) => f.includes('Touche invalide : « # »'));
    await s.type(KEYS.esc);
    expect(await other.frame((f) => f.includes('D Brioche'))).not.toContain('E ');
    expect(await audits()).toHaveLength(1);

    // Moved to 1, the baguette takes D's place; then removed.
    await s.type(KEYS.f5);
    await s.type('D\r');
    await s.type('1\r');
    await s.frame((f) => f.includes('Touche D de « Boulangerie » déplacée en 1'));
    await other.frame((f) => f.includes('1 Brioche') && /D Baguette/.test(f));
    await s.type(KEYS.f4);
    await s.type('1\r');
    await s.frame((f) => f.includes('Touche 1 de « Boulangerie » ôtée'));
    await other.frame((f) => !f.includes('Brioche') && f.includes('D Baguette'));
    expect((await audits()).slice(1)).toEqual([
      { action: 'item_key_move', ...by, details: { ...page, from: 'D', to: '1' } },
      { action: 'item_key_remove', ...by, details: { ...page, label: '1' } },
    ]);
  });

  it('fits 60×20: the page\'s keys, a form, the hint wrapped', async () => {
    const size = { columns: 60, rows: 20 };
    const s = start(testConfig(testDb().url), {}, size);
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Touches de vente'));
    await s.type(/(\d)\. Touches de vente/.exec(menu)![1]!);
    await s.frame((f) => f.includes('Page 1/2 : Boulangerie'));
    await s.type(KEYS.f2);
    const f = await s.frame((x) => x.includes('Libellé (facultatif)'));
    const lines = f.split('\n');
    expect(lines.length, f).toBeLessThanOrEqual(size.rows - 1);
    for (const line of lines) expect([...line].length, `${line}\n${f}`).toBeLessThanOrEqual(size.columns);
    expect(f).toContain('Touche (1-9, A-Z)');
    // (The test above took key 1 off.)
    expect(f).toMatch(/2\s+BOUL-002\s+Baguette classique\s+1,10 €/);
    expect(f).toContain('Échap');
    // The page's tail gives way to the form: what is shown is whole.
    expect(f).not.toContain('…');
    // Tab: this till's own pages, none yet.
    await s.type(KEYS.esc);
    await s.type('\t');
    await s.frame((x) => x.includes('caisse T01 seulement') && x.includes('Aucune page : F6 pour en créer une.'));
  });
});

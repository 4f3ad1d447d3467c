// Editing item key pages against PostgreSQL: every change checked whole, refused with a clear
// reason and nothing written when a page, a key or an item is wrong; each change told to the
// store's tills by a `keys` event in its transaction; a till's own pages over its store's.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import type { ConfigPage } from '../../domain/itemKeys';
import { useTestDatabase } from '../../testing/db';
import { Refusal } from '../errors';
import { addPage, applyPages, moveKey, removeKey, removePage, setKey } from './edit';
import { scopeKeyPages, tillKeyPages } from './pages';

const STORE = { storeId: 1, terminalId: null };

/** What a scope's pages are: "Page: label=SKU …". */
async function shape(db: Knex, scope: { storeId: number; terminalId: number | null }): Promise<string[]> {
  return (await scopeKeyPages(db, scope)).map((p) => `${p.name}: ${p.keys.map((k) => `${k.label}=${k.sku}`).join(' ')}`);
}
const keyEvents = async (db: Knex) => Number((await db('events').where('kind', 'keys').count({ n: '*' }))[0]!.n);

async function refused(work: Promise<unknown>): Promise<{ key: string; params: Record<string, string | number> }> {
  const e = await work.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(Refusal);
  return { key: (e as Refusal).key, params: (e as Refusal).params };
}

describe('item key pages', () => {
  const testDb = useTestDatabase();

  it('sets, moves and removes keys; bad input is refused and changes nothing', async () => {
    const { db } = testDb();
    const before = await shape(db, STORE);
    expect(before[0]).toMatch(/^Boulangerie: 1=BOUL-001 2=BOUL-002 3=BOUL-006/);
    const events = await keyEvents(db);

    await setKey(db, STORE, { page: 'boulangerie', label: 'd', code: 'BOUL-010' });
    await moveKey(db, STORE, { page: '1', from: '1', to: '2' });
    await removeKey(db, STORE, { page: '1', label: '3' });
    const after = await shape(db, STORE);
    expect(after[0]).toMatch(/^Boulangerie: 1=BOUL-002 2=BOUL-001 4=BOUL-007 .* C=BOUL-012 D=BOUL-010$/);
    expect(await keyEvents(db)).toBe(events + 3);

    expect(await refused(setKey(db, STORE, { page: 'Fromagerie', label: '1', code: 'BOUL-001' }))).toEqual({ key: 'keys.page.unknown', params: { page: 'Fromagerie' } });
    expect(await refused(setKey(db, STORE, { page: '7', label: '1', code: 'BOUL-001' }))).toMatchObject({ key: 'keys.page.unknown' });
    expect(await refused(setKey(db, STORE, { page: '1', label: '0', code: 'BOUL-001' }))).toEqual({ key: 'keys.label.bad', params: { label: '0' } });
    expect(await refused(setKey(db, STORE, { page: '1', label: 'E', code: 'NOPE-999' }))).toEqual({ key: 'item.unknownCode', params: { code: 'NOPE-999' } });
    expect(await refused(setKey(db, STORE, { page: '1', label: 'E', code: '  ' }))).toMatchObject({ key: 'keys.key.noItem' });
    expect(await refused(removeKey(db, STORE, { page: '1', label: '3' }))).toEqual({ key: 'keys.key.none', params: { label: '3', page: 'Boulangerie' } });
    expect(await refused(moveKey(db, STORE, { page: '1', from: 'Z', to: '1' }))).toMatchObject({ key: 'keys.key.none' });
    expect(await refused(addPage(db, STORE, 'boulangerie'))).toMatchObject({ key: 'keys.page.exists' });
    expect(await refused(addPage(db, STORE, ''))).toMatchObject({ key: 'keys.page.name' });
    expect(await refused(removePage(db, STORE, 'Cave'))).toMatchObject({ key: 'keys.page.unknown' });
    expect(await shape(db, STORE)).toEqual(after);
    expect(await keyEvents(db)).toBe(events + 3);
  });

  it('gives a till its own pages from the configuration, over the store\'s; an unknown item refuses them all', async () => {
    const { db } = testDb();
    const t02 = (await db('terminals').where('code', 'T02').first('id')).id as number;
    const own = { storeId: 1, terminalId: t02 };
    const bad: ConfigPage[] = [{ name: 'Café', keys: { '1': 'SNAK-001' } }, { name: 'Fruits', keys: { '1': 'SNAK-002', '2': 'POMME-001' } }];
    expect(await refused(applyPages(db, own, bad))).toEqual({ key: 'keys.config.unknownItem', params: { page: 'Fruits', label: '2', code: 'POMME-001' } });
    expect(await refused(applyPages(db, own, [{ name: 'Café', keys: { '1': '' } }]))).toMatchObject({ key: 'keys.config.noItem' });
    expect(await refused(applyPages(db, own, [{ name: 'Café', keys: { '#': 'SNAK-001' } }]))).toMatchObject({ key: 'keys.label.bad' });
    expect(await shape(db, own)).toEqual([]);
    const t01 = (await db('terminals').where('code', 'T01').first('id')).id as number;
    // No pages of its own: the store's.
    expect((await tillKeyPages(db, { storeId: 1, terminalId: t02 })).map((p) => p.name)).toEqual(['Boulangerie', 'Café et snacks']);

    expect(await applyPages(db, own, [{ name: 'Comptoir', keys: { '1': 'SNAK-001', b: '3760000000017' } }])).toEqual({ pages: 1, keys: 2 });
    expect(await shape(db, own)).toEqual(['Comptoir: 1=SNAK-001 B=BOUL-001']);
    expect((await tillKeyPages(db, { storeId: 1, terminalId: t02 })).map((p) => p.name)).toEqual(['Comptoir']);
    expect((await tillKeyPages(db, { storeId: 1, terminalId: t01 })).map((p) => p.name)).toEqual(['Boulangerie', 'Café et snacks']);
    await removePage(db, own, 'Comptoir');
    expect((await tillKeyPages(db, { storeId: 1, terminalId: t02 })).map((p) => p.name)).toEqual(['Boulangerie', 'Café et snacks']);
  });
});

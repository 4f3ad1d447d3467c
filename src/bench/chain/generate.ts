// Placeholder, replaced at merge by the real generator: the chain's stores and tills, and its
// items (the bulk catalog), nothing else.
import type { Knex } from 'knex';
import { loadBulkCatalog } from '../catalog';
import { chainStoreCode, chainTerminalCode, type ChainSizes, type GeneratedChain, type GeneratedTable } from './types';

export async function generateChain(db: Knex, sizes: ChainSizes, step: (what: string) => void = () => undefined): Promise<GeneratedChain> {
  const began = performance.now();
  const tables: GeneratedTable[] = [];
  const timed = async (table: string, rows: number, work: () => Promise<unknown>) => {
    step(`  ${table}: ${rows.toLocaleString('en')}`);
    const start = performance.now();
    await work();
    tables.push({ table, rows, seconds: (performance.now() - start) / 1000 });
  };
  const perStore = Math.ceil(sizes.tills / sizes.stores);
  await timed('stores', sizes.stores, () =>
    db('stores').insert(Array.from({ length: sizes.stores }, (_, s) => ({ code: chainStoreCode(s), name: `Magasin ${s + 1}`, time_zone: 'Europe/Paris' }))));
  const stores = (await db('stores').whereIn('code', Array.from({ length: sizes.stores }, (_, s) => chainStoreCode(s))).select('id', 'code')) as { id: number; code: string }[];
  const storeId = new Map(stores.map((s) => [s.code, s.id]));
  const tills = Array.from({ length: sizes.tills }, (_, i) => {
    const s = i % sizes.stores;
    const t = Math.floor(i / sizes.stores);
    return { code: chainTerminalCode(s, t), name: `Caisse ${t + 1}`, store_id: storeId.get(chainStoreCode(s))! };
  });
  await timed('terminals', Math.min(sizes.tills, perStore * sizes.stores), () => db('terminals').insert(tills));
  await timed('items', sizes.items, () => loadBulkCatalog(db, sizes.items));
  return { sizes, seconds: (performance.now() - began) / 1000, tables };
}

import type { Knex } from 'knex';
import { insertPage, keyPagesOf, putKey } from '../../data/itemKeys';

// The demo shop's item keys: a bakery page and a coffee and snacks page, for the store (every
// till). The kouign-amann, the macarons and the cold coffee are low from the start (see the
// stock demo): their keys show what is left in big red figures. Made once: pages edited since
// are left as they are.

const PAGES: { name: string; keys: [string, string][] }[] = [
  { name: 'Boulangerie', keys: [
    ['1', 'BOUL-001'], ['2', 'BOUL-002'], ['3', 'BOUL-006'], ['4', 'BOUL-007'], ['5', 'BOUL-008'],
    ['6', 'BOUL-025'], ['7', 'BOUL-019'], ['8', 'BOUL-023'], ['9', 'BOUL-015'], ['A', 'BOUL-018'],
    ['B', 'BOUL-021'], ['C', 'BOUL-012'],
  ] },
  { name: 'Café et snacks', keys: [
    ['1', 'SNAK-001'], ['2', 'SNAK-002'], ['3', 'SNAK-003'], ['4', 'SNAK-004'], ['5', 'SNAK-005'],
    ['6', 'SOFT-014'], ['7', 'SNAK-006'], ['8', 'SNAK-009'], ['9', 'SNAK-017'], ['A', 'SNAK-019'],
    ['B', 'SNAK-025'], ['C', 'SOFT-010'],
  ] },
];

export async function seedDemoKeys(trx: Knex.Transaction, storeCode: string): Promise<void> {
  const store = (await trx('stores').where('code', storeCode).first('id')) as { id: number };
  const scope = { storeId: store.id, terminalId: null };
  if ((await keyPagesOf(trx, scope)).length > 0) return;
  const ids = new Map<string, number>((await trx('items').whereIn('sku', PAGES.flatMap((p) => p.keys.map(([, sku]) => sku))).select('id', 'sku')).map((r: { id: number; sku: string }) => [r.sku, r.id]));
  for (const [i, page] of PAGES.entries()) {
    const pageId = await insertPage(trx, scope, i + 1, page.name);
    for (const [label, sku] of page.keys) {
      const itemId = ids.get(sku);
      if (itemId !== undefined) await putKey(trx, pageId, label, itemId, null);
    }
  }
}

import { storeKey } from './closings/keys';
import type { Knex } from 'knex';
import { upsertItems } from '../data/items';
import { FRENCH_VAT_RATES, formatRate } from '../domain/vat';
import { seedDemoCoupons } from './coupons/demo';
import { seedDemoCustomers } from './customers/demo';
import { DEMO_GROUPS, demoItems } from './demoCatalog';
import { hashPin } from './pin';
import { seedDemoKeys } from './itemKeys/demo';
import { seedDemoStock } from './stock/demo';

export const DEMO = {
  // A made-up SIRET that passes the Luhn check (printed under the address, as the law asks).
  store: { code: 'M01', name: 'Épicerie du Centre', address: ['12 rue de la République', '69002 Lyon'], siret: '12345678900015' },
  terminals: [{ code: 'T01', name: 'Caisse 1' }, { code: 'T02', name: 'Caisse 2' }],
  operators: [
    { code: '1', name: 'Camille', role: 'cashier', pin: '1234' },
    { code: '2', name: 'Dominique', role: 'manager', pin: '9999' },
    // Store IT: stores and tills (`pos store`, `pos terminal`, the back office).
    { code: '3', name: 'Alex', role: 'admin', pin: '2468' },
  ],
} as const;

/** The VAT rates, always present: French law has these four. */
export async function seedVatRates(db: Knex | Knex.Transaction): Promise<void> {
  await db('vat_rates')
    .insert(FRENCH_VAT_RATES.map((rate_bp) => ({ rate_bp, label: formatRate(rate_bp) })))
    .onConflict('rate_bp')
    .ignore();
}

/** Loads the demo shop; run again it updates the same rows (ticket counters are kept). */
export async function seedDemo(db: Knex): Promise<{ items: number }> {
  const items = demoItems();
  await db.transaction(async (trx) => {
    await seedVatRates(trx);
    const [store] = await trx('stores')
      .insert({ code: DEMO.store.code, name: DEMO.store.name, postal_address: DEMO.store.address, siret: DEMO.store.siret })
      .onConflict('code')
      .merge(['name', 'postal_address', 'siret'])
      .returning('id');
    // The store's signing key, made at set-up (kept if it exists: a key is never replaced).
    await storeKey(trx, store.id);
    for (const t of DEMO.terminals) {
      await trx('terminals').insert({ code: t.code, name: t.name, store_id: store.id }).onConflict('code').merge(['name', 'store_id']);
    }
    for (const o of DEMO.operators) {
      await trx('operators')
        .insert({ code: o.code, name: o.name, role: o.role, pin_hash: hashPin(o.pin), active: true })
        .onConflict('code')
        .merge();
    }
    await trx('item_groups').insert(DEMO_GROUPS.map((g) => ({ code: g.code, name: g.name }))).onConflict('code').merge(['name']);
    await upsertItems(trx, items);
    await seedDemoCustomers(trx);
    await seedDemoStock(trx, DEMO.store.code, DEMO.operators[1].code);
    await seedDemoKeys(trx, DEMO.store.code);
  });
  await seedDemoCoupons(db, new Date().toISOString().slice(0, 10));
  return { items: items.length };
}

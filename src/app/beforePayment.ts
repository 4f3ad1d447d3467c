import type { Knex } from 'knex';
import type { Basket } from '../domain/basket';
import { SALE_EFFECTS } from './features';
import type { SalePolicy } from './saleEffects';

/** Runs the checks of the effects that concern this basket; a Refusal says what to change. */
export async function checkBeforePayment(db: Knex, basket: Basket, place: { storeId: number; terminalId: number }, policy: SalePolicy = {}): Promise<void> {
  for (const effect of SALE_EFFECTS) {
    if (effect.beforePayment) await effect.beforePayment(db, basket, place, policy);
  }
}

import type { Knex } from 'knex';
import { findDefinition } from '../../data/coupons';
import { EMPTY_FIELDS } from './definitionFields';
import { defineCoupon } from './definitions';
import { generateCodes } from './generate';

/**
 * Two coupons of the demo shop, so the feature can be tried from the first start: BONJOUR
 * (3 € off a ticket of 15 € or more, once per customer) and VINS10 (−10 % on wines).
 * Made once; a later `pos seed --demo` leaves them as they are.
 */
export async function seedDemoCoupons(db: Knex, today: string): Promise<void> {
  const coupons = [
    { ...EMPTY_FIELDS, symbol: 'BONJOUR', name: 'Bienvenue : 3 € offerts', valueKind: 'amount', value: '3', minAmount: '15', limitScope: 'customer', limit: '1', customerRule: 'required', conditions: 'Une fois par client, dès 15 € d’achat.' },
    { ...EMPTY_FIELDS, symbol: 'VINS10', name: 'Vins −10 %', type: 'customer', items: '@CAVE', valueKind: 'percent', value: '10', conditions: 'Sur les vins et spiritueux.' },
  ];
  for (const fields of coupons) {
    if (await findDefinition(db, fields.symbol)) continue;
    await defineCoupon(db, fields);
    await generateCodes(db, { symbol: fields.symbol, status: 'active' }, today);
  }
}

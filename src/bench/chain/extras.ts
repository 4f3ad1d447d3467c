// A few of each thing the chain's baskets use, for a database that has only the demo shop (its
// test, a first try of the load): customers with cards, vouchers, sold gift cards and a coupon
// any basket takes, each made through the use case the till or the back office calls.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { commitSale } from '../../app/commitSale';
import { createCustomer } from '../../app/customers/manage';
import { defineCoupon } from '../../app/coupons/definitions';
import { EMPTY_FIELDS } from '../../app/coupons/definitionFields';
import { generateCodes } from '../../app/coupons/generate';
import { giftCardItem } from '../../app/giftcards/sell';
import { issueVoucher } from '../../app/vouchers/issue';
import type { Config } from '../../config/schema';
import type { Terminal } from '../../data/places';
import { basketReducer, basketTotals, openBasket } from '../../domain/basket';

export interface Extras {
  customers: number;
  vouchers: number;
  giftCards: number;
  couponCodes: number;
}

const SURNAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];

/** The demo's cashier and manager, by their codes ('1', '2'). */
async function demoOperators(db: Knex): Promise<{ cashier: number; manager: { id: number; code: string; name: string; role: 'manager' } }> {
  const rows = (await db('operators').whereIn('code', ['1', '2']).select('id', 'code', 'name', 'role')) as { id: number; code: string; name: string; role: string }[];
  const cashier = rows.find((r) => r.code === '1');
  const manager = rows.find((r) => r.code === '2' && r.role === 'manager');
  if (!cashier || !manager) throw new Error('the demo shop is not loaded (pos seed --demo)');
  return { cashier: cashier.id, manager: { id: manager.id, code: manager.code, name: manager.name, role: 'manager' } };
}

/** Adds them; `tag` keeps the coupon's symbol and the cards apart from an earlier call's. */
export async function addExtras(db: Knex, config: Config, terminal: Terminal, n: Extras, tag = 'BANC'): Promise<void> {
  const { cashier, manager } = await demoOperators(db);
  const who = { terminalId: terminal.id, operatorId: cashier };
  for (let i = 0; i < n.customers; i++) {
    await createCustomer(db, { firstName: 'Client', lastName: `${SURNAMES[i % SURNAMES.length]} ${i + 1}`, card: `${tag}-CARTE-${i + 1}` }, who);
  }
  for (let i = 0; i < n.vouchers; i++) {
    await issueVoucher(db, config, { origin: 'manual', amountCents: 20_00 + (i % 10) * 5_00, terminal, operatorId: cashier, approver: manager });
  }
  for (let i = 0; i < n.giftCards; i++) {
    const item = await giftCardItem(db, config, { valueCents: 50_00, code: null }, openBasket(randomUUID()));
    const r = basketReducer(openBasket(randomUUID(), config.limits), { type: 'add', item, qty: 1, merge: false });
    if ('error' in r) throw new Error(r.error);
    const total = basketTotals(r.basket).totalCents;
    await commitSale(db, { terminalId: terminal.id, storeId: terminal.storeId, operatorId: cashier, basket: r.basket, payment: { totalCents: total, tenders: [{ kind: 'card', amountCents: total }] } });
  }
  if (n.couponCodes > 0) {
    const symbol = `${tag}CPN`;
    await defineCoupon(db, { ...EMPTY_FIELDS, symbol, name: 'Banc −5 %', value: '5' });
    await generateCodes(db, { symbol, count: n.couponCodes, status: 'active' }, new Date().toISOString().slice(0, 10));
  }
}

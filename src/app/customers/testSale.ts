// For tests of customers, loyalty and accounts: sales built the way the till builds them, with
// the customer attached through the same path (their card looked up, their rules brought).
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { findItemByCode } from '../../data/items';
import type { Terminal } from '../../data/places';
import { basketReducer, basketTotals, openBasket, type Basket, type BasketAction } from '../../domain/basket';
import { settle, type TenderKind } from '../../domain/tender';
import type { SaleRequest } from '../saleRequest';
import { TENDER_PROVIDERS } from '../features';
import { testConfig } from '../../testing/tui';
import { customerForSale } from './attach';

let config: ReturnType<typeof testConfig> | undefined;

export function apply(basket: Basket, action: BasketAction): Basket {
  const r = basketReducer(basket, action);
  if ('error' in r) throw new Error(r.error);
  return r.basket;
}

export async function customerSale(
  db: Knex,
  opts: {
    terminal: Terminal;
    customer?: string;
    lines: [string, number][];
    /** Extra basket actions once the customer is on (a reward…). */
    then?: (basket: Basket) => Promise<BasketAction[]> | BasketAction[];
    /** Amounts in cents; null: what is left. An `account` tender is found as the payment screen finds it. */
    tenders?: [TenderKind, number | null][];
    key?: string;
  },
): Promise<SaleRequest> {
  let basket = openBasket(opts.key ?? randomUUID());
  for (const [code, qty] of opts.lines) {
    const item = await findItemByCode(db, code);
    if (!item) throw new Error(`no item ${code}`);
    basket = apply(basket, { type: 'add', item, qty });
  }
  if (opts.customer) basket = apply(basket, { type: 'customer', customer: await customerForSale(db, opts.customer, 'fr') });
  for (const action of (await opts.then?.(basket)) ?? []) basket = apply(basket, action);
  const total = basketTotals(basket).totalCents;
  const given = [];
  let left = Math.abs(total);
  for (const [kind, cents] of opts.tenders ?? [['cash', null]]) {
    const amount = cents ?? left;
    const provider = TENDER_PROVIDERS.find((p) => p.kind === kind);
    const found = provider ? await provider.find(db, null, { basket, payment: { totalCents: total, tenders: [] }, terminal: opts.terminal, operatorId: 1, refund: total < 0, config: (config ??= testConfig('postgres://unused')) }) : null;
    given.push({ kind, cents: amount, ref: found?.ref, maxCents: found?.maxCents });
    left -= amount;
  }
  const settled = settle(total, total === 0 ? [] : given);
  if ('error' in settled) throw new Error(settled.error);
  return { terminalId: opts.terminal.id, storeId: opts.terminal.storeId, operatorId: 1, basket, payment: settled.payment };
}

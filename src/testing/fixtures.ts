import type { Knex } from 'knex';
import { findItemByCode } from '../data/items';
import { findTerminal, type Terminal } from '../data/places';
import { basketReducer, basketTotals, openBasket, type Basket } from '../domain/basket';
import { settle, type TenderKind } from '../domain/tender';
import type { SaleRequest } from '../app/commitSale';
import { randomUUID } from 'node:crypto';

export async function terminal(db: Knex, code = 'T01'): Promise<Terminal> {
  const t = await findTerminal(db, code);
  if (!t) throw new Error(`no terminal ${code} in the demo data`);
  return t;
}

/** A sale request built the way the till builds one: items looked up, basket, tenders. */
export async function saleRequest(
  db: Knex,
  opts: { terminal: Terminal; operatorId?: number; lines: [string, number][]; tenders?: [TenderKind, number | null][]; key?: string },
): Promise<SaleRequest> {
  let basket: Basket = openBasket(opts.key ?? randomUUID());
  for (const [code, qty] of opts.lines) {
    const item = await findItemByCode(db, code);
    if (!item) throw new Error(`no item ${code}`);
    const r = basketReducer(basket, { type: 'add', item, qty });
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
  }
  const total = basketTotals(basket).totalCents;
  const given = (opts.tenders ?? [['cash', null]]).map(([kind, cents]) => ({ kind, cents: cents ?? Math.abs(total) }));
  const settled = settle(total, total === 0 ? [] : given);
  if ('error' in settled) throw new Error(settled.error);
  return { terminalId: opts.terminal.id, storeId: opts.terminal.storeId, operatorId: opts.operatorId ?? 1, basket, payment: settled.payment };
}

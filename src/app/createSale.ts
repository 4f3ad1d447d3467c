import { findItemByCode } from '../data/items';
import { basketReducer, basketTotals, openBasket, type Basket } from '../domain/basket';
import { formatEuros, type Cents } from '../domain/money';
import { settle, type TenderKind } from '../domain/tender';
import { commitSale, type CommitResult } from './commitSale';
import { refuse } from './errors';
import { operatorByCode } from './session';
import type { Till } from './till';

/** A whole sale given at once (`pos sale create`, scripts, load generation). */
export interface SaleOrder {
  operatorCode: string;
  /** A barcode or SKU each; a negative quantity is a returned item. */
  lines: readonly { code: string; qty: number }[];
  /** Amounts as typed, always positive: a refund's tenders are paid out. */
  tenders: readonly { kind: TenderKind; cents: Cents }[];
  /** Idempotency key: committing the same key again returns the ticket already written. */
  key: string;
}

const KEY = /^[\x21-\x7e]{1,100}$/;

async function fillBasket(till: Till, key: string, lines: SaleOrder['lines']): Promise<Basket> {
  let basket = openBasket(key);
  for (const { code, qty } of lines) {
    const item = await findItemByCode(till.db, code.trim());
    if (!item) refuse('item.unknownCode', { code });
    const r = basketReducer(basket, { type: 'add', item, qty });
    if ('error' in r) refuse(r.error);
    basket = r.basket;
  }
  return basket;
}

/** What was still due when settle() stopped: the first tender larger than the rest is the one refused. */
function dueWhenRefused(totalCents: Cents, tenders: SaleOrder['tenders']): Cents {
  let left = Math.abs(totalCents);
  for (const t of tenders) {
    if (t.cents > left) break;
    left -= t.cents;
  }
  return left;
}

/**
 * Builds the basket the way the till does (items looked up, basketReducer), settles the
 * tenders with the till's rules and commits the sale on this till's terminal.
 */
export async function createSale(till: Till, order: SaleOrder): Promise<CommitResult> {
  if (!KEY.test(order.key)) refuse('sale.keyInvalid');
  if (order.lines.length === 0) refuse('sale.empty');
  const operator = await operatorByCode(till.db, order.operatorCode);
  const basket = await fillBasket(till, order.key, order.lines);
  const { totalCents } = basketTotals(basket);
  const settled = settle(totalCents, order.tenders);
  if ('error' in settled) refuse(settled.error, { due: formatEuros(dueWhenRefused(totalCents, order.tenders), till.config.lang) });
  return commitSale(till.db, {
    terminalId: till.terminal.id,
    storeId: till.terminal.storeId,
    operatorId: operator.id,
    basket,
    payment: settled.payment,
  });
}

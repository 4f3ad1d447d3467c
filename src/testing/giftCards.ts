import { randomUUID } from 'node:crypto';
import { commitSale } from '../app/commitSale';
import { giftCardItem } from '../app/giftcards/sell';
import type { Till } from '../app/till';
import { basketReducer, basketTotals, openBasket } from '../domain/basket';
import { luhnDigit } from '../domain/giftCardCode';

let serial = 0;

/** A new number of the default configuration's pre-printed cards (prefix 9250, 16 digits, Luhn). */
export function preprintedNumber(): string {
  const body = `9250${String(Date.now() % 1e7).padStart(7, '0')}${String(++serial % 1e4).padStart(4, '0')}`;
  return body + luhnDigit(body);
}

/** Sells a card on a ticket of its own, paid by bank card, as the sale screen does; its code. */
export async function sellGiftCard(till: Till, valueCents: number, code: string | null = null): Promise<string> {
  let basket = openBasket(randomUUID(), till.config.limits);
  const item = await giftCardItem(till.db, till.config, { valueCents, code }, basket);
  const r = basketReducer(basket, { type: 'add', item, qty: 1, merge: false });
  if ('error' in r) throw new Error(r.error);
  basket = r.basket;
  const total = basketTotals(basket).totalCents;
  await commitSale(till.db, { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket, payment: { totalCents: total, tenders: [{ kind: 'card', amountCents: total }] } });
  return item.giftCard!.code;
}

import { customerByCard } from '../../data/customers';
import type { EntryResolver } from '../entryResolver';
import { refuse } from '../errors';
import { attachedMessage, basketCustomerOf, usable } from './attach';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;
/** The codes the till gives customers made without a card. */
const OWN_CODE = /^C\d{7}$/;

/**
 * A loyalty card scanned (or a customer code typed) on the entry line, at any point of the
 * sale: the customer is attached. Items are looked up first, so a card is never taken for an
 * item; an unknown code shaped like the shop's cards is said to be an unknown card, and the
 * sale goes on as it was (with the customer already on it, if any).
 */
export const customerCardResolver: EntryResolver = async (db, code, ctx) => {
  if (!CODE.test(code)) return null;
  const { cardPrefix, found } = await customerByCard(db, code);
  if (!found) {
    const upper = code.toUpperCase();
    // Said as it is: the customer already on the ticket stays on it.
    const kept = ctx.basket.customer;
    if (OWN_CODE.test(upper) || (cardPrefix && upper.startsWith(cardPrefix))) refuse(kept ? 'customer.unknownCardKept' : 'customer.unknownCard', kept ? { code, name: kept.name } : { code });
    return null;
  }
  const customer = await basketCustomerOf(db, usable(found, code), ctx.lang ?? 'fr');
  return { kind: 'action', action: { type: 'customer', customer }, message: attachedMessage(customer) };
};

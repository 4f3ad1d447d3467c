import type { Knex } from 'knex';
import { debitGiftCard, findSpendByKey, isKeyTaken } from '../../data/giftCards';
import { redeem, type Redeemed, type Redemption, type Spendable } from '../redemption';
import { readGiftCardCode, refuseFailedDebit } from './codes';

const giftCards: Spendable = {
  readCode: (text) => readGiftCardCode(text).code,
  debit: debitGiftCard,
  findByKey: findSpendByKey,
  isKeyTaken,
  refuseFailedDebit,
  keyReused: 'giftCard.keyReused',
};

/**
 * Spends an amount of a gift card outside a till's sale: the e-shop's order (web), an order
 * picked up in store, in one statement (debit and `spent` row). The same idempotency key again
 * answers as the first time and takes nothing more.
 */
export function redeemGiftCard(db: Knex, r: Redemption): Promise<Redeemed> {
  return redeem(db, giftCards, r);
}

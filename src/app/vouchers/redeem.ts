import type { Knex } from 'knex';
import { debitVoucher, findUseByKey, isKeyTaken } from '../../data/vouchers';
import { redeem, type Redeemed, type Redemption, type Spendable } from '../redemption';
import { readVoucherCode, refuseFailedDebit } from './codes';

export type { Redeemed, Redemption } from '../redemption';

const vouchers: Spendable = { readCode: readVoucherCode, debit: debitVoucher, findByKey: findUseByKey, isKeyTaken, refuseFailedDebit, keyReused: 'voucher.keyReused' };

/**
 * Takes an amount from a voucher outside a till's sale (the e-shop, a pickup, the CLI), in one
 * statement (debit and ledger row). Refused with the reason when it cannot: unknown, used,
 * expired, cancelled, or holding less than asked (the balance as it is now is told).
 */
export function redeemVoucher(db: Knex, r: Redemption): Promise<Redeemed> {
  return redeem(db, vouchers, r);
}

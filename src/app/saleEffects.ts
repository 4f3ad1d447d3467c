import type { Knex } from 'knex';
import type { SaleInsert } from '../data/sales';
import type { SaleRequest } from './commitSale';

/**
 * What a sale does besides writing the ticket, in the same transaction: debit the vouchers it
 * was paid with, count the coupons it used, credit loyalty points, move stock… Each feature
 * adds its effect to SALE_EFFECTS. A refusal (a voucher spent meanwhile, a coupon's last use
 * gone) rolls the whole sale back, its ticket number included.
 */
export interface SaleEffect {
  name: string;
  /** Whether this sale concerns the effect; when no effect applies the sale is one statement. */
  applies(req: SaleRequest): boolean;
  apply(trx: Knex.Transaction, sale: CommittedSale): Promise<void>;
}

export interface CommittedSale {
  id: number;
  ticketNo: number;
  createdAt: Date;
  request: SaleRequest;
  insert: SaleInsert;
}

export const SALE_EFFECTS: SaleEffect[] = [];

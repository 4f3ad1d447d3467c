import type { Clock } from '../domain/clock';
import type { Knex } from 'knex';
import type { SaleInsert } from '../data/sales';
import type { Basket } from '../domain/basket';
import type { PrepaidRefund } from '../domain/saleReturn';
import type { StockPolicy } from '../domain/stock';
import type { MessageKey, Params } from '../i18n/messages';
import type { SaleRequest } from './saleRequest';

/**
 * What a sale does besides writing the ticket, in the same transaction: debit the vouchers it
 * was paid with, count the coupons it used, credit loyalty points, move stock… Each feature
 * adds its effect to SALE_EFFECTS (features.ts). A refusal (a voucher spent meanwhile, a coupon's last use
 * gone) rolls the whole sale back, its ticket number included.
 */
export interface SaleEffect {
  name: string;
  /** Whether this sale concerns the effect (under the till's policy); when none applies (and no receipt is owed) the sale is one statement. */
  applies(req: SaleRequest, policy: SalePolicy): boolean;
  /** May return what the cashier is told once the ticket is saved (what is left on a voucher…). */
  apply(trx: Knex.Transaction, sale: CommittedSale): Promise<void | SaleNote[]>;
  /**
   * Checked when the payment screen opens, reading only: what apply() would refuse now (a
   * coupon's last use taken by another till meanwhile) is said before the customer pays.
   * apply() stays the guarantee.
   */
  beforePayment?(db: Knex, basket: Basket, place: { storeId: number; terminalId: number }, policy: SalePolicy): Promise<void>;
}

/**
 * What the till's configuration asks of a commit, given by the till that makes it. Not kept
 * with a spooled sale: one paid while the server was away is committed as it was sold, the
 * goods having left the shop.
 */
export interface SalePolicy {
  /** The till's clock (config.clock): what "now" is for a check before payment. The system's when absent. */
  clock?: Clock;
  /** Absent: a sale is never refused for the stock it takes. */
  stock?: StockPolicy;
  /** Absent: a return's refund is never refused for the way it is paid out. */
  returns?: ReturnsPolicy;
  /** Absent or autoClose off: a day left unclosed stays so (see closings/autoClose.ts). */
  closings?: AutoClosePolicy;
}

/** config.closings with what a closing needs: the shop's zone, and the data folder for the heads file. */
export interface AutoClosePolicy {
  autoClose: boolean;
  fiscalYearStartMonth: number;
  timeZone: string;
  dataDir: string;
}

/** The shop's rules on returns (config `returns`). */
export interface ReturnsPolicy {
  prepaidRefund: PrepaidRefund;
  withoutTicket: 'free' | 'manager';
}

/** A line for the cashier about what a feature did with the sale; amounts formatted when shown. */
export interface SaleNote {
  key: MessageKey;
  params?: Params;
  money?: Record<string, number>;
}

export interface CommittedSale {
  id: number;
  ticketNo: number;
  createdAt: Date;
  request: SaleRequest;
  insert: SaleInsert;
  policy: SalePolicy;
}

import type { Basket } from '../domain/basket';
import type { Payment } from '../domain/tender';

/** A paid basket on its way to the database: what commitSale and every sale effect read. */
export interface SaleRequest {
  terminalId: number;
  storeId: number;
  operatorId: number;
  /** The basket carries the idempotency key made when it opened. */
  basket: Basket;
  payment: Payment;
  /**
   * When the customer paid (ISO), kept with a spooled sale: a sale sent again after the server
   * came back is judged at that moment (a coupon's schedule), not at the moment it arrives.
   */
  paidAt?: string;
  /**
   * What identifies the request under its key, when the caller has its own (an order sent by
   * a script: see createSale); otherwise the priced ticket's content. The same key comes back
   * only with the same fingerprint: a retry gets the first ticket, anything else is refused.
   */
  fingerprint?: string;
  /**
   * The manager who approved what a return needs beyond the cashier: a return without its
   * ticket (where the shop asks it), a refund paid out otherwise than the ticket was paid.
   */
  returnApprover?: number | null;
  /**
   * A sale made with the server away (see offline/): its number, from the till's reserved block,
   * printed on its receipt, and when it was sold; committed later with both.
   */
  offline?: { ticketNo: number; soldAt: string };
  /**
   * Made in training mode, as the till saw its mode. Absent: the till's mode in the database
   * decides (a sale sent later from an outage: real unless said).
   */
  training?: boolean;
}

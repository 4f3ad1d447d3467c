import { customerById, retiredCards, type CustomerRecord } from '../../data/customers';
import type { Db } from '../../data/db';
import { vouchersOfCustomer } from '../../data/vouchers';
import type { SaleRecord } from '../../domain/sale';
import { refuse } from '../errors';
import { loyaltyView, type LoyaltyView } from '../loyalty/program';
import type { CustomerVoucher } from '../vouchers/customerVouchers';
import { purchaseHistory } from './history';

/** Everything the back room shows of a customer: details, loyalty, account, vouchers, tickets, former cards. */
export interface CustomerFile {
  customer: CustomerRecord;
  loyalty: LoyaltyView;
  /** Every voucher issued to them, newest first, with its movements. */
  vouchers: CustomerVoucher[];
  sales: SaleRecord[];
  formerCards: { code: string; retiredAt: Date }[];
}

export async function customerFile(db: Db, id: number, tickets = 5): Promise<CustomerFile> {
  const customer = await customerById(db, id);
  if (!customer) refuse('customer.notFound');
  const [loyalty, vouchers, sales, formerCards] = await Promise.all([
    loyaltyView(db, customer, 0),
    vouchersOfCustomer(db, id),
    purchaseHistory(db, id, tickets),
    retiredCards(db, id),
  ]);
  return { customer, loyalty, vouchers, sales, formerCards };
}

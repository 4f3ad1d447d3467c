import { rewardKey } from '../../app/loyalty/reward';
import type { SaleController } from '../hooks/useSale';

export const CUSTOMER_COMMANDS = ['customer', 'history', 'reward'] as const;
export type CustomerCommand = (typeof CUSTOMER_COMMANDS)[number];

/**
 * The sale screen's customer keys: find or make the customer (a panel), their purchases (a
 * panel, once a customer is on the ticket), and the reward key: takes the reward off, puts on
 * the one reached, or lets the cashier pick among several.
 */
export function customerCommand(sale: SaleController, c: CustomerCommand): void {
  switch (c) {
    case 'customer':
      return sale.openPanel('customer');
    case 'history':
      if (!sale.current().basket.customer) return sale.message({ key: 'history.noCustomer', tone: 'error' });
      return sale.openPanel('history');
    case 'reward':
      return sale.run(async (till) => {
        const r = await rewardKey(till.db, sale.current().basket);
        if ('choose' in r) return sale.openPanel('reward');
        sale.applyActions(r.actions, { ...r.message, tone: 'ok' });
      });
  }
}

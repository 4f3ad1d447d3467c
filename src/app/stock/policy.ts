import type { Config } from '../../config/schema';
import type { SalePolicy } from '../saleEffects';

/** What this till's configuration asks of its sales' commits (stock.allowNegative, returns, closings.autoClose). */
export function salePolicy(config: Config): SalePolicy {
  return { clock: config.clock, stock: { allowNegative: config.stock.allowNegative }, returns: { prepaidRefund: config.returns.prepaidRefund, withoutTicket: config.returns.withoutTicket },
    closings: { ...config.closings, timeZone: config.timeZone, dataDir: config.dataDir },
  };
}

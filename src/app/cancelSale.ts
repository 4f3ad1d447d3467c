import type { Db } from '../data/db';
import { insertAudit } from '../data/audit';
import { basketTotals, type Basket } from '../domain/basket';

/** A ticket abandoned before payment leaves a trace: what was on it, who cancelled it. */
export async function recordCancelledBasket(db: Db, terminalId: number, operatorId: number, basket: Basket): Promise<void> {
  await insertAudit(db, [{
    action: 'sale_cancelled',
    terminalId,
    operatorId,
    details: {
      key: basket.key,
      total_cents: basketTotals(basket).totalCents,
      lines: basket.lines.map((l) => ({ sku: l.item.sku, qty: l.qty, unit_price_cents: l.unitPriceCents })),
    },
  }]);
}

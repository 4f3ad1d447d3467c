import type { SaleRecord } from './sale';

/** The drawer opens when cash was taken or paid out: a card-only ticket leaves it shut. */
export function opensDrawer(sale: Pick<SaleRecord, 'tenders' | 'changeCents'>): boolean {
  return sale.changeCents > 0 || sale.tenders.some((t) => t.kind === 'cash' && t.amountCents !== 0);
}

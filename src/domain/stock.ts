// Stock rules, without I/O: what a quantity typed in the back room may be, what a ticket takes
// from the shelves, and when a figure is low.

/** The largest figure the database holds (stock_levels.qty), and so the largest quantity typed. */
export const MAX_STOCK = 999_999;

export type StockMovementKind = 'sale' | 'return' | 'receive' | 'count' | 'adjust' | 'transfer';

/** What a quantity is for: a delivery brings some (> 0), a count says what is there (≥ 0), an adjustment moves it either way (≠ 0). */
export type StockQtyUse = 'receive' | 'count' | 'adjust';

export type StockQtyError = 'stock.qty.notNumber' | 'stock.qty.notPositive' | 'stock.qty.negative' | 'stock.qty.zero' | 'stock.qty.tooLarge';

/** A typed quantity ("12", "+3", "-2") read for its use; the quantity or why it is refused. */
export function parseStockQty(text: string, use: StockQtyUse): { qty: number } | { error: StockQtyError } {
  const t = text.trim();
  if (!/^[+-]?\d{1,9}$/.test(t)) return { error: 'stock.qty.notNumber' };
  const qty = Number(t);
  if (Math.abs(qty) > MAX_STOCK) return { error: 'stock.qty.tooLarge' };
  if (use === 'receive' && qty <= 0) return { error: 'stock.qty.notPositive' };
  if (use === 'count' && qty < 0) return { error: 'stock.qty.negative' };
  if (use === 'adjust' && qty === 0) return { error: 'stock.qty.zero' };
  return { qty };
}

/** A threshold typed: a whole number from 0, or "-" / "none" / "aucun" for none. */
export function parseThreshold(text: string): { threshold: number | null } | { error: StockQtyError } {
  const t = text.trim().toLowerCase();
  if (t === '-' || t === 'none' || t === 'aucun') return { threshold: null };
  const read = parseStockQty(t, 'count');
  return 'error' in read ? read : { threshold: read.qty };
}

/**
 * What a ticket does to the shelves: per item, what its lines take (a sale, negative) or give
 * back (a return, positive), added up; items whose lines cancel out are left out. In item id
 * order: the order in which their figures are locked, so two tills never wait on each other in
 * a circle.
 */
export function stockDeltas(lines: readonly { itemId: number; qty: number }[]): { itemId: number; qty: number }[] {
  const by = new Map<number, number>();
  for (const l of lines) by.set(l.itemId, (by.get(l.itemId) ?? 0) - l.qty);
  return [...by].filter(([, qty]) => qty !== 0).map(([itemId, qty]) => ({ itemId, qty })).sort((a, b) => a.itemId - b.itemId);
}

/** What the configuration says of selling what the books say is not there. */
export interface StockPolicy {
  /** True: the sale goes through, the figure goes below zero and the cashier is warned. False: refused. */
  allowNegative: boolean;
}

/** A figure as a till sees it: the quantity, the threshold that applies here (none: never low), its version. */
export interface StockLevel {
  qty: number;
  threshold: number | null;
  /** The latest movement's id: a later figure of the same item always has a larger one. */
  v: number;
}

/** At or under its threshold: the item key and the basket line show what is left. */
export function isLow(level: Pick<StockLevel, 'qty' | 'threshold'> | null | undefined): boolean {
  return level != null && level.threshold !== null && level.qty <= level.threshold;
}

/** A change with its sign, as the till writes amounts: "+12", "−3" (a minus sign), "0". */
export function signedQty(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

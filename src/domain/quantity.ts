export const MAX_QTY = 9999;

export type QtyError = 'qty.notNumber' | 'qty.zero' | 'qty.tooLarge';

/** A line quantity: a whole number, not zero (negative = a returned item), at most 9999 units. */
export function checkQty(qty: number): QtyError | null {
  if (!Number.isInteger(qty)) return 'qty.notNumber';
  if (qty === 0) return 'qty.zero';
  if (Math.abs(qty) > MAX_QTY) return 'qty.tooLarge';
  return null;
}

/** Reads a typed quantity ("3", "-1"); returns the quantity or why it is refused. */
export function parseQty(text: string): { qty: number } | { error: QtyError } {
  const t = text.trim();
  if (!/^[+-]?\d{1,9}$/.test(t)) return { error: 'qty.notNumber' };
  const qty = Number(t);
  const error = checkQty(qty);
  return error ? { error } : { qty };
}

/**
 * One row of a customer's points ledger as expiry reads it, in ledger order: a credit (a lot
 * of points, `past` when its date has gone by; a credit without a date never expires) or a
 * debit (spent, taken back by a return, expired, adjusted down).
 */
export interface PointsMove {
  amount: number;
  /** Credits only: true once the lot's date is past; null for a lot that never expires. */
  past: boolean | null;
  /** Credits only: the lot's date (ms), to spend the soonest to expire first. */
  expiresAt: number | null;
}

interface Lot {
  left: number;
  past: boolean | null;
  expiresAt: number | null;
}

/**
 * What expiry must write off now. Each debit takes from the lots the customer held when it
 * was made, the soonest to expire first and lots that never expire last (the customer's
 * interest: points about to lapse are the ones used). What then remains of lots past their
 * date expires. A debit can only use points that existed before it: a spend in February is
 * not paid from a lot earned in March, which keeps its own date.
 */
export function pointsToExpire(moves: Iterable<PointsMove>): number {
  const lots: Lot[] = [];
  for (const m of moves) {
    if (m.amount > 0) {
      const at = m.expiresAt;
      // Kept in spending order; a lot goes after those of the same date (earned before it).
      const i = lots.findIndex((l) => at !== null && (l.expiresAt === null || l.expiresAt > at));
      lots.splice(i === -1 ? lots.length : i, 0, { left: m.amount, past: m.past, expiresAt: at });
      continue;
    }
    let owed = -m.amount;
    while (owed > 0 && lots.length > 0) {
      const lot = lots[0]!;
      const take = Math.min(lot.left, owed);
      lot.left -= take;
      owed -= take;
      if (lot.left === 0) lots.shift();
    }
  }
  return lots.reduce((sum, l) => sum + (l.past ? l.left : 0), 0);
}

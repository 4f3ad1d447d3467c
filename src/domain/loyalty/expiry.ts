/**
 * Points expire lot by lot (each earning expires at its own date) and are spent oldest first.
 * So what must expire by now is what the lots past their date earned, less everything taken
 * from the balance so far (spent, taken back by returns, already expired): those debits used
 * the oldest points first. Never negative.
 */
export function pointsToExpire(sums: { earnedPastExpiry: number; debited: number }): number {
  return Math.max(0, sums.earnedPastExpiry - sums.debited);
}

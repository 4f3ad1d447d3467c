import type { Cents } from '../money';
import type { LoyaltyProgram } from './program';

/** A ticket line as earning sees it: how many, the points its item earns each, what it came to. */
export interface EarningLine {
  qty: number;
  itemPoints: number;
}

/**
 * The points a ticket earns: each item's points times its quantity, plus the program's points
 * per whole euro of the ticket's total (what was paid, after discounts). A returned item (a
 * negative quantity, a negative total) gives a negative figure: the points it had earned,
 * taken back. Euros are counted towards zero, so a refund takes back exactly what the same
 * amount earned.
 */
export function pointsEarned(program: LoyaltyProgram, lines: readonly EarningLine[], totalCents: Cents): number {
  const perItem = lines.reduce((sum, l) => sum + l.qty * l.itemPoints, 0);
  const perEuro = Math.trunc(totalCents / 100) * program.pointsPerEuro;
  return perItem + perEuro;
}

/** One visit for a sale to a customer (not for a ticket that only takes items back). */
export function visitsEarned(program: LoyaltyProgram, lines: readonly EarningLine[]): number {
  return program.countVisits && lines.some((l) => l.qty > 0) ? 1 : 0;
}

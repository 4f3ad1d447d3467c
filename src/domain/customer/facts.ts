import type { Reward } from '../loyalty/program';

/** What the till shows of a customer while they are on the ticket, as found when attached. */
export interface CustomerFacts {
  points: number;
  visits: number;
  /** Their account's balance (positive: the shop owes them); null when they have no account. */
  accountCents: number | null;
  /** What the account can pay now: the balance plus the overdraft limit. */
  accountAvailableCents: number;
  /** Rewards whose threshold they have reached. */
  rewards: Reward[];
  /** The nearest threshold not reached yet, and what is missing. */
  next: { name: string; unit: Reward['unit']; missing: number } | null;
  /** Their standing discount (their own or their group's), in basis points. */
  discountBp: number | null;
}

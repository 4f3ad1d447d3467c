import type { Cents } from '../money';

/** The shop's loyalty program, one for every till (read from the database). */
export interface LoyaltyProgram {
  /** Points for each whole euro a ticket comes to (0: none); items may earn points of their own too. */
  pointsPerEuro: number;
  /** One visit counted for each sale to a customer. */
  countVisits: boolean;
  /** Points earned expire this many months later unless spent; null: they never do. */
  expireMonths: number | null;
  /** What the codes of the shop's printed cards start with, so an unknown one is told apart from an item. */
  cardPrefix: string | null;
}

export type RewardUnit = 'points' | 'visits';

/** What a reward gives: an amount off the ticket, a percentage off, or one unit of an item free. */
export type RewardGift =
  | { kind: 'amount'; cents: Cents }
  | { kind: 'percent'; bp: number }
  | { kind: 'item'; itemId: number; itemName: string };

/** A threshold of the program: reached at `cost` points (or visits), which the reward then costs. */
export interface Reward {
  id: number;
  name: string;
  unit: RewardUnit;
  cost: number;
  gift: RewardGift;
  /** Put on the ticket as soon as the customer is attached, without a key. */
  automatic: boolean;
}

export interface LoyaltyBalance {
  points: number;
  visits: number;
}

export function balanceIn(balance: LoyaltyBalance, unit: RewardUnit): number {
  return unit === 'points' ? balance.points : balance.visits;
}

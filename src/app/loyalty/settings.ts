import type { Knex } from 'knex';
import { listRewards, loyaltyProgram } from '../../data/loyalty';
import type { LoyaltyProgram } from '../../domain/loyalty/program';
import { itemsWithPoints, type ItemPoints } from './itemPoints';
import type { ListedReward } from './rewardChanges';

export interface LoyaltySettings {
  program: LoyaltyProgram;
  /** Every reward, those taken out of the program too. */
  rewards: ListedReward[];
  /** The items that earn points of their own (the first `limit`), and how many do. */
  earning: { rows: ItemPoints[]; total: number };
}

/** The whole program as the back office shows it. */
export async function loyaltySettings(db: Knex, limit = 500): Promise<LoyaltySettings> {
  const [program, rewards, earning] = await Promise.all([loyaltyProgram(db), listRewards(db, { activeOnly: false }), itemsWithPoints(db, limit)]);
  return { program, rewards, earning };
}

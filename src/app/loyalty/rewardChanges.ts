import type { Knex } from 'knex';
import { rewardsById, setRewardActive, setRewardCost } from '../../data/loyalty';
import type { Reward } from '../../domain/loyalty/program';
import { refuse } from '../errors';

export type ListedReward = Reward & { active: boolean };

/** A reward as it is now, active or not; refused by number when there is none. */
async function rewardNow(db: Knex, id: number): Promise<ListedReward> {
  const [r] = await rewardsById(db, [id]);
  if (!r) refuse('loyalty.rewardUnknown', { id });
  return r;
}

/**
 * Takes a reward out of the program, or puts it back; its history stays either way. A ticket
 * that already carries it is checked at commit, which refuses one no longer offered.
 */
export async function turnReward(db: Knex, id: number, active: boolean): Promise<ListedReward> {
  if (!(await setRewardActive(db, id, active))) refuse('loyalty.rewardUnknown', { id });
  return rewardNow(db, id);
}

/** A reward's threshold, which is also what it costs: a ticket already carrying it pays the new one at commit. */
export async function changeRewardCost(db: Knex, id: number, cost: number): Promise<ListedReward> {
  if (!(Number.isInteger(cost) && cost >= 1 && cost <= 1_000_000)) refuse('loyalty.costInvalid');
  if (!(await setRewardCost(db, id, cost))) refuse('loyalty.rewardUnknown', { id });
  return rewardNow(db, id);
}

import type { LoyaltyProgram } from '../../domain/loyalty/program';
import type { RuleChange } from '../ruleChange';
import { addReward, changeProgram, type RewardInput } from './program';

// The loyalty changes `pos loyalty` and the back office both make, with the audit row each leaves.

export function loyaltyProgramChange(change: Partial<LoyaltyProgram>): RuleChange<LoyaltyProgram> {
  return { action: 'loyalty_program', work: (trx) => changeProgram(trx, change), details: () => ({ changed: change }) };
}

export function loyaltyRewardAdd(input: RewardInput): RuleChange<Awaited<ReturnType<typeof addReward>>> {
  return {
    action: 'loyalty_reward_add', work: (trx) => addReward(trx, input),
    details: (x) => ({ reward_id: x.id, name: x.name, unit: input.unit, cost: input.cost, gift: input.gift, automatic: input.automatic }),
  };
}

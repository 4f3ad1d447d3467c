import { divRound } from '../money';
import { leftAfterEarlier, leftOnLine, percentOfLeft, roomLeft, roomLeftOnLine, type PricingRule, type RuleEvaluator, type RuleOutcome } from '../pricingRule';
import { balanceIn, type LoyaltyBalance, type Reward, type RewardUnit } from './program';

export const REWARD_RULE = 'reward';

/** What a reward rule carries on the basket: the reward, and the balance it is paid from. */
export interface RewardRuleData extends Record<string, unknown> {
  customerId: number;
  reward: Reward;
  /** The customer's balance in the reward's unit when it was applied (checked again at commit). */
  balance: number;
}

/** Rewards whose threshold the balance has reached, the dearest first. */
export function rewardsWithinReach(rewards: readonly Reward[], balance: LoyaltyBalance): Reward[] {
  return rewards.filter((r) => balanceIn(balance, r.unit) >= r.cost).sort((a, b) => b.cost - a.cost || a.id - b.id);
}

/** The nearest threshold not reached yet: what the customer is told they are saving towards. */
export function nextReward(rewards: readonly Reward[], balance: LoyaltyBalance): { name: string; unit: RewardUnit; missing: number } | null {
  let best: { name: string; unit: RewardUnit; missing: number } | null = null;
  for (const r of rewards) {
    const missing = r.cost - balanceIn(balance, r.unit);
    if (missing > 0 && (!best || missing < best.missing)) best = { name: r.name, unit: r.unit, missing };
  }
  return best;
}

export function rewardRule(reward: Reward, customerId: number, balance: LoyaltyBalance): PricingRule {
  const data: RewardRuleData = { customerId, reward, balance: balanceIn(balance, reward.unit) };
  return { kind: REWARD_RULE, ref: `FID-${reward.id}`, data };
}

export function isRewardRule(rule: PricingRule): rule is PricingRule & { data: RewardRuleData } {
  return rule.kind === REWARD_RULE;
}

/**
 * A loyalty reward on the ticket: an amount off, a percentage of what is left to pay, or the
 * price of one unit of an item on that item's line (it must be on the ticket). One reward per
 * ticket; one the customer cannot afford gives nothing and says why.
 */
export const rewardEvaluator: RuleEvaluator = (rule, input): RuleOutcome => {
  const { customerId, reward, balance } = rule.data as RewardRuleData;
  if (input.customer?.id !== customerId) return { refused: 'loyalty.rewardNoCustomer' };
  if (balance < reward.cost) return { refused: reward.unit === 'points' ? 'loyalty.cannotAffordPoints' : 'loyalty.cannotAffordVisits', params: { balance, cost: reward.cost } };
  if (input.earlier.some((a) => a.kind === REWARD_RULE)) return { refused: 'loyalty.oneReward' };
  const base = { kind: REWARD_RULE, ref: rule.ref, label: reward.name };
  const gift = reward.gift;
  switch (gift.kind) {
    case 'amount': {
      // Cut to a small ticket, the customer would pay the full points for part of the gift: it
      // waits on the ticket (and applies by itself) until the ticket is worth it.
      const left = leftAfterEarlier(input);
      if (left < gift.cents) return { refused: 'loyalty.rewardAboveTicket', params: { gift: gift.cents, total: left } };
      // Items at a fixed or capped price cannot take it all: it waits for items that can.
      const room = roomLeft(input);
      if (room < gift.cents) return { refused: 'loyalty.rewardAbovePriceRules', params: { gift: gift.cents, total: room } };
      return { adjustment: { ...base, cents: gift.cents, lineIds: null } };
    }
    case 'percent':
      return { adjustment: { ...base, cents: percentOfLeft(input, gift.bp), lineIds: null } };
    case 'item': {
      const line = input.lines.find((l) => l.itemId === gift.itemId && l.qty > 0 && l.totalCents > 0);
      if (!line) return { refused: 'loyalty.rewardItemMissing', params: { name: gift.itemName } };
      const unit = divRound(line.totalCents, line.qty);
      // The item's line already discounted (a coupon before): the gift waits rather than be cut.
      if (leftOnLine(input, line) < unit) return { refused: 'loyalty.rewardAboveTicket', params: { gift: unit, total: leftOnLine(input, line) } };
      // A newspaper or a book cannot be given away: the law fixes what it is sold for.
      if (roomLeftOnLine(input, line) < unit) return { refused: 'loyalty.rewardItemPriceRule', params: { name: gift.itemName } };
      return { adjustment: { ...base, cents: unit, lineIds: [line.lineId] } };
    }
  }
};

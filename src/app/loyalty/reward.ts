import { customerById } from '../../data/customers';
import type { Db } from '../../data/db';
import { itemsById } from '../../data/items';
import type { Basket, BasketAction } from '../../domain/basket';
import { balanceIn, type Reward } from '../../domain/loyalty/program';
import { isRewardRule, rewardRule } from '../../domain/loyalty/rewards';
import type { MessageKey, Params } from '../../i18n/messages';
import { refuse } from '../errors';

export type RewardKeyOutcome =
  | { actions: BasketAction[]; message: { key: MessageKey; params?: Params } }
  /** Several rewards are within reach: the cashier picks one. */
  | { choose: Reward[] };

/**
 * The reward key: takes off the reward already on the ticket, or puts on the one the customer
 * has reached (`rewardId` when several were offered). The balance is read again first, so a
 * reward another till has just been paid with is refused here, before the payment. A free item
 * not yet on the ticket is added with it.
 */
export async function rewardKey(db: Db, basket: Basket, rewardId?: number): Promise<RewardKeyOutcome> {
  const customer = basket.customer;
  if (!customer) refuse('loyalty.noCustomer');
  const applied = basket.rules.find(isRewardRule);
  if (applied && rewardId === undefined) {
    return { actions: [{ type: 'removeRule', ref: applied.ref }], message: { key: 'loyalty.rewardRemoved', params: { name: applied.data.reward.name } } };
  }
  const offered = customer.facts?.rewards ?? [];
  if (offered.length === 0) {
    const next = customer.facts?.next;
    if (next) refuse(next.unit === 'points' ? 'loyalty.notReachedPoints' : 'loyalty.notReachedVisits', { missing: next.missing, name: next.name });
    refuse('loyalty.noReward');
  }
  const reward = rewardId === undefined ? (offered.length === 1 ? offered[0] : undefined) : offered.find((r) => r.id === rewardId);
  if (!reward) return { choose: offered };

  const now = await customerById(db, customer.id);
  if (!now) refuse('customer.unknownCode', { code: customer.code });
  const balance = { points: now.points - now.pointsExpiring, visits: now.visits };
  const have = balanceIn(balance, reward.unit);
  if (have < reward.cost) refuse(reward.unit === 'points' ? 'loyalty.cannotAffordPoints' : 'loyalty.cannotAffordVisits', { balance: have, cost: reward.cost });

  const actions: BasketAction[] = applied ? [{ type: 'removeRule', ref: applied.ref }] : [];
  const gift = reward.gift;
  if (gift.kind === 'item' && !basket.lines.some((l) => l.item.id === gift.itemId && l.qty > 0)) {
    const item = (await itemsById(db, [gift.itemId])).get(gift.itemId);
    if (!item) refuse('loyalty.rewardItemGone', { name: gift.itemName });
    actions.push({ type: 'add', item, qty: 1 });
  }
  actions.push({ type: 'addRule', rule: rewardRule(reward, customer.id, balance) });
  return { actions, message: { key: 'loyalty.rewardApplied', params: { name: reward.name } } };
}

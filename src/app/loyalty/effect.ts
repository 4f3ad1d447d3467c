import type { Knex } from 'knex';
import { insertLoyaltyMovements, itemLoyaltyPoints, listRewards, lockLoyaltyBalance, loyaltyProgram, pointsMoves, rewardsById, type LoyaltyMovementInsert } from '../../data/loyalty';
import { pointsEarned, visitsEarned } from '../../domain/loyalty/earning';
import { pointsToExpire } from '../../domain/loyalty/expiry';
import { balanceIn, type LoyaltyBalance, type RewardUnit } from '../../domain/loyalty/program';
import { isRewardRule, REWARD_RULE } from '../../domain/loyalty/rewards';
import { refuse } from '../errors';
import type { SaleRequest } from '../saleRequest';
import type { CommittedSale, SaleEffect, SaleNote } from '../saleEffects';

/** The reward rules of a sale that gave something on the ticket: those are paid for. */
function rewardsUsed(req: SaleRequest, adjustments: CommittedSale['insert']['adjustments']) {
  return req.basket.rules.filter(isRewardRule).filter((r) => adjustments.some((a) => a.kind === REWARD_RULE && a.ref === r.ref));
}

/**
 * Writes points past their date off the balance before anything else moves it (spent points
 * are taken from what is still valid). The balance row is locked by the caller.
 */
export async function expire(trx: Knex.Transaction, customerId: number, balance: LoyaltyBalance, moves: Omit<LoyaltyMovementInsert, 'customerId'>[]): Promise<void> {
  if (balance.points === 0) return;
  const due = Math.min(balance.points, pointsToExpire(await pointsMoves(trx, customerId)));
  if (due === 0) return;
  balance.points -= due;
  moves.push({ unit: 'points', kind: 'expire', amount: -due, balanceAfter: balance.points });
}

/**
 * Loyalty for a sale to a customer, in the sale's transaction: points past their date expire,
 * the rewards on the ticket are paid in points or visits (refused, and the whole sale with
 * them, if the customer no longer has enough: another till may have spent them), the points the
 * items and the euros earn are credited (or taken back for returns, never below zero), and the
 * visit is counted. The balance row is locked for all of it; each change is a ledger row.
 */
export async function applyLoyalty(trx: Knex.Transaction, sale: CommittedSale): Promise<SaleNote[]> {
  const { request: req, insert } = sale;
  const customer = req.basket.customer!;
  const used = rewardsUsed(req, insert.adjustments);
  const program = await loyaltyProgram(trx);
  // A gift card sold earns nothing: it is money received, not a purchase (its spending will earn).
  const goods = insert.lines.filter((l) => !l.giftCardCode);
  const itemPoints = await itemLoyaltyPoints(trx, [...new Set(goods.map((l) => l.itemId))]);
  const lines = goods.map((l) => ({ qty: l.qty, itemPoints: itemPoints.get(l.itemId) ?? 0 }));
  const earned = pointsEarned(program, lines, goods.reduce((sum, l) => sum + l.totalCents, 0));
  const visits = visitsEarned(program, lines);
  if (earned === 0 && visits === 0 && used.length === 0) return [];

  const before = await lockLoyaltyBalance(trx, customer.id);
  const balance = { ...before };
  const moves: Omit<LoyaltyMovementInsert, 'customerId'>[] = [];
  if (program.expireMonths !== null) await expire(trx, customer.id, balance, moves);

  const rewards = await rewardsById(trx, used.map((r) => r.data.reward.id));
  for (const rule of used) {
    const reward = rewards.find((r) => r.id === rule.data.reward.id);
    if (!reward?.active) refuse('loyalty.rewardGone', { name: rule.data.reward.name });
    const have = balanceIn(balance, reward.unit);
    if (have < reward.cost) refuse(reward.unit === 'points' ? 'loyalty.cannotAffordPoints' : 'loyalty.cannotAffordVisits', { balance: have, cost: reward.cost });
    change(balance, reward.unit, -reward.cost);
    moves.push({ unit: reward.unit, kind: 'spend', amount: -reward.cost, balanceAfter: balanceIn(balance, reward.unit), rewardId: reward.id });
  }
  if (earned > 0) {
    balance.points += earned;
    moves.push({ unit: 'points', kind: 'earn', amount: earned, balanceAfter: balance.points, expireMonths: program.expireMonths });
  } else if (earned < 0 && balance.points > 0) {
    // A return takes back what its items earned, as far as the customer still has points.
    const back = Math.min(balance.points, -earned);
    balance.points -= back;
    moves.push({ unit: 'points', kind: 'return', amount: -back, balanceAfter: balance.points });
  }
  if (visits > 0) {
    balance.visits += visits;
    moves.push({ unit: 'visits', kind: 'earn', amount: visits, balanceAfter: balance.visits });
  }
  // Sold offline, sent later: earned when it was sold.
  const where = { customerId: customer.id, saleId: sale.id, storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId, at: req.offline?.soldAt ?? null };
  await insertLoyaltyMovements(trx, moves.map((m) => ({ ...where, ...m })));
  const notes: SaleNote[] = [{ key: 'loyalty.afterSale', params: { name: customer.name, earned: earned > 0 ? `+${earned}` : String(earned), points: balance.points, visits: balance.visits } }];
  // A threshold crossed by this sale: the cashier tells the customer, who uses it next time.
  for (const r of await listRewards(trx, { activeOnly: true })) {
    if (balanceIn(before, r.unit) < r.cost && balanceIn(balance, r.unit) >= r.cost) notes.push({ key: 'loyalty.reachedNow', params: { name: customer.name, reward: r.name } });
  }
  return notes;
}

function change(b: LoyaltyBalance, unit: RewardUnit, by: number): void {
  if (unit === 'points') b.points += by;
  else b.visits += by;
}

export const loyaltyEffect: SaleEffect = {
  name: 'loyalty',
  applies: (req) => req.basket.customer !== null,
  apply: applyLoyalty,
};

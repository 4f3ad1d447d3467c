import type { Db } from '../../data/db';
import { customerByCard, type CustomerRecord } from '../../data/customers';
import { listRewards } from '../../data/loyalty';
import type { BasketCustomer } from '../../domain/basket';
import { availableCents } from '../../domain/customer/account';
import { customerDiscountRule } from '../../domain/customer/discount';
import type { CustomerFacts } from '../../domain/customer/facts';
import { nextReward, rewardRule, rewardsWithinReach } from '../../domain/loyalty/rewards';
import type { Lang } from '../../domain/money';
import { formatRate } from '../../domain/vat';
import { t, type MessageKey, type Params } from '../../i18n/messages';
import { refuse } from '../errors';

/**
 * The customer as a basket carries them: what the till shows (points, account, rewards within
 * reach) and the rules they bring (their standing discount, an automatic reward).
 */
export async function basketCustomerOf(db: Db, c: CustomerRecord, lang: Lang): Promise<BasketCustomer> {
  const rewards = await listRewards(db, { activeOnly: true });
  // Points past their date are not offered: the sale's commit writes them off first.
  const balance = { points: c.points - c.pointsExpiring, visits: c.visits };
  const within = rewardsWithinReach(rewards, balance);
  const facts: CustomerFacts = {
    points: balance.points,
    visits: c.visits,
    accountCents: c.accountCents,
    accountAvailableCents: availableCents({ balanceCents: c.accountCents ?? 0, overdraftLimitCents: c.overdraftLimitCents }),
    rewards: within,
    next: nextReward(rewards, balance),
    discountBp: c.discountBp,
  };
  const rules = [];
  if (c.discountBp) rules.push(customerDiscountRule(c, c.discountBp, t(lang, 'customer.discountLabel', { rate: formatRate(c.discountBp, lang) })));
  const automatic = within.find((r) => r.automatic);
  if (automatic) rules.push(rewardRule(automatic, c.id, balance));
  return { id: c.id, code: c.code, name: c.name, groupCode: c.groupCode, rules, facts };
}

/** What the cashier is told when the customer is attached: who, and a threshold reached. */
export function attachedMessage(customer: BasketCustomer): { key: MessageKey; params?: Params } {
  const auto = customer.rules?.find((r) => r.kind === 'reward');
  if (auto) return { key: 'customer.attachedAutoReward', params: { name: customer.name, reward: String((auto.data.reward as { name: string }).name) } };
  const reached = customer.facts?.rewards[0];
  if (reached) return { key: 'customer.attachedReward', params: { name: customer.name, reward: reached.name } };
  return { key: 'customer.attached', params: { name: customer.name } };
}

/**
 * The customer a code names, ready for a basket; refused when the card was replaced (the old
 * code no longer works), the customer is closed, or the code is unknown.
 */
export async function customerForSale(db: Db, code: string, lang: Lang): Promise<BasketCustomer> {
  const { found } = await customerByCard(db, code.trim());
  if (!found) refuse('customer.unknownCode', { code });
  return basketCustomerOf(db, usable(found, code), lang);
}

/** The customer of a card found, unless the card was replaced or the customer closed. */
export function usable(found: { retiredAt: Date | null; customer: CustomerRecord }, code: string): CustomerRecord {
  if (found.retiredAt) refuse('customer.cardReplaced', { code, name: found.customer.name });
  if (!found.customer.active) refuse('customer.inactive', { name: found.customer.name });
  return found.customer;
}

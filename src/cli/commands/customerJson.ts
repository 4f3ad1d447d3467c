import type { LoyaltyView } from '../../app/loyalty/program';
import type { CustomerRecord } from '../../data/customers';
import type { CustomerSummary } from '../../data/customersSearch';
import type { LoyaltyMovement } from '../../data/loyalty';
import type { AccountMovement, Statement } from '../../domain/customer/account';
import type { Reward } from '../../domain/loyalty/program';

// The shapes scripts read of customers, loyalty and accounts: snake_case, amounts in cents.

export function customerJson(c: CustomerRecord) {
  return {
    code: c.code,
    name: c.name,
    first_name: c.firstName,
    last_name: c.lastName,
    company: c.company,
    email: c.email,
    phone: c.phone,
    address: c.address,
    notes: c.notes,
    active: c.active,
    group: c.groupCode,
    discount_bp: c.discountBp,
    own_discount_bp: c.ownDiscountBp,
    points: c.points,
    points_expiring: c.pointsExpiring,
    visits: c.visits,
    account_cents: c.accountCents,
    overdraft_limit_cents: c.overdraftLimitCents,
    created_at: c.createdAt.toISOString(),
  };
}

export function customerSummaryJson(c: CustomerSummary) {
  return { code: c.code, name: c.name, phone: c.phone, email: c.email, group: c.groupCode, points: c.points, account_cents: c.accountCents, active: c.active };
}

export function rewardJson(r: Reward & { active?: boolean }) {
  const g = r.gift;
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    cost: r.cost,
    gift: g.kind === 'amount' ? { kind: 'amount', amount_cents: g.cents } : g.kind === 'percent' ? { kind: 'percent', percent_bp: g.bp } : { kind: 'item', item_id: g.itemId, item_name: g.itemName },
    automatic: r.automatic,
    ...(r.active !== undefined && { active: r.active }),
  };
}

export function loyaltyMovementJson(m: LoyaltyMovement) {
  return { at: m.at.toISOString(), unit: m.unit, kind: m.kind, amount: m.amount, balance_after: m.balanceAfter, ticket: m.ticket, reward: m.rewardName, expires_at: m.expiresAt?.toISOString() ?? null, note: m.note };
}

export function loyaltyJson(v: LoyaltyView) {
  return {
    points: v.points,
    points_expiring: v.pointsExpiring,
    visits: v.visits,
    rewards_reached: v.within.map(rewardJson),
    next_reward: v.next,
    movements: v.movements.map(loyaltyMovementJson),
  };
}

export function accountMovementJson(m: AccountMovement) {
  return { at: m.at.toISOString(), kind: m.kind, amount_cents: m.amountCents, balance_after_cents: m.balanceAfterCents, ref: m.ref };
}

export function statementJson(s: Statement) {
  return { opening_cents: s.openingCents, debits_cents: s.debitsCents, credits_cents: s.creditsCents, closing_cents: s.closingCents, movements: s.movements.map(accountMovementJson) };
}

import type { Knex } from 'knex';
import { findItemByCode } from '../../data/items';
import { insertLoyaltyMovements, insertReward, listRewards, lockLoyaltyBalance, loyaltyMovements, loyaltyProgram, setLoyaltyProgram, customersWithExpiredPoints, type LoyaltyMovement, type LoyaltyMovementInsert } from '../../data/loyalty';
import type { CustomerRecord } from '../../data/customers';
import type { Db } from '../../data/db';
import { normalizeCode } from '../../domain/customer/input';
import type { LoyaltyProgram, Reward, RewardUnit } from '../../domain/loyalty/program';
import { nextReward, rewardsWithinReach } from '../../domain/loyalty/rewards';
import { refuse } from '../errors';
import type { OnProgress } from '../progress';
import { expire } from './effect';

/** Changes to the program, checked: the database's CHECKs would refuse the same, less clearly. */
export async function changeProgram(db: Knex, p: Partial<LoyaltyProgram>): Promise<LoyaltyProgram> {
  if (p.pointsPerEuro !== undefined && !(Number.isInteger(p.pointsPerEuro) && p.pointsPerEuro >= 0 && p.pointsPerEuro <= 1000)) refuse('loyalty.pointsPerEuroInvalid');
  if (p.expireMonths !== undefined && p.expireMonths !== null && !(Number.isInteger(p.expireMonths) && p.expireMonths >= 1 && p.expireMonths <= 120)) refuse('loyalty.expiryInvalid');
  const cardPrefix = p.cardPrefix === undefined || p.cardPrefix === null ? p.cardPrefix : normalizeCode(p.cardPrefix);
  if (cardPrefix === null && p.cardPrefix) refuse('loyalty.prefixInvalid', { text: p.cardPrefix });
  if (cardPrefix && cardPrefix.length > 10) refuse('loyalty.prefixInvalid', { text: cardPrefix });
  return setLoyaltyProgram(db, { ...p, cardPrefix });
}

export interface RewardInput {
  name: string;
  unit: RewardUnit;
  cost: number;
  gift: { kind: 'amount'; cents: number } | { kind: 'percent'; bp: number } | { kind: 'item'; code: string };
  automatic: boolean;
}

export async function addReward(db: Knex, r: RewardInput): Promise<Reward> {
  const name = r.name.trim();
  if (name === '' || name.length > 40) refuse('loyalty.rewardNameInvalid');
  if (!(Number.isInteger(r.cost) && r.cost >= 1 && r.cost <= 1_000_000)) refuse('loyalty.costInvalid');
  let gift: { kind: 'amount'; cents: number } | { kind: 'percent'; bp: number } | { kind: 'item'; itemId: number };
  if (r.gift.kind === 'item') {
    const item = await findItemByCode(db, r.gift.code.trim());
    if (!item) refuse('item.unknownCode', { code: r.gift.code });
    gift = { kind: 'item', itemId: item.id };
  } else if (r.gift.kind === 'amount') {
    if (!(r.gift.cents > 0)) refuse('loyalty.giftInvalid');
    gift = r.gift;
  } else {
    if (!(r.gift.bp > 0 && r.gift.bp <= 10_000)) refuse('loyalty.giftInvalid');
    gift = r.gift;
  }
  const id = await insertReward(db, { name, unit: r.unit, cost: r.cost, gift, automatic: r.automatic });
  return (await listRewards(db, { activeOnly: false })).find((x) => x.id === id)!;
}

export interface LoyaltyView {
  program: LoyaltyProgram;
  points: number;
  visits: number;
  pointsExpiring: number;
  within: Reward[];
  next: { name: string; unit: RewardUnit; missing: number } | null;
  movements: LoyaltyMovement[];
}

/** A customer's loyalty as the back room and `pos loyalty show` present it. */
export async function loyaltyView(db: Db, c: CustomerRecord, limit = 20): Promise<LoyaltyView> {
  const [program, rewards, movements] = await Promise.all([loyaltyProgram(db), listRewards(db, { activeOnly: true }), loyaltyMovements(db, c.id, limit)]);
  const balance = { points: c.points - c.pointsExpiring, visits: c.visits };
  return { program, points: c.points, visits: c.visits, pointsExpiring: c.pointsExpiring, within: rewardsWithinReach(rewards, balance), next: nextReward(rewards, balance), movements };
}

/** Writes off every customer's points past their date (safe to run from cron: run again, it finds nothing). */
export async function expireAllPoints(db: Knex, onProgress?: OnProgress): Promise<{ customers: number; points: number }> {
  let customers = 0;
  let points = 0;
  const due = await customersWithExpiredPoints(db);
  for (const [i, id] of due.entries()) {
    const gone = await db.transaction(async (trx) => {
      const balance = { ...(await lockLoyaltyBalance(trx, id)) };
      const moves: Omit<LoyaltyMovementInsert, 'customerId'>[] = [];
      await expire(trx, id, balance, moves);
      if (moves.length === 0) return 0;
      await insertLoyaltyMovements(trx, moves.map((m) => ({ ...m, customerId: id, channel: 'backoffice' as const })));
      return -moves[0]!.amount;
    });
    if (gone > 0) {
      customers += 1;
      points += gone;
    }
    // Each customer is a transaction committed: what is told is done for good.
    onProgress?.(i + 1, due.length);
  }
  return { customers, points };
}

import type { PointsMove } from '../domain/loyalty/expiry';
import type { LoyaltyBalance, LoyaltyProgram, Reward, RewardUnit } from '../domain/loyalty/program';
import type { Db } from './db';

interface SettingsRow {
  points_per_euro: number;
  count_visits: boolean;
  points_expire_months: number | null;
  card_prefix: string | null;
}

const SETTINGS = ['points_per_euro', 'count_visits', 'points_expire_months', 'card_prefix'];

export function toProgram(r: SettingsRow): LoyaltyProgram {
  return { pointsPerEuro: r.points_per_euro, countVisits: r.count_visits, expireMonths: r.points_expire_months, cardPrefix: r.card_prefix };
}

export async function loyaltyProgram(db: Db): Promise<LoyaltyProgram> {
  return toProgram(await db('loyalty_settings').first(SETTINGS));
}

export async function setLoyaltyProgram(db: Db, p: Partial<LoyaltyProgram>): Promise<LoyaltyProgram> {
  const [row] = await db('loyalty_settings')
    .update({
      ...(p.pointsPerEuro !== undefined && { points_per_euro: p.pointsPerEuro }),
      ...(p.countVisits !== undefined && { count_visits: p.countVisits }),
      ...(p.expireMonths !== undefined && { points_expire_months: p.expireMonths }),
      ...(p.cardPrefix !== undefined && { card_prefix: p.cardPrefix }),
      updated_at: db.fn.now(),
    })
    .returning(SETTINGS);
  return toProgram(row);
}

export interface RewardRow {
  id: number;
  name: string;
  unit: RewardUnit;
  cost: number;
  kind: 'amount' | 'percent' | 'item';
  amount_cents: number | null;
  percent_bp: number | null;
  item_id: number | null;
  item_name: string | null;
  automatic: boolean;
  active: boolean;
}

export function toReward(r: RewardRow): Reward {
  const gift: Reward['gift'] =
    r.kind === 'amount' ? { kind: 'amount', cents: r.amount_cents! }
    : r.kind === 'percent' ? { kind: 'percent', bp: r.percent_bp! }
    : { kind: 'item', itemId: r.item_id!, itemName: r.item_name ?? '' };
  return { id: r.id, name: r.name, unit: r.unit, cost: r.cost, gift, automatic: r.automatic };
}

/** SQL giving a reward row with its item's name, for json_agg in other queries too. */
export const REWARD_COLUMNS = `r.id, r.name, r.unit, r.cost, r.kind, r.amount_cents, r.percent_bp, r.item_id, i.name AS item_name, r.automatic, r.active`;

export async function listRewards(db: Db, opts: { activeOnly: boolean }): Promise<(Reward & { active: boolean })[]> {
  const { rows } = await db.raw<{ rows: RewardRow[] }>(
    `SELECT ${REWARD_COLUMNS} FROM loyalty_rewards r LEFT JOIN items i ON i.id = r.item_id
      ${opts.activeOnly ? 'WHERE r.active' : ''} ORDER BY r.unit, r.cost, r.id`,
  );
  return rows.map((r) => ({ ...toReward(r), active: r.active }));
}

export interface RewardInsert {
  name: string;
  unit: RewardUnit;
  cost: number;
  gift: { kind: 'amount'; cents: number } | { kind: 'percent'; bp: number } | { kind: 'item'; itemId: number };
  automatic: boolean;
}

export async function insertReward(db: Db, r: RewardInsert): Promise<number> {
  const [row] = await db('loyalty_rewards')
    .insert({
      name: r.name,
      unit: r.unit,
      cost: r.cost,
      kind: r.gift.kind,
      amount_cents: r.gift.kind === 'amount' ? r.gift.cents : null,
      percent_bp: r.gift.kind === 'percent' ? r.gift.bp : null,
      item_id: r.gift.kind === 'item' ? r.gift.itemId : null,
      automatic: r.automatic,
    })
    .returning('id');
  return row.id;
}

export async function setRewardActive(db: Db, id: number, active: boolean): Promise<boolean> {
  return (await db('loyalty_rewards').where('id', id).update({ active })) > 0;
}

/** The rewards of these ids, active or not, as they are now (a sale checks them at commit). */
export async function rewardsById(db: Db, ids: readonly number[]): Promise<(Reward & { active: boolean })[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.raw<{ rows: RewardRow[] }>(
    `SELECT ${REWARD_COLUMNS} FROM loyalty_rewards r LEFT JOIN items i ON i.id = r.item_id WHERE r.id = ANY(?)`,
    [[...ids]],
  );
  return rows.map((r) => ({ ...toReward(r), active: r.active }));
}

/**
 * The customer's balances, their row locked until the transaction ends (made if it was not
 * there): every change is then worked out from figures no other till can move meanwhile, and
 * written as ledger rows (insertLoyaltyMovements), which move the balances.
 */
export async function lockLoyaltyBalance(trx: Db, customerId: number): Promise<LoyaltyBalance> {
  const { rows } = await trx.raw<{ rows: LoyaltyBalance[] }>(
    `INSERT INTO loyalty_balances (customer_id) VALUES (?)
       ON CONFLICT (customer_id) DO UPDATE SET updated_at = now()
       RETURNING points, visits`,
    [customerId],
  );
  return rows[0]!;
}

export type LoyaltyMovementKind = 'earn' | 'return' | 'spend' | 'expire' | 'adjust';

export interface LoyaltyMovementInsert {
  customerId: number;
  unit: RewardUnit;
  kind: LoyaltyMovementKind;
  amount: number;
  balanceAfter: number;
  saleId?: number | null;
  rewardId?: number | null;
  storeId?: number | null;
  terminalId?: number | null;
  operatorId?: number | null;
  channel?: 'store' | 'web' | 'pickup' | 'backoffice';
  /** Months after which earned points expire (the database works out the date). */
  expireMonths?: number | null;
  note?: string | null;
  /** When it happened, if not now: points of a sale made offline are earned (and expire) from the time it was sold. */
  at?: string | null;
}

/**
 * The rows, in order; each one's trigger (pos_loyalty_move, see the till_role migration) moves
 * the balance in the same statement and writes the balance after it (a debit beyond the balance
 * fails on its CHECK). `balanceAfter` is what the caller worked out; the database's figure is kept.
 */
export async function insertLoyaltyMovements(trx: Db, rows: readonly LoyaltyMovementInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx('loyalty_movements').insert(
    rows.map((m) => ({
      customer_id: m.customerId,
      unit: m.unit,
      kind: m.kind,
      amount: m.amount,
      sale_id: m.saleId ?? null,
      reward_id: m.rewardId ?? null,
      store_id: m.storeId ?? null,
      terminal_id: m.terminalId ?? null,
      operator_id: m.operatorId ?? null,
      channel: m.channel ?? 'store',
      expires_at: m.expireMonths ? trx.raw("coalesce(?::timestamptz, now()) + make_interval(months => ?)", [m.at ?? null, m.expireMonths]) : null,
      note: m.note ?? null,
      ...(m.at && { created_at: m.at }),
    })),
  );
}

/**
 * A customer's points ledger as expiry reads it (see domain/loyalty/expiry.ts), as one JSON
 * value: rows [amount, past, expires_ms] in ledger order. Only the rows since the balance
 * last stood at zero: every lot before was used up then.
 */
export function pointsMovesSql(customerId: string): string {
  return `(SELECT coalesce(json_agg(json_build_array(m.amount, CASE WHEN m.amount > 0 AND m.expires_at IS NOT NULL THEN m.expires_at <= now() END,
                                                  (extract(epoch FROM m.expires_at) * 1000)::bigint) ORDER BY m.id), '[]')
             FROM loyalty_movements m
            WHERE m.customer_id = ${customerId} AND m.unit = 'points'
              AND m.id > coalesce((SELECT max(z.id) FROM loyalty_movements z WHERE z.customer_id = ${customerId} AND z.unit = 'points' AND z.balance_after = 0), 0))`;
}

export type PointsMovesJson = [number, boolean | null, number | null][];

export function toPointsMoves(rows: PointsMovesJson): PointsMove[] {
  return rows.map(([amount, past, expiresAt]) => ({ amount, past, expiresAt }));
}

export async function pointsMoves(db: Db, customerId: number): Promise<PointsMove[]> {
  const { rows } = await db.raw<{ rows: { moves: PointsMovesJson }[] }>(`SELECT ${pointsMovesSql('?')} AS moves`, [customerId, customerId]);
  return toPointsMoves(rows[0]!.moves);
}

/**
 * Customers who may have points to write off (for `pos loyalty expire`): points left, and a
 * lot whose date has passed since expiry last wrote anything off for them. Which points
 * actually expire is worked out for each, under its balance's lock.
 */
export async function customersWithExpiredPoints(db: Db): Promise<number[]> {
  const { rows } = await db.raw<{ rows: { customer_id: number }[] }>(
    `SELECT b.customer_id FROM loyalty_balances b
      WHERE b.points > 0 AND EXISTS (
              SELECT 1 FROM loyalty_movements e
               WHERE e.customer_id = b.customer_id AND e.unit = 'points' AND e.amount > 0 AND e.expires_at <= now()
                 AND NOT EXISTS (SELECT 1 FROM loyalty_movements x
                                  WHERE x.customer_id = e.customer_id AND x.unit = 'points' AND x.kind = 'expire' AND x.created_at >= e.expires_at))
      ORDER BY b.customer_id`,
  );
  return rows.map((r) => r.customer_id);
}

export interface LoyaltyMovement {
  id: number;
  at: Date;
  unit: RewardUnit;
  kind: LoyaltyMovementKind;
  amount: number;
  balanceAfter: number;
  ticket: string | null;
  rewardName: string | null;
  expiresAt: Date | null;
  note: string | null;
}

const MOVEMENT_SQL = `
  SELECT m.id, m.created_at AS at, m.unit, m.kind, m.amount, m.balance_after, m.expires_at, m.note, r.name AS reward_name,
         CASE WHEN s.id IS NULL THEN NULL ELSE t.code || '-' || lpad(s.ticket_no::text, 6, '0') END AS ticket
    FROM loyalty_movements m
    LEFT JOIN sales s ON s.id = m.sale_id
    LEFT JOIN terminals t ON t.id = s.terminal_id
    LEFT JOIN loyalty_rewards r ON r.id = m.reward_id`;

interface MovementRow {
  id: number;
  at: Date;
  unit: RewardUnit;
  kind: LoyaltyMovementKind;
  amount: number;
  balance_after: number;
  expires_at: Date | null;
  note: string | null;
  reward_name: string | null;
  ticket: string | null;
}

function toMovement(r: MovementRow): LoyaltyMovement {
  return { id: r.id, at: r.at, unit: r.unit, kind: r.kind, amount: r.amount, balanceAfter: r.balance_after, ticket: r.ticket, rewardName: r.reward_name, expiresAt: r.expires_at, note: r.note };
}

/** The latest movements of a customer, newest first. */
export async function loyaltyMovements(db: Db, customerId: number, limit: number): Promise<LoyaltyMovement[]> {
  const { rows } = await db.raw<{ rows: MovementRow[] }>(`${MOVEMENT_SQL} WHERE m.customer_id = ? ORDER BY m.id DESC LIMIT ?`, [customerId, limit]);
  return rows.map(toMovement);
}

export async function loyaltyMovementsOfSale(db: Db, saleId: number): Promise<LoyaltyMovement[]> {
  const { rows } = await db.raw<{ rows: MovementRow[] }>(`${MOVEMENT_SQL} WHERE m.sale_id = ? ORDER BY m.id`, [saleId]);
  return rows.map(toMovement);
}

/** Points each of these items earns per unit (items earning none are left out). */
export async function itemLoyaltyPoints(db: Db, itemIds: readonly number[]): Promise<Map<number, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = (await db('items').select('id', 'loyalty_points').whereRaw('id = ANY(?)', [[...itemIds]]).andWhere('loyalty_points', '>', 0)) as { id: number; loyalty_points: number }[];
  return new Map(rows.map((r) => [r.id, r.loyalty_points]));
}

export async function setItemLoyaltyPoints(db: Db, sku: string, points: number): Promise<boolean> {
  return (await db('items').where('sku', sku.toUpperCase()).update({ loyalty_points: points, updated_at: db.fn.now() })) > 0;
}

export async function setRewardCost(db: Db, id: number, cost: number): Promise<boolean> {
  return (await db('loyalty_rewards').where('id', id).update({ cost })) > 0;
}

/** An item as the back office sets its points: which one, and the points it earns per unit. */
export interface ItemPoints {
  id: number;
  sku: string;
  barcode: string | null;
  name: string;
  points: number;
}

/** The items on sale that earn points of their own, by name (`limit` at most), and how many there are. */
export async function itemsEarningPoints(db: Db, limit: number): Promise<{ rows: ItemPoints[]; total: number }> {
  const rows = (await db('items')
    .select('id', 'sku', 'barcode', 'name', 'loyalty_points as points', db.raw('count(*) OVER ()::int AS total'))
    .where('active', true)
    .andWhere('loyalty_points', '>', 0)
    .orderBy([{ column: 'name' }, { column: 'sku' }])
    .limit(limit)) as (ItemPoints & { total: number })[];
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

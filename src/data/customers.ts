import type { BasketCustomer } from '../domain/basket';
import type { CustomerFields } from '../domain/customer/input';
import { pointsToExpire } from '../domain/loyalty/expiry';
import type { Db } from './db';
import { pointsMovesSql, toPointsMoves, type PointsMovesJson } from './loyalty';

/** An active customer by their code (the loyalty card's barcode), as a sale needs them. */
export async function findCustomerByCode(db: Db, code: string): Promise<BasketCustomer | null> {
  const r = await db('customers as c')
    .leftJoin('customer_groups as g', 'g.id', 'c.group_id')
    .select('c.id', 'c.code', 'c.first_name', 'c.last_name', 'c.company', 'g.code as group_code')
    .where({ 'c.code': code, 'c.active': true })
    .first();
  return r ? { id: r.id, code: r.code, name: customerName(r), groupCode: r.group_code } : null;
}

/** "Martin Claire", or the company for a business customer without a person's name. */
export function customerName(r: { first_name: string; last_name: string; company: string | null }): string {
  const person = [r.last_name, r.first_name].filter(Boolean).join(' ');
  return person || r.company || '';
}

/** A customer as the till and the back room show them: who, how to reach them, what they hold. */
export interface CustomerRecord extends CustomerFields {
  id: number;
  code: string;
  name: string;
  active: boolean;
  groupCode: string | null;
  groupName: string | null;
  /** Their own discount, else their group's (basis points). */
  discountBp: number | null;
  ownDiscountBp: number | null;
  points: number;
  visits: number;
  /** Points past their expiry date not yet written off (the next movement writes them off). */
  pointsExpiring: number;
  /** Null when no account was ever opened. */
  accountCents: number | null;
  overdraftLimitCents: number;
  createdAt: Date;
}

export interface CardLookup {
  /** The program's card prefix: an unknown code starting with it is an unknown card. */
  cardPrefix: string | null;
  found: {
    /** Set when the code was this customer's card before another replaced it. */
    retiredAt: Date | null;
    customer: CustomerRecord;
  } | null;
}

// One statement for what a scanned card needs: the customer, their group, their balances and
// what expiry will take, so the till shows them after a single round trip.
const RECORD_SQL = `
  SELECT c.id, c.code, c.first_name, c.last_name, c.company, c.email, c.phone, c.address, c.notes, c.active, c.created_at,
         g.code AS group_code, g.name AS group_name, c.discount_bp AS own_discount_bp,
         coalesce(c.discount_bp, g.discount_bp) AS discount_bp,
         coalesce(b.points, 0) AS points, coalesce(b.visits, 0) AS visits,
         a.balance_cents, coalesce(a.overdraft_limit_cents, 0) AS overdraft_limit_cents,
         CASE WHEN b.points > 0 AND (SELECT points_expire_months FROM loyalty_settings) IS NOT NULL THEN
           ${pointsMovesSql('c.id')} END AS points_moves
    FROM customers c
    LEFT JOIN customer_groups g ON g.id = c.group_id
    LEFT JOIN loyalty_balances b ON b.customer_id = c.id
    LEFT JOIN customer_accounts a ON a.customer_id = c.id`;

interface RecordRow {
  id: number;
  code: string;
  first_name: string;
  last_name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  address: string[];
  notes: string;
  active: boolean;
  created_at: Date;
  group_code: string | null;
  group_name: string | null;
  own_discount_bp: number | null;
  discount_bp: number | null;
  points: number;
  visits: number;
  balance_cents: number | null;
  overdraft_limit_cents: number;
  points_moves: PointsMovesJson | null;
}

function toRecord(r: RecordRow): CustomerRecord {
  return {
    id: r.id,
    code: r.code,
    name: customerName(r),
    firstName: r.first_name,
    lastName: r.last_name,
    company: r.company,
    email: r.email,
    phone: r.phone,
    address: r.address,
    notes: r.notes,
    active: r.active,
    groupCode: r.group_code,
    groupName: r.group_name,
    discountBp: r.discount_bp,
    ownDiscountBp: r.own_discount_bp,
    points: r.points,
    visits: r.visits,
    pointsExpiring: r.points_moves ? Math.min(r.points, pointsToExpire(toPointsMoves(r.points_moves))) : 0,
    accountCents: r.balance_cents,
    overdraftLimitCents: r.overdraft_limit_cents,
    createdAt: r.created_at,
  };
}

/**
 * The customer a card code names, current or replaced (found: null for a code never given),
 * in one statement with the program's card prefix. The code is matched as read, or upper-cased
 * as codes are kept.
 */
export async function customerByCard(db: Db, code: string): Promise<CardLookup> {
  const { rows } = await db.raw<{ rows: (RecordRow & { card_prefix: string | null; retired_at: Date | null })[] }>(
    `SELECT s.card_prefix, k.retired_at, x.* FROM loyalty_settings s
       LEFT JOIN customer_cards k ON k.code IN (?, upper(?))
       LEFT JOIN LATERAL (${RECORD_SQL} WHERE c.id = k.customer_id) x ON true
      ORDER BY k.code = ? DESC NULLS LAST LIMIT 1`,
    [code, code, code],
  );
  const r = rows[0];
  return { cardPrefix: r?.card_prefix ?? null, found: r?.id ? { retiredAt: r.retired_at, customer: toRecord(r) } : null };
}

export async function customerById(db: Db, id: number): Promise<CustomerRecord | null> {
  const { rows } = await db.raw<{ rows: RecordRow[] }>(`${RECORD_SQL} WHERE c.id = ?`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function customerRecords(db: Db, ids: readonly number[]): Promise<CustomerRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.raw<{ rows: RecordRow[] }>(`${RECORD_SQL} WHERE c.id = ANY(?)`, [[...ids]]);
  const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is CustomerRecord => r !== undefined);
}

/** The codes a customer was known by before their current card, latest first. */
export async function retiredCards(db: Db, customerId: number): Promise<{ code: string; retiredAt: Date }[]> {
  const rows = (await db('customer_cards').select('code', 'retired_at').where('customer_id', customerId).whereNotNull('retired_at').orderBy('retired_at', 'desc')) as { code: string; retired_at: Date }[];
  return rows.map((r) => ({ code: r.code, retiredAt: r.retired_at }));
}

import type { CodeStatus } from '../domain/coupon/codes';
import type { CouponDiscount, LimitScope } from '../domain/coupon/definition';
import { toDiscount } from './coupons';
import { customerName } from './customers';
import type { Db } from './db';

// The use of coupon codes by sales: the usage log and the counters that hold the limits.

export interface CouponUse {
  codeId: number;
  saleId: number;
  storeId: number;
  terminalId: number;
  operatorId: number;
  customerId: number | null;
  amountCents: number;
}

export type UseOutcome =
  | { recorded: true }
  | { recorded: false; why: 'unusable'; status: CodeStatus; active: boolean }
  | { recorded: false; why: 'limit'; scope: LimitScope; max: number }
  | { recorded: false; why: 'noCustomer' };

interface UseRow {
  status: CodeStatus;
  active: boolean;
  limit_scope: LimitScope | null;
  limit_max: number | null;
  use_id: number | null;
}

/**
 * Records one use of a code by a sale, in the sale's transaction, in one statement: the code
 * must still be active (and its definition too), and under a limit the counter of its scope is
 * raised only while below the limit, by the use row's trigger (pos_coupon_use_count, see the
 * till_role migration; the till cannot move a counter otherwise). A till that wants the same
 * last use meanwhile waits on the counter row until this transaction ends, then finds the limit
 * reached. The first use in a scope starts the counter from the log, so a limit changed later
 * still counts earlier uses.
 */
export async function recordCouponUse(db: Db, u: CouponUse): Promise<UseOutcome> {
  const { rows } = await db.raw<{ rows: UseRow[] }>(
    `WITH c AS (
       SELECT c.id, c.status, d.active, d.limit_scope, d.limit_max
         FROM coupon_codes c JOIN coupon_definitions d ON d.id = c.definition_id
        WHERE c.id = :code::bigint
     ), used AS (
       INSERT INTO coupon_uses (code_id, sale_id, store_id, terminal_id, operator_id, customer_id, amount_cents)
       SELECT c.id, :sale::bigint, :store::int, :terminal::int, :operator::int, :customer::int, :amount::bigint FROM c
        WHERE c.status = 'active' AND c.active
       RETURNING id
     )
     SELECT c.status, c.active, c.limit_scope, c.limit_max, (SELECT id FROM used) AS use_id FROM c`,
    {
      code: u.codeId, sale: u.saleId, store: u.storeId, terminal: u.terminalId, operator: u.operatorId,
      customer: u.customerId, amount: u.amountCents,
    },
  );
  const r = rows[0];
  if (!r) throw new Error(`coupon code ${u.codeId} does not exist`);
  if (r.use_id !== null) return { recorded: true };
  if (r.status !== 'active' || !r.active) return { recorded: false, why: 'unusable', status: r.status, active: r.active };
  if (r.limit_scope === 'customer' && u.customerId === null) return { recorded: false, why: 'noCustomer' };
  return { recorded: false, why: 'limit', scope: r.limit_scope!, max: r.limit_max! };
}

/**
 * What recordCouponUse would answer now, reading only (the payment screen asks before the
 * customer pays; the recording at commit stays the guarantee).
 */
export async function couponUseAllowed(db: Db, codeId: number, storeId: number, customerId: number | null): Promise<UseOutcome> {
  const { rows } = await db.raw<{ rows: (Omit<UseRow, 'use_id'> & { uses: number })[] }>(
    `SELECT c.status, d.active, d.limit_scope, d.limit_max,
            coalesce((SELECT n.uses FROM coupon_use_counts n WHERE n.code_id = c.id AND n.scope = d.limit_scope
                       AND n.scope_key = CASE d.limit_scope WHEN 'global' THEN '' WHEN 'store' THEN :store::text ELSE :customer::text END),
                     (SELECT count(*)::int FROM coupon_uses l WHERE l.code_id = c.id AND (d.limit_scope = 'global'
                       OR (d.limit_scope = 'store' AND l.store_id = :store::int)
                       OR (d.limit_scope = 'customer' AND l.customer_id = :customer::int)))) AS uses
       FROM coupon_codes c JOIN coupon_definitions d ON d.id = c.definition_id
      WHERE c.id = :code::bigint`,
    { code: codeId, store: storeId, customer: customerId },
  );
  const r = rows[0];
  if (!r || r.status !== 'active' || !r.active) return { recorded: false, why: 'unusable', status: r?.status ?? 'blocked', active: r?.active ?? false };
  if (r.limit_scope === 'customer' && customerId === null) return { recorded: false, why: 'noCustomer' };
  if (r.limit_scope !== null && r.uses >= r.limit_max!) return { recorded: false, why: 'limit', scope: r.limit_scope, max: r.limit_max! };
  return { recorded: true };
}

export interface UseRecord {
  code: string;
  terminalCode: string;
  ticketNo: number;
  storeCode: string;
  customerCode: string | null;
  customerName: string | null;
  amountCents: number;
  usedAt: Date;
}

/** The uses of every code with this text (live or blocked), latest first. */
export async function listUses(db: Db, code: string, limit = 200): Promise<UseRecord[]> {
  const rows = (await db('coupon_uses as u')
    .join('coupon_codes as c', 'c.id', 'u.code_id')
    .join('sales as s', 's.id', 'u.sale_id')
    .join('terminals as t', 't.id', 'u.terminal_id')
    .join('stores as st', 'st.id', 'u.store_id')
    .leftJoin('customers as cu', 'cu.id', 'u.customer_id')
    .where('c.code', code)
    .select('c.code', 't.code as terminal_code', 's.ticket_no', 'st.code as store_code', 'cu.code as customer_code', 'cu.first_name', 'cu.last_name', 'cu.company', 'u.amount_cents', 'u.used_at')
    .orderBy('u.used_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)) as {
    code: string; terminal_code: string; ticket_no: number; store_code: string; customer_code: string | null;
    first_name: string | null; last_name: string | null; company: string | null; amount_cents: number; used_at: Date;
  }[];
  return rows.map((r) => ({
    code: r.code,
    terminalCode: r.terminal_code,
    ticketNo: r.ticket_no,
    storeCode: r.store_code,
    customerCode: r.customer_code,
    customerName: r.customer_code === null ? null : customerName({ first_name: r.first_name ?? '', last_name: r.last_name ?? '', company: r.company }),
    amountCents: r.amount_cents,
    usedAt: r.used_at,
  }));
}

/** A code a ticket gave, with what its slip shows. */
export interface GivenCode {
  code: string;
  name: string;
  conditions: string;
  discount: CouponDiscount;
  validFrom: string | null;
  validUntil: string | null;
}

/** What a ticket says about coupons: the conditions of those it used, and the codes it gave. */
export async function couponsOfSale(db: Db, saleId: number): Promise<{ used: { code: string; name: string; conditions: string }[]; given: GivenCode[] }> {
  const { rows } = await db.raw<{ rows: { kind: 'used' | 'given'; code: string; name: string; conditions: string; discount_type: CouponDiscount['type']; discount: Omit<CouponDiscount, 'type'>; valid_from: string | null; valid_until: string | null }[] }>(
    `SELECT 'used' AS kind, c.code, d.name, d.conditions, d.discount_type, d.discount, NULL::text AS valid_from, NULL::text AS valid_until
       FROM coupon_uses u JOIN coupon_codes c ON c.id = u.code_id JOIN coupon_definitions d ON d.id = c.definition_id
      WHERE u.sale_id = ?
     UNION ALL
     SELECT 'given', c.code, d.name, d.conditions, d.discount_type, d.discount,
            coalesce(c.valid_from, d.valid_from)::text, coalesce(c.valid_until, d.valid_until)::text
       FROM coupon_codes c JOIN coupon_definitions d ON d.id = c.definition_id
      WHERE c.source_sale_id = ? AND c.status <> 'blocked'
     ORDER BY 1 DESC, 2`,
    [saleId, saleId],
  );
  return {
    used: rows.filter((r) => r.kind === 'used').map((r) => ({ code: r.code, name: r.name, conditions: r.conditions })),
    given: rows.filter((r) => r.kind === 'given').map((r) => ({ code: r.code, name: r.name, conditions: r.conditions, discount: toDiscount(r), validFrom: r.valid_from, validUntil: r.valid_until })),
  };
}

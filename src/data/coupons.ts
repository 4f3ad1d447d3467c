import type { CouponDefinition, CouponDiscount, CouponTerms, CustomerRule, DiscountType, Holder, LimitScope } from '../domain/coupon/definition';
import type { ScheduleWindow } from '../domain/coupon/schedule';
import type { Db } from './db';

// Coupon definitions and numbering schemes. A definition's discount is kept as the engine reads
// it (jsonb); its options are columns, so the database holds the rules it can (limits, dates).

export interface DefinitionRecord extends CouponDefinition {
  id: number;
  schemeId: number | null;
  schemeCode: string | null;
}

interface DefinitionRow {
  id: number;
  symbol: string;
  name: string;
  numbering_scheme_id: number | null;
  scheme_code: string | null;
  discount_type: DiscountType;
  discount: Omit<CouponDiscount, 'type'>;
  holder: Holder;
  customer_rule: CustomerRule;
  limit_scope: LimitScope | null;
  limit_max: number | null;
  valid_from: string | null;
  valid_until: string | null;
  schedule: ScheduleWindow[];
  exclusive: boolean;
  conditions: string;
  active: boolean;
  store_ids: number[];
}

/** The columns of a definition row, dates as 'YYYY-MM-DD' (a date is a shop-local day, not an instant). */
export const DEFINITION_COLUMNS = `
  d.id, d.symbol, d.name, d.numbering_scheme_id, d.discount_type, d.discount, d.holder, d.customer_rule,
  d.limit_scope, d.limit_max, d.valid_from::text AS valid_from, d.valid_until::text AS valid_until, d.schedule,
  d.exclusive, d.conditions, d.active,
  (SELECT coalesce(array_agg(s.store_id ORDER BY s.store_id), '{}') FROM coupon_definition_stores s WHERE s.definition_id = d.id) AS store_ids`;

export function toTerms(r: Pick<DefinitionRow, 'holder' | 'customer_rule' | 'limit_scope' | 'limit_max' | 'valid_from' | 'valid_until' | 'schedule' | 'exclusive' | 'store_ids'>): CouponTerms {
  return {
    holder: r.holder,
    customerRule: r.customer_rule,
    limit: r.limit_scope === null ? null : { scope: r.limit_scope, max: r.limit_max! },
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    schedule: r.schedule,
    exclusive: r.exclusive,
    storeIds: r.store_ids,
  };
}

export function toDiscount(r: Pick<DefinitionRow, 'discount_type' | 'discount'>): CouponDiscount {
  return { type: r.discount_type, ...r.discount };
}

function toRecord(r: DefinitionRow): DefinitionRecord {
  return {
    id: r.id,
    symbol: r.symbol,
    name: r.name,
    schemeId: r.numbering_scheme_id,
    schemeCode: r.scheme_code,
    discount: toDiscount(r),
    terms: toTerms(r),
    conditions: r.conditions,
    active: r.active,
  };
}

function toRow(def: CouponDefinition, schemeId: number | null) {
  const { type, ...discount } = def.discount;
  const t = def.terms;
  return {
    symbol: def.symbol,
    name: def.name.trim(),
    numbering_scheme_id: schemeId,
    discount_type: type,
    discount: JSON.stringify(discount),
    holder: t.holder,
    customer_rule: t.customerRule,
    limit_scope: t.limit?.scope ?? null,
    limit_max: t.limit?.max ?? null,
    valid_from: t.validFrom,
    valid_until: t.validUntil,
    schedule: JSON.stringify(t.schedule),
    exclusive: t.exclusive,
    conditions: def.conditions,
    active: def.active,
  };
}

async function setStores(db: Db, definitionId: number, storeIds: readonly number[]): Promise<void> {
  await db('coupon_definition_stores').where('definition_id', definitionId).del();
  if (storeIds.length > 0) await db('coupon_definition_stores').insert(storeIds.map((store_id) => ({ definition_id: definitionId, store_id })));
}

/** A new definition; the caller runs it in a transaction (the stores go in with it). */
export async function insertDefinition(db: Db, def: CouponDefinition, schemeId: number | null): Promise<number> {
  const [row] = (await db('coupon_definitions').insert(toRow(def, schemeId)).returning('id')) as { id: number }[];
  await setStores(db, row!.id, def.terms.storeIds);
  return row!.id;
}

export async function updateDefinition(db: Db, id: number, def: CouponDefinition, schemeId: number | null): Promise<void> {
  await db('coupon_definitions').where('id', id).update({ ...toRow(def, schemeId), updated_at: db.fn.now() });
  await setStores(db, id, def.terms.storeIds);
}

const SELECT_DEFINITION = `SELECT ${DEFINITION_COLUMNS}, n.code AS scheme_code
  FROM coupon_definitions d LEFT JOIN coupon_numbering_schemes n ON n.id = d.numbering_scheme_id`;

/**
 * How a transaction holds the definition it read until it ends. An edit of the definition and
 * the making of its codes take 'write' (one at a time: a code is never made against dates or
 * holders an edit is changing, and the code counter is taken in that same lock); a code edited
 * or imported takes 'read' (they wait only for those).
 */
export type DefinitionLock = 'read' | 'write';
const LOCK_SQL: Record<DefinitionLock, string> = { read: ' FOR SHARE OF d', write: ' FOR NO KEY UPDATE OF d' };

export async function findDefinition(db: Db, symbol: string, lock?: DefinitionLock): Promise<DefinitionRecord | null> {
  const { rows } = await db.raw<{ rows: DefinitionRow[] }>(`${SELECT_DEFINITION} WHERE d.symbol = ?${lock ? LOCK_SQL[lock] : ''}`, [symbol]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findDefinitionById(db: Db, id: number, lock?: DefinitionLock): Promise<DefinitionRecord | null> {
  const { rows } = await db.raw<{ rows: DefinitionRow[] }>(`${SELECT_DEFINITION} WHERE d.id = ?${lock ? LOCK_SQL[lock] : ''}`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Every definition, by name then symbol (a shop has tens of them, not thousands). */
export async function listDefinitions(db: Db): Promise<DefinitionRecord[]> {
  const { rows } = await db.raw<{ rows: DefinitionRow[] }>(`${SELECT_DEFINITION} ORDER BY d.name, d.symbol`);
  return rows.map(toRecord);
}

/**
 * Takes `count` numbers for codes made from the definition's symbol. The row stays locked until
 * the transaction ends, so two generations at once never take the same numbers.
 */
export async function takeCodeNumbers(db: Db, definitionId: number, count: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { first: number }[] }>(
    'UPDATE coupon_definitions SET next_code_no = next_code_no + ? WHERE id = ? RETURNING next_code_no - ? AS first',
    [count, definitionId, count],
  );
  return rows[0]!.first;
}

export interface SchemeRecord {
  id: number;
  code: string;
  name: string;
  pattern: string;
  active: boolean;
  nextNo: number;
}

export async function insertScheme(db: Db, s: { code: string; name: string; pattern: string; matchRegex: string; active: boolean }): Promise<number> {
  const [row] = (await db('coupon_numbering_schemes').insert({ code: s.code, name: s.name, pattern: s.pattern, match_regex: s.matchRegex, active: s.active }).returning('id')) as { id: number }[];
  return row!.id;
}

export async function setSchemeActive(db: Db, code: string, active: boolean): Promise<boolean> {
  return (await db('coupon_numbering_schemes').where('code', code).update({ active })) > 0;
}

function toScheme(r: { id: number; code: string; name: string; pattern: string; active: boolean; next_no: number }): SchemeRecord {
  return { id: r.id, code: r.code, name: r.name, pattern: r.pattern, active: r.active, nextNo: r.next_no };
}

export async function findScheme(db: Db, code: string): Promise<SchemeRecord | null> {
  const r = await db('coupon_numbering_schemes').where('code', code).first();
  return r ? toScheme(r) : null;
}

export async function findSchemeById(db: Db, id: number): Promise<SchemeRecord | null> {
  const r = await db('coupon_numbering_schemes').where('id', id).first();
  return r ? toScheme(r) : null;
}

export async function listSchemes(db: Db): Promise<SchemeRecord[]> {
  return (await db('coupon_numbering_schemes').orderBy('code')).map(toScheme);
}

/** Like takeCodeNumbers, for a numbering scheme (shared by the definitions that use it). */
export async function takeSchemeNumbers(db: Db, schemeId: number, count: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { first: number }[] }>(
    'UPDATE coupon_numbering_schemes SET next_no = next_no + ? WHERE id = ? RETURNING next_no - ? AS first',
    [count, schemeId, count],
  );
  return rows[0]!.first;
}

// What a definition or a batch of codes names by code (items, stores, customers, groups), as ids.

/** SKU → item id, for the SKUs that exist. */
export async function itemIdsBySku(db: Db, skus: readonly string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = (await db('items').select('id', 'sku').whereRaw('sku = ANY(?)', [[...skus]])) as { id: number; sku: string }[];
  return new Map(rows.map((r) => [r.sku, r.id]));
}

export async function skusOfItems(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await db('items').select('id', 'sku').whereRaw('id = ANY(?)', [[...ids]])) as { id: number; sku: string }[];
  return new Map(rows.map((r) => [r.id, r.sku]));
}

/** Store code → id, for every store. */
export async function storeIds(db: Db): Promise<Map<string, number>> {
  const rows = (await db('stores').select('id', 'code')) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Customer code → id, for the active customers among these codes. */
export async function customerIdsByCode(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = (await db('customers').select('id', 'code').where('active', true).whereRaw('code = ANY(?)', [[...codes]])) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Customer group code → id, for every group. */
export async function customerGroupIds(db: Db): Promise<Map<string, number>> {
  const rows = (await db('customer_groups').select('id', 'code')) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The active members of a customer group, by id. */
export async function customersOfGroup(db: Db, groupId: number): Promise<number[]> {
  return (await db('customers').where({ group_id: groupId, active: true }).orderBy('id').pluck('id')) as number[];
}

import type { CodeFound, CodeWhenWhere } from '../domain/coupon/check';
import type { CodeSource, CodeStatus } from '../domain/coupon/codes';
import type { Holder } from '../domain/coupon/definition';
import type { CouponRuleData } from '../domain/coupon/rule';
import { customerName } from './customers';
import { DEFINITION_COLUMNS, toDiscount, toTerms } from './coupons';
import type { Knex } from 'knex';
import type { Db } from './db';

// Coupon codes: made in bulk, listed, blocked, and found by the till.

export interface CodeInsert {
  code: string;
  customerId: number | null;
  groupId: number | null;
}

export interface CodeBatch {
  definitionId: number;
  validFrom: string | null;
  validUntil: string | null;
  status: Exclude<CodeStatus, 'blocked'>;
  source: CodeSource;
  sourceSaleId: number | null;
  description: string;
}

/**
 * Inserts codes in one statement (arrays expanded by the server). A code whose text a live code
 * already has is skipped: the result says how many went in, which holders (customer or group)
 * got theirs, and, when `list` is set, the codes themselves (a million of them are not sent back).
 */
export async function insertCodes(db: Db, batch: CodeBatch, codes: readonly CodeInsert[], list = true): Promise<{ inserted: number; holders: Set<string>; codes: string[] }> {
  if (codes.length === 0) return { inserted: 0, holders: new Set(), codes: [] };
  const withHolders = codes.some((c) => c.customerId !== null || c.groupId !== null);
  // Holders are sent only when some code has one: a million codes made from a pattern are texts alone.
  const result = await db.raw<{ rowCount: number; rows: { code: string; customer_id: number | null; group_id: number | null }[] }>(
    `INSERT INTO coupon_codes (definition_id, code, valid_from, valid_until, status, customer_id, group_id, source, source_sale_id, description)
     SELECT ?, x.code, ?::date, ?::date, ?, ${withHolders ? 'x.customer_id, x.group_id' : 'NULL, NULL'}, ?, ?, ?
       FROM ${withHolders ? 'unnest(?::text[], ?::int[], ?::int[]) AS x(code, customer_id, group_id)' : 'unnest(?::text[]) AS x(code)'}
     ON CONFLICT (code, retired_id) DO NOTHING
     ${withHolders || list ? `RETURNING code${withHolders ? ', customer_id, group_id' : ''}` : ''}`,
    [
      batch.definitionId, batch.validFrom, batch.validUntil, batch.status, batch.source, batch.sourceSaleId, batch.description,
      // pg sends these as arrays, nulls included; knex's types only know arrays without nulls.
      codes.map((c) => c.code), ...(withHolders ? [codes.map((c) => c.customerId) as number[], codes.map((c) => c.groupId) as number[]] : []),
    ],
  );
  return {
    inserted: result.rowCount,
    holders: new Set(withHolders ? result.rows.map((r) => holderKey(r.customer_id!, r.group_id!)) : []),
    codes: list ? result.rows.map((r) => r.code) : [],
  };
}

/**
 * Codes made from a symbol for numbers first … first + count − 1 (REMISE, REMISE1…), written
 * by the server from a number series: a million codes without a million texts on the wire.
 * Texts a live code already has are skipped; how many went in, and the codes when `list`.
 * A text taken is rare (another coupon's symbol is this one plus digits): the insert is tried
 * plainly first, in a savepoint, and only when it meets a taken text is it made again skipping
 * them (ON CONFLICT costs about a tenth more per row).
 */
export async function insertSymbolCodes(db: Knex.Transaction, batch: CodeBatch, symbol: string, first: number, count: number, list: boolean): Promise<{ inserted: number; codes: string[] }> {
  const sql = (skipTaken: boolean) => `
    INSERT INTO coupon_codes (definition_id, code, valid_from, valid_until, status, source, source_sale_id, description)
    SELECT ?, CASE WHEN n = 0 THEN ?::text ELSE ?::text || n END, ?::date, ?::date, ?, ?, ?, ?
      FROM generate_series(?::bigint, ?::bigint) AS n
    ${skipTaken ? 'ON CONFLICT (code, retired_id) DO NOTHING' : ''}
    ${list ? 'RETURNING code' : ''}`;
  const bindings = [batch.definitionId, symbol, symbol, batch.validFrom, batch.validUntil, batch.status, batch.source, batch.sourceSaleId, batch.description, first, first + count - 1];
  type Result = { rowCount: number; rows: { code: string }[] };
  let result: Result;
  try {
    result = await db.transaction((sp) => sp.raw<Result>(sql(false), bindings));
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    result = await db.raw<Result>(sql(true), bindings);
  }
  return { inserted: result.rowCount, codes: list ? result.rows.map((r) => r.code) : [] };
}

export function holderKey(customerId: number | null, groupId: number | null): string {
  return customerId !== null ? `c${customerId}` : groupId !== null ? `g${groupId}` : '';
}

/** Which of these texts a live code already has (an import's duplicates). */
export async function liveCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = (await db('coupon_codes').select('code').whereRaw('code = ANY(?) AND retired_id = 0', [[...codes]])) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

interface TillRow {
  code_id: number | null;
  code: string;
  status: CodeStatus;
  code_from: string | null;
  code_until: string | null;
  customer_id: number | null;
  group_code: string | null;
  uses: number;
  looks_like: boolean;
  id: number;
  name: string;
  discount_type: CouponRuleData['discount']['type'];
  discount: Omit<CouponRuleData['discount'], 'type'>;
  holder: CodeFound['definition']['holder'];
  customer_rule: CodeFound['definition']['customerRule'];
  limit_scope: 'global' | 'store' | 'customer' | null;
  limit_max: number | null;
  valid_from: string | null;
  valid_until: string | null;
  schedule: CodeFound['definition']['schedule'];
  exclusive: boolean;
  active: boolean;
  store_ids: number[];
}

export type TillCode = { found: CodeFound; rule: CouponRuleData } | 'unknown' | null;

/**
 * A code as the till needs it, in one round trip: the code (the live one, else the latest
 * blocked one), its definition, and the uses counted against its limit in this store or for
 * this customer. 'unknown' when no code has this text but it looks like one of a definition's
 * (REMISE9 where REMISE is a symbol) or a numbering scheme's; null when it is no coupon at all.
 */
export async function findCodeForTill(db: Db, code: string, where: { storeId: number; customerId: number | null }): Promise<TillCode> {
  const { rows } = await db.raw<{ rows: TillRow[] }>(
    `SELECT f.*, (f.code_id IS NULL AND (
              EXISTS (SELECT 1 FROM coupon_definitions x WHERE :code::text ~ ('^' || x.symbol || '[0-9]*$'))
              OR EXISTS (SELECT 1 FROM coupon_numbering_schemes s WHERE :code::text ~ s.match_regex))) AS looks_like
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT c.id AS code_id, c.code, c.status, c.valid_from::text AS code_from, c.valid_until::text AS code_until,
                c.customer_id, g.code AS group_code, ${DEFINITION_COLUMNS},
                CASE WHEN d.limit_scope IS NULL THEN 0 ELSE coalesce(
                  (SELECT n.uses FROM coupon_use_counts n
                    WHERE n.code_id = c.id AND n.scope = d.limit_scope
                      AND n.scope_key = CASE d.limit_scope WHEN 'global' THEN '' WHEN 'store' THEN :store::text ELSE coalesce(:customer::text, '-') END),
                  -- No counter yet in this scope: the log says how many (none, mostly).
                  (SELECT count(*)::int FROM coupon_uses u
                    WHERE u.code_id = c.id AND (d.limit_scope = 'global' OR (d.limit_scope = 'store' AND u.store_id = :store::int)
                      OR (d.limit_scope = 'customer' AND u.customer_id = :customer::int)))) END AS uses
           FROM coupon_codes c
           JOIN coupon_definitions d ON d.id = c.definition_id
           LEFT JOIN customer_groups g ON g.id = c.group_id
          WHERE c.code = :code::text
          ORDER BY c.retired_id = 0 DESC, c.id DESC
          LIMIT 1) AS f ON true`,
    { code, store: where.storeId, customer: where.customerId },
  );
  const r = rows[0]!;
  if (r.code_id === null) return r.looks_like ? 'unknown' : null;
  const terms = toTerms(r);
  const holder = { customerId: r.customer_id, groupCode: r.group_code };
  return {
    found: {
      codeId: r.code_id,
      code: r.code,
      status: r.status,
      validFrom: r.code_from,
      validUntil: r.code_until,
      ...holder,
      uses: r.uses,
      definition: { id: r.id, active: r.active, ...terms },
    },
    rule: { codeId: r.code_id, definitionId: r.id, name: r.name, discount: toDiscount(r), customerRule: r.customer_rule, holder, exclusive: r.exclusive },
  };
}

/**
 * When and where a code may be used, as the database has it now (a sale checks it again at
 * commit), and whether it is still usable at all (active, and its definition too).
 */
export async function codeWhenWhere(db: Db, codeId: number): Promise<CodeWhenWhere & { usable: boolean }> {
  const { rows } = await db.raw<{ rows: TillRow[] }>(
    `SELECT c.code, c.status, c.valid_from::text AS code_from, c.valid_until::text AS code_until, ${DEFINITION_COLUMNS}
       FROM coupon_codes c JOIN coupon_definitions d ON d.id = c.definition_id
      WHERE c.id = ?`,
    [codeId],
  );
  const r = rows[0];
  if (!r) throw new Error(`coupon code ${codeId} does not exist`);
  return { code: r.code, validFrom: r.code_from, validUntil: r.code_until, definition: toTerms(r), usable: r.status === 'active' && r.active };
}

export interface CodeRecord {
  id: number;
  definitionId: number;
  code: string;
  validFrom: string | null;
  validUntil: string | null;
  status: CodeStatus;
  customerCode: string | null;
  customerName: string | null;
  groupCode: string | null;
  groupName: string | null;
  source: CodeSource;
  /** The ticket that made the code (source 'sale'). */
  sourceTicket: { terminalCode: string; ticketNo: number } | null;
  description: string;
  uses: number;
}

interface CodeRow {
  id: number;
  definition_id: number;
  code: string;
  valid_from: string | null;
  valid_until: string | null;
  status: CodeStatus;
  customer_code: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  group_code: string | null;
  group_name: string | null;
  source: CodeSource;
  terminal_code: string | null;
  ticket_no: number | null;
  description: string;
  uses: number;
}

function codeQuery(db: Db) {
  return db('coupon_codes as c')
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('customer_groups as g', 'g.id', 'c.group_id')
    .leftJoin('sales as s', 's.id', 'c.source_sale_id')
    .leftJoin('terminals as t', 't.id', 's.terminal_id')
    .select(
      'c.id', 'c.definition_id', 'c.code', db.raw('c.valid_from::text AS valid_from'), db.raw('c.valid_until::text AS valid_until'), 'c.status',
      'cu.code as customer_code', 'cu.first_name', 'cu.last_name', 'cu.company', 'g.code as group_code', 'g.name as group_name',
      'c.source', 't.code as terminal_code', 's.ticket_no', 'c.description',
      db.raw('(SELECT count(*)::int FROM coupon_uses u WHERE u.code_id = c.id) AS uses'),
    );
}

function toCode(r: CodeRow): CodeRecord {
  return {
    id: r.id,
    definitionId: r.definition_id,
    code: r.code,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    status: r.status,
    customerCode: r.customer_code,
    customerName: r.customer_code === null ? null : customerName({ first_name: r.first_name ?? '', last_name: r.last_name ?? '', company: r.company }),
    groupCode: r.group_code,
    groupName: r.group_name,
    source: r.source,
    sourceTicket: r.terminal_code === null ? null : { terminalCode: r.terminal_code, ticketNo: r.ticket_no! },
    description: r.description,
    uses: r.uses,
  };
}

/** A definition's codes, oldest first, a page at a time. */
export async function listCodes(db: Db, definitionId: number, opts: { limit: number; offset: number; status?: CodeStatus }): Promise<{ codes: CodeRecord[]; total: number }> {
  const base = db('coupon_codes').where('definition_id', definitionId);
  if (opts.status) base.where('status', opts.status);
  const [{ n }] = (await base.clone().count<{ n: string }[]>({ n: '*' })) as [{ n: string }];
  const q = codeQuery(db).where('c.definition_id', definitionId).orderBy('c.id').limit(opts.limit).offset(opts.offset);
  if (opts.status) q.where('c.status', opts.status);
  return { codes: ((await q) as CodeRow[]).map(toCode), total: Number(n) };
}

/** The live code with this text, else the latest blocked one. */
export async function findCode(db: Db, code: string): Promise<CodeRecord | null> {
  const r = (await codeQuery(db).where('c.code', code).orderByRaw('c.retired_id = 0 DESC, c.id DESC').first()) as CodeRow | undefined;
  return r ? toCode(r) : null;
}

/** Changes a live code's status; false when no live code has this text. */
export async function setCodeStatus(db: Db, code: string, status: CodeStatus): Promise<boolean> {
  return (await db('coupon_codes').where({ code, retired_id: 0 }).update({ status })) > 0;
}

/** Every code of a definition in one status moved to another (activate a whole batch); how many. */
export async function setDefinitionCodesStatus(db: Db, definitionId: number, from: CodeStatus, to: CodeStatus): Promise<number> {
  return db('coupon_codes').where({ definition_id: definitionId, status: from }).update({ status: to });
}

export interface CodeChanges {
  validFrom: string | null;
  validUntil: string | null;
  status: CodeStatus;
  customerId: number | null;
  groupId: number | null;
  description: string;
}

export async function updateCode(db: Db, id: number, c: CodeChanges): Promise<void> {
  await db('coupon_codes').where('id', id).update({
    valid_from: c.validFrom, valid_until: c.validUntil, status: c.status, customer_id: c.customerId, group_id: c.groupId, description: c.description,
  });
}

/** Live codes held otherwise than this kind of holder says (by someone when by nobody, or by no customer / no group). */
export async function codesHeldOtherwise(db: Db, definitionId: number, holder: Holder): Promise<number> {
  const q = db('coupon_codes').where('definition_id', definitionId).whereNot('status', 'blocked');
  if (holder === 'none') q.where((w) => w.whereNotNull('customer_id').orWhereNotNull('group_id'));
  else q.whereNull(holder === 'customer' ? 'customer_id' : 'group_id');
  const [{ n }] = (await q.count<{ n: string }[]>({ n: '*' })) as [{ n: string }];
  return Number(n);
}

/** Codes whose validity no longer fits their definition's (after its dates were narrowed). */
export async function codesOutside(db: Db, definitionId: number, from: string | null, until: string | null): Promise<number> {
  const q = db('coupon_codes').where('definition_id', definitionId).whereNot('status', 'blocked')
    .where((w) => {
      if (from !== null) w.orWhereNull('valid_from').orWhere('valid_from', '<', from);
      if (until !== null) w.orWhereNull('valid_until').orWhere('valid_until', '>', until);
      if (from === null && until === null) w.whereRaw('false');
    });
  const [{ n }] = (await q.count<{ n: string }[]>({ n: '*' })) as [{ n: string }];
  return Number(n);
}

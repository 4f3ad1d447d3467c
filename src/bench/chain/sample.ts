// What the load draws its baskets from, read from whatever database it is given: the generated
// chain's, or the demo shop with a few rows of its own. Tables may hold millions of rows, so
// each sample reads a few pages (TABLESAMPLE SYSTEM, or an index range), never a whole table:
// the load starts in well under a second on a chain of fifty stores.
import type { Knex } from 'knex';
import { refuse } from '../../app/errors';
import type { Db } from '../../data/db';
import { findTerminal, type Terminal } from '../../data/places';
import { insertTerminal } from '../../data/stores';
import { benchTerminalCode } from '../database';

export interface ChainSample {
  /** One per till, each with a ticket counter of its own. */
  terminals: Terminal[];
  /** A cashier who sells (ids of the demo shop and of the generated chain alike). */
  operatorId: number;
  /** A manager, who approves the hot vouchers the load makes. */
  managerId: number;
  barcodes: string[];
  /** Loyalty card codes, as scanned at the till. */
  cards: string[];
  /** Fragments of customers' names, as typed in a search. */
  names: string[];
  vouchers: string[];
  giftCards: string[];
  /** Codes of coupons a till can apply to any basket: no minimum, no customer asked for, any store, any day. */
  coupons: string[];
}

/** The note on the load's hot vouchers: they are not drawn as ordinary ones by a later run. */
export const HOT_VOUCHER_NOTE = 'pos bench --chain: hot voucher';

export interface SampleSizes {
  tills: number;
  seed: number;
  /** Rows wanted of each kind (items, cards, vouchers…). */
  rows: number;
}

/** Percentage of a table's pages to read for about `want` rows (a few times more, as filters drop some). */
async function samplePercent(db: Db, table: string, want: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: number }[] }>('SELECT reltuples::float8 AS n FROM pg_class WHERE oid = ?::regclass', [table]);
  const n = Number(rows[0]?.n ?? -1);
  // Never analysed (-1) or small: the whole table is a few pages anyway.
  if (n < want * 20) return 100;
  return Math.min(100, (want * 5 * 100) / n);
}

/**
 * `select` reads from `table` sampled as `s` (plus joins); `want` rows at most. REPEATABLE with
 * the seed: one seed, one sample, on unchanged data. A sample too thin (filters dropping most
 * rows) is drawn once again ten times wider.
 */
async function sampled<T>(db: Db, table: string, want: number, seed: number, select: (from: string) => string, bindings: readonly unknown[] = []): Promise<T[]> {
  let pct = await samplePercent(db, table, want);
  for (;;) {
    const from = pct >= 100 ? `${table} s` : `${table} s TABLESAMPLE SYSTEM (${pct.toFixed(4)}) REPEATABLE (${seed >>> 0})`;
    const { rows } = await db.raw<{ rows: T[] }>(`${select(from)} LIMIT ${want}`, bindings as Knex.RawBinding[]);
    if (rows.length >= want / 4 || pct >= 100) return rows;
    pct = Math.min(100, pct * 10);
  }
}

/**
 * The terminals the tills sell on: the generated chain's (S001-T01…), else any other till that
 * sells for real, then B01, B02… added to the first store when there are still too few.
 */
async function terminalsFor(db: Db, count: number): Promise<Terminal[]> {
  const live = () => db('terminals').whereNull('retired_at').where('training_mode', false).orderBy('code').limit(count);
  const codes = (await live().whereRaw("code ~ '^S[0-9]{3}-T[0-9]{2}$'").pluck('code')) as string[];
  if (codes.length < count) codes.push(...((await live().whereNotIn('code', codes).pluck('code')) as string[]).slice(0, count - codes.length));
  if (codes.length < count) {
    const store = (await db('stores').orderBy('id').first('id')) as { id: number } | undefined;
    if (!store) refuse('bench.chain.noStore');
    for (let i = 0; codes.length < count; i++) {
      const code = benchTerminalCode(i);
      if (codes.includes(code)) continue;
      // Taken already (retired, or in training): the next number.
      if ((await insertTerminal(db, { code, name: `Banc ${i + 1}`, storeId: store.id, devices: {} })) !== null) codes.push(code);
    }
  }
  return Promise.all(codes.map(async (c) => (await findTerminal(db, c))!));
}

async function operatorOf(db: Db, role: 'cashier' | 'manager'): Promise<number> {
  const row = (await db('operators').where({ active: true, role }).orderBy('id').first('id')) as { id: number } | undefined;
  if (!row) refuse(role === 'cashier' ? 'bench.chain.noCashier' : 'bench.chain.noManager');
  return row.id;
}

/** Codes of the coupons any basket takes, a slice of each from a seeded point of its codes' index. */
async function couponCodes(db: Db, want: number, random: () => number): Promise<string[]> {
  // Each end read off the codes' index: no count over a million codes.
  const { rows: defs } = await db.raw<{ rows: { id: number; lo: string | null; hi: string | null }[] }>(
    `SELECT d.id,
            (SELECT c.id FROM coupon_codes c WHERE c.definition_id = d.id ORDER BY c.id LIMIT 1) AS lo,
            (SELECT c.id FROM coupon_codes c WHERE c.definition_id = d.id ORDER BY c.id DESC LIMIT 1) AS hi
       FROM coupon_definitions d
      WHERE d.active AND d.discount_type = 'ticket' AND d.customer_rule = 'optional' AND d.holder = 'none'
        AND coalesce(d.discount->'threshold', 'null') = 'null' AND d.schedule = '[]'
        AND (d.valid_from IS NULL OR d.valid_from <= current_date) AND (d.valid_until IS NULL OR d.valid_until >= current_date)
        AND NOT EXISTS (SELECT 1 FROM coupon_definition_stores x WHERE x.definition_id = d.id)
      ORDER BY d.id LIMIT 20`,
  );
  const out: string[] = [];
  const each = Math.max(1, Math.ceil(want / Math.max(1, defs.length)));
  for (const d of defs) {
    if (d.lo === null || d.hi === null) continue;
    const from = Number(d.lo) + Math.floor(random() * (Number(d.hi) - Number(d.lo) + 1) * 0.9);
    const { rows } = await db.raw<{ rows: { code: string }[] }>(
      `SELECT code FROM coupon_codes
        WHERE definition_id = ? AND id >= ? AND status = 'active' AND customer_id IS NULL AND group_id IS NULL
          AND (valid_from IS NULL OR valid_from <= current_date) AND (valid_until IS NULL OR valid_until >= current_date)
        ORDER BY definition_id, id LIMIT ?`,
      [d.id, from, each],
    );
    out.push(...rows.map((r) => r.code));
  }
  return out;
}

/** Reads what the load needs; adds the terminals it lacks (as the owner). */
export async function sampleChain(db: Knex, sizes: SampleSizes, random: () => number): Promise<ChainSample> {
  const { rows: want, seed } = sizes;
  const terminals = await terminalsFor(db, sizes.tills);
  const operatorId = await operatorOf(db, 'cashier');
  const managerId = await operatorOf(db, 'manager');
  const barcodes = await sampled<{ barcode: string }>(db, 'items', want, seed, (from) =>
    `SELECT s.barcode FROM ${from} WHERE s.active AND s.barcode ~ '^[0-9]{8,14}$'`);
  if (barcodes.length === 0) refuse('bench.chain.noItem');
  const cards = await sampled<{ code: string; last_name: string }>(db, 'customer_cards', want, seed, (from) =>
    `SELECT s.code, c.last_name FROM ${from} JOIN customers c ON c.id = s.customer_id WHERE s.retired_at IS NULL AND c.active`);
  const live = (from: string) => `SELECT s.code FROM ${from} WHERE s.status = 'active' AND s.expires_at > now() + interval '1 day'`;
  const vouchers = await sampled<{ code: string }>(db, 'vouchers', want, seed, (from) => `${live(from)} AND s.note <> ?`, [HOT_VOUCHER_NOTE]);
  const giftCards = await sampled<{ code: string }>(db, 'gift_cards', want, seed, live);
  return {
    terminals,
    operatorId,
    managerId,
    barcodes: barcodes.map((r) => r.barcode),
    cards: cards.map((r) => r.code),
    // Three letters or more of a last name, as typed to find someone (shorter finds codes only).
    names: [...new Set(cards.map((r) => r.last_name.trim().slice(0, 4)).filter((n) => n.length >= 3))],
    vouchers: vouchers.map((r) => r.code),
    giftCards: giftCards.map((r) => r.code),
    coupons: await couponCodes(db, want, random),
  };
}

// Every cached balance against its append-only ledger, one statement per balance kind reading
// the ledger once: each owner's movements in ledger order (a window over the owner, by id)
// give every row's "balance after" against the one before it plus its amount, then are summed
// per owner. Joined to the balances, the balance must equal the sum (a balance moved without
// its ledger row: the voucher set back to its initial amount, spent twice), every row's
// "balance after" must follow from the row before it (a figure rewritten in the middle of a
// ledger, or written from a figure read outside the lock: a lost update's trace; the first
// such row of each owner is named), and the balance must lie at or above its floor (zero, or
// an account's overdraft limit). When every row follows, the last one's "balance after" is the
// sum: a balance moved alone is one line (balance), a row rewritten is one line (row).
import type { Db } from '../../data/db';
import type { MessageKey } from '../../i18n/messages';
import { num, type Break, type FamilyResult } from './types';

type What = 'balance' | 'row' | 'floor';

interface LedgerSpec {
  /** Stable name, the prefix of each invariant: "voucher" gives "voucher.balance"… */
  name: string;
  /** Owner key columns, shared by both selects. */
  keys: string[];
  /** Selects the keys, `label` (how a person finds the owner), `held` and `floor` (null: none). */
  balances: string;
  /** Selects the keys, `id`, `amount` and `after` (all bigint). */
  movements: string;
  /** A label for an owner with movements and no balance row. */
  orphanLabel: string;
  /** Amounts are cents (formatted as money) or counts (points, units). */
  money: boolean;
  message: (what: What, unit: string | null) => MessageKey;
}

const SPECS: LedgerSpec[] = [
  {
    name: 'voucher',
    keys: ['voucher_id'],
    balances: `SELECT id AS voucher_id, code AS label, balance_cents AS held, 0::bigint AS floor FROM vouchers`,
    movements: `SELECT voucher_id, id, amount_cents AS amount, balance_after_cents AS after FROM voucher_movements`,
    orphanLabel: `'#' || voucher_id`,
    money: true,
    message: (what) => `check.voucher.${what}`,
  },
  {
    name: 'giftCard',
    keys: ['gift_card_id'],
    balances: `SELECT id AS gift_card_id, code AS label, balance_cents AS held, 0::bigint AS floor FROM gift_cards`,
    movements: `SELECT gift_card_id, id, amount_cents AS amount, balance_after_cents AS after FROM gift_card_movements`,
    orphanLabel: `'#' || gift_card_id`,
    money: true,
    message: (what) => `check.giftCard.${what}`,
  },
  {
    name: 'account',
    keys: ['customer_id'],
    balances: `SELECT a.customer_id, c.code AS label, a.balance_cents AS held, -a.overdraft_limit_cents AS floor
                 FROM customer_accounts a JOIN customers c ON c.id = a.customer_id`,
    movements: `SELECT customer_id, id, amount_cents AS amount, balance_after_cents AS after FROM account_movements`,
    orphanLabel: `(SELECT code FROM customers WHERE id = customer_id)`,
    money: true,
    message: (what) => `check.account.${what}`,
  },
  {
    name: 'loyalty',
    keys: ['customer_id', 'unit'],
    balances: `SELECT b.customer_id, u.unit, c.code AS label, CASE u.unit WHEN 'points' THEN b.points ELSE b.visits END::bigint AS held, 0::bigint AS floor
                 FROM loyalty_balances b JOIN customers c ON c.id = b.customer_id CROSS JOIN (VALUES ('points'), ('visits')) AS u (unit)`,
    movements: `SELECT customer_id, unit, id, amount::bigint AS amount, balance_after::bigint AS after FROM loyalty_movements`,
    orphanLabel: `(SELECT code FROM customers WHERE id = customer_id)`,
    money: false,
    message: (what, unit) => `check.${unit === 'visits' ? 'visits' : 'points'}.${what}`,
  },
  {
    // Stock may go below zero (sold before it was counted in): no floor.
    name: 'stock',
    keys: ['store_id', 'item_id'],
    balances: `SELECT s.store_id, s.item_id, i.sku || ' (' || st.code || ')' AS label, s.qty::bigint AS held, NULL::bigint AS floor
                 FROM stock_levels s JOIN items i ON i.id = s.item_id JOIN stores st ON st.id = s.store_id`,
    movements: `SELECT store_id, item_id, id, qty::bigint AS amount, qty_after::bigint AS after FROM stock_movements`,
    orphanLabel: `(SELECT sku FROM items WHERE id = item_id) || ' (' || (SELECT code FROM stores WHERE id = store_id) || ')'`,
    money: false,
    message: (what) => `check.stock.${what}`,
  },
];

interface Row {
  what: 'count' | What;
  label: string | null;
  unit: string | null;
  a: string | null;
  b: string | null;
  /** A broken row: its id, the balance after the row before it, its amount, its balance after. */
  broken: string[] | null;
}

function statement(s: LedgerSpec): string {
  const k = s.keys.join(', ');
  const unit = s.keys.includes('unit') ? 'unit' : 'NULL::text';
  // m is sorted by owner and id for its window (walking the ledger's (owner, id) index where
  // there is one); t aggregates it in that order, one pass.
  return `
    WITH m AS (
      SELECT ${k}, id, amount, after, coalesce(lag(after) OVER (PARTITION BY ${k} ORDER BY id), 0) AS before
        FROM (${s.movements}) x
    ),
    t AS (
      SELECT ${k}, sum(amount) AS total,
             min(ARRAY[id, before, amount, after]) FILTER (WHERE after <> before + amount) AS broken
        FROM m
       GROUP BY ${k}
    ),
    b AS (${s.balances}),
    j AS (
      SELECT ${k}, coalesce(b.label, ${s.orphanLabel}) AS label, coalesce(b.held, 0) AS held, b.floor,
             coalesce(t.total, 0) AS total, t.broken
        FROM b FULL JOIN t USING (${k})
    )
    SELECT 'count' AS what, NULL AS label, NULL AS unit, count(*)::text AS a, NULL AS b, NULL::text[] AS broken FROM j
    UNION ALL
    SELECT 'balance', label, ${unit}, held::text, total::text, NULL FROM j WHERE held <> total
    UNION ALL
    SELECT 'row', label, ${unit}, NULL, NULL, broken::text[] FROM j WHERE broken IS NOT NULL
    UNION ALL
    SELECT 'floor', label, ${unit}, held::text, floor::text, NULL FROM j WHERE held < floor`;
}

async function checkLedger(db: Db, s: LedgerSpec): Promise<FamilyResult> {
  const { rows } = await db.raw<{ rows: Row[] }>(statement(s));
  const counts: Record<string, number> = {};
  const breaks: Break[] = [];
  for (const r of rows) {
    if (r.what === 'count') {
      counts[s.name] = num(r.a);
      continue;
    }
    const subject = { subject: r.label ?? '?', ...(r.unit ? { unit: r.unit } : {}) };
    let figures: Record<string, number>;
    let params: Record<string, string | number> = subject;
    if (r.what === 'row') {
      const [id, before, amount, after] = r.broken!.map(num);
      params = { ...subject, id: id! };
      figures = { before: before!, amount: amount!, after: after!, expected: before! + amount! };
    } else {
      figures = { a: num(r.a), b: num(r.b) };
    }
    const values = s.money ? { params, money: figures } : { params: { ...params, ...figures } };
    breaks.push({ invariant: `${s.name}.${r.what}`, key: s.message(r.what, r.unit), ...values });
  }
  return { counts, breaks };
}

/** Each balance kind is its own statement: they may run side by side on several connections. */
export const LEDGER_FAMILIES = SPECS.map((s) => (db: Db) => checkLedger(db, s));

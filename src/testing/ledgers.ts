// The books of every balance, checked against their ledgers: the cached balance equals the sum
// of its movements, and each movement's "balance after" equals the movements up to it. A lost
// update (two tills writing figures each read before the other wrote) breaks one or the other
// even when every statement succeeded. A feature with a balance (stock…) adds its check here.
import type { Db } from '../data/db';

/** Each check lists what disagrees, one line each; none when the books are right. */
const CHECKS: { name: string; sql: string }[] = [
  {
    name: 'voucher balance',
    sql: `SELECT v.code || ': ' || v.balance_cents || ' held, ' || coalesce(m.sum, 0) || ' in the ledger' AS line
            FROM vouchers v LEFT JOIN (SELECT voucher_id, sum(amount_cents) AS sum FROM voucher_movements GROUP BY voucher_id) m ON m.voucher_id = v.id
           WHERE v.balance_cents <> coalesce(m.sum, 0)`,
  },
  {
    name: 'voucher movement',
    sql: `SELECT 'movement ' || id || ' of voucher ' || voucher_id || ': ' || balance_after_cents || ' after, ' || running || ' by the ledger' AS line
            FROM (SELECT id, voucher_id, balance_after_cents, sum(amount_cents) OVER (PARTITION BY voucher_id ORDER BY id) AS running FROM voucher_movements) x
           WHERE balance_after_cents <> running`,
  },
  {
    name: 'gift card balance',
    sql: `SELECT g.code || ': ' || g.balance_cents || ' held, ' || coalesce(m.sum, 0) || ' in the ledger' AS line
            FROM gift_cards g LEFT JOIN (SELECT gift_card_id, sum(amount_cents) AS sum FROM gift_card_movements GROUP BY gift_card_id) m ON m.gift_card_id = g.id
           WHERE g.balance_cents <> coalesce(m.sum, 0)`,
  },
  {
    name: 'gift card movement',
    sql: `SELECT 'movement ' || id || ' of gift card ' || gift_card_id || ': ' || balance_after_cents || ' after, ' || running || ' by the ledger' AS line
            FROM (SELECT id, gift_card_id, balance_after_cents, sum(amount_cents) OVER (PARTITION BY gift_card_id ORDER BY id) AS running FROM gift_card_movements) x
           WHERE balance_after_cents <> running`,
  },
  {
    name: 'account balance',
    sql: `SELECT 'customer ' || coalesce(a.customer_id, m.customer_id) || ': ' || coalesce(a.balance_cents, 0) || ' held, ' || coalesce(m.sum, 0) || ' in the ledger' AS line
            FROM customer_accounts a FULL JOIN (SELECT customer_id, sum(amount_cents) AS sum FROM account_movements GROUP BY customer_id) m ON m.customer_id = a.customer_id
           WHERE coalesce(a.balance_cents, 0) <> coalesce(m.sum, 0)`,
  },
  {
    name: 'account movement',
    sql: `SELECT 'movement ' || id || ' of customer ' || customer_id || ': ' || balance_after_cents || ' after, ' || running || ' by the ledger' AS line
            FROM (SELECT id, customer_id, balance_after_cents, sum(amount_cents) OVER (PARTITION BY customer_id ORDER BY id) AS running FROM account_movements) x
           WHERE balance_after_cents <> running`,
  },
  {
    name: 'loyalty balance',
    sql: `WITH held AS (
            SELECT customer_id, 'points' AS unit, points AS n FROM loyalty_balances
            UNION ALL SELECT customer_id, 'visits', visits FROM loyalty_balances),
          m AS (SELECT customer_id, unit, sum(amount) AS n FROM loyalty_movements GROUP BY customer_id, unit)
          SELECT 'customer ' || coalesce(h.customer_id, m.customer_id) || ' ' || coalesce(h.unit, m.unit) || ': ' || coalesce(h.n, 0) || ' held, ' || coalesce(m.n, 0) || ' in the ledger' AS line
            FROM held h FULL JOIN m ON m.customer_id = h.customer_id AND m.unit = h.unit
           WHERE coalesce(h.n, 0) <> coalesce(m.n, 0)`,
  },
  {
    name: 'loyalty movement',
    sql: `SELECT 'movement ' || id || ' of customer ' || customer_id || ' (' || unit || '): ' || balance_after || ' after, ' || running || ' by the ledger' AS line
            FROM (SELECT id, customer_id, unit, balance_after, sum(amount) OVER (PARTITION BY customer_id, unit ORDER BY id) AS running FROM loyalty_movements) x
           WHERE balance_after <> running`,
  },
  {
    name: 'stock figure',
    sql: `SELECT 'item ' || coalesce(s.item_id, m.item_id) || ' in store ' || coalesce(s.store_id, m.store_id) || ': ' || coalesce(s.qty, 0) || ' held, ' || coalesce(m.sum, 0) || ' in the ledger' AS line
            FROM stock_levels s FULL JOIN (SELECT store_id, item_id, sum(qty) AS sum FROM stock_movements GROUP BY store_id, item_id) m ON m.store_id = s.store_id AND m.item_id = s.item_id
           WHERE coalesce(s.qty, 0) <> coalesce(m.sum, 0)`,
  },
  {
    name: 'stock movement',
    sql: `SELECT 'movement ' || id || ' of item ' || item_id || ' in store ' || store_id || ': ' || qty_after || ' after, ' || running || ' by the ledger' AS line
            FROM (SELECT id, store_id, item_id, qty_after, sum(qty) OVER (PARTITION BY store_id, item_id ORDER BY id) AS running FROM stock_movements) x
           WHERE qty_after <> running`,
  },
  {
    // A coupon's counter is its log counted in the counter's scope.
    name: 'coupon counter',
    sql: `SELECT 'code ' || n.code_id || ' ' || n.scope || ' ' || n.scope_key || ': ' || n.uses || ' counted, ' || count(u.id) || ' used' AS line
            FROM coupon_use_counts n
            LEFT JOIN coupon_uses u ON u.code_id = n.code_id AND (n.scope = 'global'
              OR (n.scope = 'store' AND u.store_id::text = n.scope_key)
              OR (n.scope = 'customer' AND u.customer_id::text = n.scope_key))
           GROUP BY n.code_id, n.scope, n.scope_key, n.uses
          HAVING n.uses <> count(u.id)`,
  },
  {
    // What has come back of a sold line is what the returned lines linked to it say, in units and cents.
    name: 'returned line',
    sql: `SELECT 'line ' || coalesce(r.sale_id, o.origin_sale_id) || '/' || coalesce(r.line_no, o.origin_line_no) || ': ' || coalesce(r.returned_qty, 0) || ' (' || coalesce(r.returned_cents, 0) || ' cents) counted, '
                 || coalesce(o.qty, 0) || ' (' || coalesce(o.cents, 0) || ' cents) returned' AS line
            FROM sale_line_returns r
            FULL JOIN (SELECT origin_sale_id, origin_line_no, sum(qty) AS qty, sum(credited_cents) AS cents FROM sale_line_origins GROUP BY 1, 2) o
              ON o.origin_sale_id = r.sale_id AND o.origin_line_no = r.line_no
           WHERE coalesce(r.returned_qty, 0) <> coalesce(o.qty, 0) OR coalesce(r.returned_cents, 0) <> coalesce(o.cents, 0)`,
  },
];

/** Every disagreement between a balance and its ledger, named; [] when the books are right. */
export async function ledgerMismatches(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const c of CHECKS) {
    const { rows } = await db.raw<{ rows: { line: string }[] }>(c.sql);
    out.push(...rows.map((r) => `${c.name}: ${r.line}`));
  }
  return out;
}

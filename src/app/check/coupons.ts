// Coupon limits against their usage log, reading the log once: its uses are counted per code,
// store and customer, then summed into each scope a limit can have. A counter must equal the
// uses of its scope (the counter is what the commit's conditional upsert trusts), and no scope
// of a limited code may hold more uses than the limit.
import type { Db } from '../../data/db';
import type { MessageKey } from '../../i18n/messages';
import { num, type Break, type FamilyResult } from './types';

type Scope = 'global' | 'store' | 'customer';

interface Row {
  what: 'count' | 'counter' | 'limit';
  code: string | null;
  scope: Scope | null;
  place: string | null;
  a: string;
  b: string | null;
}

const SQL = `
  WITH u AS (SELECT code_id, store_id, customer_id, count(*) AS n FROM coupon_uses GROUP BY 1, 2, 3),
  s AS (
    SELECT code_id, 'global' AS scope, '' AS scope_key, sum(n) AS n FROM u GROUP BY code_id
    UNION ALL SELECT code_id, 'store', store_id::text, sum(n) FROM u GROUP BY code_id, store_id
    UNION ALL SELECT code_id, 'customer', customer_id::text, sum(n) FROM u WHERE customer_id IS NOT NULL GROUP BY code_id, customer_id
  ),
  counter AS (
    SELECT c.code_id, c.scope, c.scope_key, c.uses, coalesce(s.n, 0) AS logged
      FROM coupon_use_counts c LEFT JOIN s USING (code_id, scope, scope_key)
  ),
  over AS (
    SELECT s.code_id, s.scope, s.scope_key, s.n, d.limit_max
      FROM s JOIN coupon_codes c ON c.id = s.code_id JOIN coupon_definitions d ON d.id = c.definition_id
     WHERE d.limit_scope = s.scope AND s.n > d.limit_max
  ),
  broken AS (
    SELECT 'counter' AS what, code_id, scope, scope_key, uses::text AS a, logged::text AS b FROM counter WHERE uses <> logged
    UNION ALL SELECT 'limit', code_id, scope, scope_key, n::text, limit_max::text FROM over
  )
  SELECT 'count' AS what, NULL AS code, NULL AS scope, NULL AS place, (SELECT count(*) FROM counter)::text AS a, (SELECT coalesce(sum(n), 0) FROM u)::text AS b
  UNION ALL
  SELECT x.what, c.code, x.scope,
         CASE x.scope WHEN 'store' THEN (SELECT code FROM stores WHERE id::text = x.scope_key)
                      WHEN 'customer' THEN (SELECT code FROM customers WHERE id::text = x.scope_key) END,
         x.a, x.b
    FROM broken x JOIN coupon_codes c ON c.id = x.code_id`;

const KEYS: Record<'counter' | 'limit', Record<Scope, MessageKey>> = {
  counter: { global: 'check.coupon.counter.global', store: 'check.coupon.counter.store', customer: 'check.coupon.counter.customer' },
  limit: { global: 'check.coupon.limit.global', store: 'check.coupon.limit.store', customer: 'check.coupon.limit.customer' },
};

export async function checkCoupons(db: Db): Promise<FamilyResult> {
  const { rows } = await db.raw<{ rows: Row[] }>(SQL);
  const counts: Record<string, number> = {};
  const breaks: Break[] = [];
  for (const r of rows) {
    if (r.what === 'count') {
      counts.couponCounters = num(r.a);
      counts.couponUses = num(r.b);
      continue;
    }
    breaks.push({
      invariant: `coupon.${r.what}`,
      key: KEYS[r.what][r.scope!],
      params: { subject: r.code ?? '?', place: r.place ?? '?', a: num(r.a), b: num(r.b) },
    });
  }
  return { counts, breaks };
}

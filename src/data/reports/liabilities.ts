import { AGE_BANDS, type AgeBand } from '../../domain/report/period';
import type { Db } from '../db';
import { periodSql, placeSql, type ReportFilter } from './filter';

// What the shop owes at the end of a day on its gift cards and its store-credit vouchers, aged
// by when each was sold or issued, and what expired unspent in the period (breakage).
//
// A balance at an instant T is what the ledger says of it then: the sum of its movements before
// T, which is also its balance now less its movements since T (each movement writes the balance
// column in the same statement: rule 2). The second way reads only the movements after T and the
// cards with a balance now, not the whole ledger, so a month end stays fast over ten million
// movements; the giftcards report adds the ledger up the first way and the tests hold the two equal.

export type LedgerName = 'giftCards' | 'vouchers';

const LEDGERS: Record<LedgerName, { cards: string; moves: string; ref: string; expired: string }> = {
  giftCards: { cards: 'gift_cards', moves: 'gift_card_movements', ref: 'gift_card_id', expired: 'expired' },
  vouchers: { cards: 'vouchers', moves: 'voucher_movements', ref: 'voucher_id', expired: 'expire' },
};

export interface AgeRow {
  band: AgeBand;
  count: number;
  cents: number;
}

export interface LedgerLiability {
  /** Cards (vouchers) with a balance at the end of the last day, and what they hold. */
  count: number;
  outstandingCents: number;
  ageing: AgeRow[];
  /** Of the outstanding, what is past its last day but not yet written off by the expiry run. */
  pastExpiryCents: number;
  /** Written off unspent at their expiry during the period (breakage). */
  expiredCount: number;
  expiredCents: number;
}

export interface LiabilityFigures {
  /** The instant the balances are taken at: the end of the period's last day. */
  at: Date;
  giftCards: LedgerLiability;
  vouchers: LedgerLiability;
}

async function ledgerLiability(db: Db, name: LedgerName, f: ReportFilter): Promise<LedgerLiability & { at: Date }> {
  const l = LEDGERS[name];
  const p = periodSql(f);
  const place = placeSql(f, 'g');
  // The bands' edges: 3, 6 and 12 months before the end of the last day, in the shop's calendar.
  const edge = (months: number) => `((?::date + 1) - interval '${months} months')::timestamp AT TIME ZONE ?`;
  const { rows } = await db.raw<{ rows: { band: AgeBand | null; n: number; cents: number; past: number; at: Date }[] }>(
    `WITH p AS (SELECT ${p.sql}, ${edge(3)} AS b3, ${edge(6)} AS b6, ${edge(12)} AS b12),
     after AS (SELECT m.${l.ref} AS id, sum(m.amount_cents)::bigint AS moved FROM ${l.moves} m, p WHERE m.at >= p.to_at GROUP BY m.${l.ref}),
     -- The cards with a balance now, and those closed since that moved after the instant: each of
     -- the latter looked up by its key (LATERAL), not found by reading every closed card.
     c AS (
       SELECT g.created_at, g.expires_at, g.balance_cents - coalesce(a.moved, 0) AS balance
         FROM ${l.cards} g LEFT JOIN after a ON a.id = g.id WHERE g.status = 'active'${place.sql}
       UNION ALL
       SELECT g.created_at, g.expires_at, g.balance_cents - a.moved
         FROM after a CROSS JOIN LATERAL (SELECT * FROM ${l.cards} g WHERE g.id = a.id AND g.status <> 'active'${place.sql}) g)
     SELECT CASE WHEN c.created_at >= p.b3 THEN '0-3' WHEN c.created_at >= p.b6 THEN '3-6' WHEN c.created_at >= p.b12 THEN '6-12' ELSE '12+' END AS band,
            count(*)::int AS n, sum(c.balance)::bigint AS cents, coalesce(sum(c.balance) FILTER (WHERE c.expires_at <= p.to_at), 0)::bigint AS past,
            min(p.to_at) AS at
       FROM c, p WHERE c.balance <> 0 GROUP BY 1
     UNION ALL SELECT NULL, 0, 0, 0, to_at FROM p`,
    [...p.bindings, f.period.to, f.timeZone, f.period.to, f.timeZone, f.period.to, f.timeZone, ...place.bindings, ...place.bindings],
  );
  const expired = await db.raw<{ rows: { n: number; cents: number }[] }>(
    `WITH p AS (SELECT ${p.sql})
     SELECT count(*)::int AS n, coalesce(-sum(m.amount_cents), 0)::bigint AS cents
       FROM ${l.moves} m JOIN ${l.cards} g ON g.id = m.${l.ref}, p
      WHERE m.kind = '${l.expired}' AND m.at >= p.from_at AND m.at < p.to_at${place.sql}`,
    [...p.bindings, ...place.bindings],
  );
  const bands = rows.filter((r) => r.band !== null);
  const ageing = AGE_BANDS.map((band) => {
    const r = bands.find((x) => x.band === band);
    return { band, count: r?.n ?? 0, cents: r?.cents ?? 0 };
  });
  return {
    at: rows.find((r) => r.band === null)!.at,
    count: ageing.reduce((s, a) => s + a.count, 0),
    outstandingCents: ageing.reduce((s, a) => s + a.cents, 0),
    ageing,
    pastExpiryCents: bands.reduce((s, r) => s + r.past, 0),
    expiredCount: expired.rows[0]!.n,
    expiredCents: expired.rows[0]!.cents,
  };
}

export async function liabilityFigures(db: Db, f: ReportFilter): Promise<LiabilityFigures> {
  const { at, ...giftCards } = await ledgerLiability(db, 'giftCards', f);
  const { at: _at, ...vouchers } = await ledgerLiability(db, 'vouchers', f);
  return { at, giftCards, vouchers };
}

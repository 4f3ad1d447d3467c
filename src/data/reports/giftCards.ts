import type { Db } from '../db';
import { periodSql, placeSql, type ReportFilter } from './filter';

// Gift cards one by one over a period, added up from their ledger alone: every card that held
// money when the period began or moved during it (the others hold nothing at its end). Each
// figure is the card's whole history up to the end of the last day, so that for each card, and
// in total, the balance is what was sold (and refunded onto it) less what was spent, expired and
// cancelled.

export interface GiftCardReportRow {
  code: string;
  store: string;
  soldAt: Date;
  expiresOn: string;
  soldCents: number;
  refundedCents: number;
  spentCents: number;
  expiredCents: number;
  cancelledCents: number;
  balanceCents: number;
}

export type GiftCardTotals = Omit<GiftCardReportRow, 'code' | 'store' | 'soldAt' | 'expiresOn'> & { cards: number };

export async function giftCardFigures(db: Db, f: ReportFilter): Promise<{ cards: GiftCardReportRow[]; totals: GiftCardTotals }> {
  const p = periodSql(f);
  const place = placeSql(f, 'g');
  const { rows } = await db.raw<{ rows: Record<string, string | number | Date>[] }>(
    `WITH p AS (SELECT ${p.sql})
     SELECT g.code, st.code AS store, g.created_at, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on,
            coalesce(sum(m.amount_cents) FILTER (WHERE m.kind = 'sold'), 0)::bigint AS sold,
            coalesce(sum(m.amount_cents) FILTER (WHERE m.kind = 'refunded'), 0)::bigint AS refunded,
            coalesce(-sum(m.amount_cents) FILTER (WHERE m.kind = 'spent'), 0)::bigint AS spent,
            coalesce(-sum(m.amount_cents) FILTER (WHERE m.kind = 'expired'), 0)::bigint AS expired,
            coalesce(-sum(m.amount_cents) FILTER (WHERE m.kind = 'cancelled'), 0)::bigint AS cancelled,
            sum(m.amount_cents)::bigint AS balance
       FROM gift_cards g JOIN stores st ON st.id = g.store_id JOIN gift_card_movements m ON m.gift_card_id = g.id, p
      WHERE m.at < p.to_at${place.sql}
      GROUP BY g.id, st.code
     HAVING coalesce(sum(m.amount_cents) FILTER (WHERE m.at < p.from_at), 0) <> 0 OR count(*) FILTER (WHERE m.at >= p.from_at) > 0
      ORDER BY g.created_at, g.id`,
    [...p.bindings, ...place.bindings],
  );
  const cards = rows.map((r) => ({
    code: r.code as string,
    store: r.store as string,
    soldAt: r.created_at as Date,
    expiresOn: r.expires_on as string,
    soldCents: r.sold as number,
    refundedCents: r.refunded as number,
    spentCents: r.spent as number,
    expiredCents: r.expired as number,
    cancelledCents: r.cancelled as number,
    balanceCents: r.balance as number,
  }));
  const sum = (k: keyof GiftCardTotals & keyof GiftCardReportRow) => cards.reduce((s, c) => s + (c[k] as number), 0);
  return {
    cards,
    totals: {
      cards: cards.length,
      soldCents: sum('soldCents'),
      refundedCents: sum('refundedCents'),
      spentCents: sum('spentCents'),
      expiredCents: sum('expiredCents'),
      cancelledCents: sum('cancelledCents'),
      balanceCents: sum('balanceCents'),
    },
  };
}

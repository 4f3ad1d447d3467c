import type { Db } from '../db';
import { periodSql, placeSql, type ReportFilter } from './filter';

// What was sold in a period, from the tickets: by item, by item group, by hour and by day of
// the shop's clock. A gift card sold is a line like any other (its item, CADEAU, and its value),
// but it is money received for a liability, outside VAT: the totals keep it apart from the
// VAT-able revenue. Returns are tickets with negative lines and come off the same figures.

export interface SalesItemRow {
  sku: string;
  name: string;
  qty: number;
  cents: number;
  giftCard: boolean;
}

export interface SalesGroupRow {
  /** null: items in no group; 'gift_cards': the gift cards sold (outside VAT). */
  code: string | null;
  name: string | null;
  qty: number;
  cents: number;
}

export interface SalesSlot {
  tickets: number;
  cents: number;
}

export interface VatRow {
  rateBp: number;
  grossCents: number;
  vatCents: number;
  netCents: number;
}

export interface SalesFigures {
  tickets: number;
  /** Every ticket's total: the money the tickets took (returns less). */
  totalCents: number;
  giftCards: number;
  giftCardCents: number;
  /** The total less the gift cards sold: what VAT was charged on. */
  vatableCents: number;
  vat: VatRow[];
  items: SalesItemRow[];
  groups: SalesGroupRow[];
  /** 24 slots, hour 0 to 23 of the shop's clock. */
  hours: SalesSlot[];
  /** The days that had tickets, in order ("YYYY-MM-DD"). */
  days: (SalesSlot & { day: string })[];
}

/** The period's tickets (with the store and till asked) as a CTE named `s`, and its bindings; never training tickets. */
export function ticketsOf(f: ReportFilter): { sql: string; bindings: (string | number)[] } {
  const p = periodSql(f);
  const place = placeSql(f, 's');
  return {
    sql: `WITH p AS (SELECT ${p.sql}),
          s AS (SELECT s.id, s.created_at, s.total_cents, s.change_cents FROM sales s, p
                              WHERE s.created_at >= p.from_at AND s.created_at < p.to_at AND NOT s.training${place.sql})`,
    bindings: [...p.bindings, ...place.bindings],
  };
}

export async function salesFigures(db: Db, f: ReportFilter): Promise<SalesFigures> {
  const s = ticketsOf(f);
  const q = async <T>(sql: string, bindings: (string | number)[] = []) => (await db.raw<{ rows: T[] }>(`${s.sql} ${sql}`, [...s.bindings, ...bindings])).rows;

  const [totals] = await q<{ tickets: number; total: number; gift_cards: number; gift_cents: number }>(
    `SELECT (SELECT count(*) FROM s)::int AS tickets, (SELECT coalesce(sum(total_cents), 0) FROM s)::bigint AS total,
            coalesce(sum(l.qty) FILTER (WHERE l.gift_card_code IS NOT NULL), 0)::int AS gift_cards,
            coalesce(sum(l.total_cents) FILTER (WHERE l.gift_card_code IS NOT NULL), 0)::bigint AS gift_cents
       FROM s JOIN sale_lines l ON l.sale_id = s.id`,
  );
  const vat = await q<{ rate_bp: number; gross: number; vat: number; net: number }>(
    `SELECT v.rate_bp, sum(v.gross_cents)::bigint AS gross, sum(v.vat_cents)::bigint AS vat, sum(v.net_cents)::bigint AS net
       FROM s JOIN sale_vat v ON v.sale_id = s.id GROUP BY v.rate_bp ORDER BY v.rate_bp`,
  );
  const items = await q<{ sku: string; name: string; qty: number; cents: number; gift: boolean }>(
    // A gift card's line is named with its code: the item's own name stands for them all.
    `SELECT l.sku, CASE WHEN bool_or(l.gift_card_code IS NOT NULL) THEN min(i.name) ELSE min(l.name) END AS name,
            sum(l.qty)::int AS qty, sum(l.total_cents)::bigint AS cents, bool_or(l.gift_card_code IS NOT NULL) AS gift
       FROM s JOIN sale_lines l ON l.sale_id = s.id JOIN items i ON i.id = l.item_id GROUP BY l.sku ORDER BY cents DESC, l.sku`,
  );
  const groups = await q<{ code: string | null; name: string | null; qty: number; cents: number }>(
    `SELECT CASE WHEN l.gift_card_code IS NOT NULL THEN 'gift_cards' ELSE g.code END AS code,
            CASE WHEN l.gift_card_code IS NOT NULL THEN NULL ELSE g.name END AS name,
            sum(l.qty)::int AS qty, sum(l.total_cents)::bigint AS cents
       FROM s JOIN sale_lines l ON l.sale_id = s.id JOIN items i ON i.id = l.item_id LEFT JOIN item_groups g ON g.id = i.group_id
      GROUP BY 1, 2 ORDER BY cents DESC, 1`,
  );
  const hours = await q<{ hour: number; tickets: number; cents: number }>(
    `SELECT extract(hour FROM s.created_at AT TIME ZONE ?)::int AS hour, count(*)::int AS tickets, sum(s.total_cents)::bigint AS cents
       FROM s GROUP BY 1`,
    [f.timeZone],
  );
  const days = await q<{ day: string; tickets: number; cents: number }>(
    `SELECT to_char(s.created_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day, count(*)::int AS tickets, sum(s.total_cents)::bigint AS cents
       FROM s GROUP BY 1 ORDER BY 1`,
    [f.timeZone],
  );
  const byHour = Array.from({ length: 24 }, (_, h) => {
    const r = hours.find((x) => x.hour === h);
    return { tickets: r?.tickets ?? 0, cents: r?.cents ?? 0 };
  });
  const t = totals!;
  return {
    tickets: t.tickets,
    totalCents: t.total,
    giftCards: t.gift_cards,
    giftCardCents: t.gift_cents,
    vatableCents: t.total - t.gift_cents,
    vat: vat.map((v) => ({ rateBp: v.rate_bp, grossCents: v.gross, vatCents: v.vat, netCents: v.net })),
    items: items.map((r) => ({ sku: r.sku, name: r.name, qty: r.qty, cents: r.cents, giftCard: r.gift })),
    groups: groups.map((r) => ({ code: r.code, name: r.name, qty: r.qty, cents: r.cents })),
    hours: byHour,
    days,
  };
}

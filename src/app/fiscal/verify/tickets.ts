import type { Knex } from 'knex';
import { ticketLabel } from '../../../domain/sale';
import { firstDifference, TICKET_FORMATS, type TicketFacts } from '../records';
import { chainScopes, checkHeads, walkChain, type StoredLink } from './chain';
import type { Break, Verifier } from './types';

interface TicketLink extends StoredLink {
  /** The ticket's facts as its rows hold them now; null when the ticket is gone. */
  facts: TicketFacts | null;
}

type Tuple = (string | number | null)[];

// One statement per page: the links with their tickets' rows, each ticket's lines, adjustments,
// VAT rows and tenders as JSON arrays in the record's own order (one index lookup each).
const PAGE_SQL = `
  SELECT f.seq, f.version, f.ref_id, f.record, f.prev_hash, f.hash,
         s.id AS sale_id, s.store_id, s.terminal_id, s.ticket_no, pos_utc(s.created_at) AS time_utc, s.operator_id, s.customer_id,
         s.total_cents, s.change_cents,
         (SELECT json_agg(json_build_array(l.line_no, l.item_id, l.sku, l.name, l.qty, l.list_price_cents, l.unit_price_cents,
                   l.discount_cents, l.ticket_discount_cents, l.total_cents, l.vat_rate_bp, l.gift_card_code,
                   CASE WHEN o.sale_id IS NULL THEN NULL ELSE json_build_array(os.terminal_id, os.ticket_no, o.origin_line_no) END) ORDER BY l.line_no)
            FROM sale_lines l
            LEFT JOIN sale_line_origins o ON o.sale_id = l.sale_id AND o.line_no = l.line_no
            LEFT JOIN sales os ON os.id = o.origin_sale_id
           WHERE l.sale_id = s.id) AS lines,
         (SELECT json_agg(json_build_array(a.kind, a.ref, a.label, a.amount_cents) ORDER BY a.seq) FROM sale_adjustments a WHERE a.sale_id = s.id) AS adjustments,
         (SELECT json_agg(json_build_array(v.rate_bp, v.gross_cents, v.vat_cents, v.net_cents) ORDER BY v.rate_bp) FROM sale_vat v WHERE v.sale_id = s.id) AS vat,
         (SELECT json_agg(json_build_array(x.kind, x.amount_cents, x.ref) ORDER BY x.seq) FROM sale_tenders x WHERE x.sale_id = s.id) AS tenders
    FROM fiscal_seals f
    LEFT JOIN sales s ON s.id = f.ref_id
   WHERE f.chain = 'ticket' AND f.terminal_id = ? AND f.seq > ? AND f.seq <= ?
   ORDER BY f.seq
   LIMIT ?`;

interface PageRow {
  seq: number; version: number; ref_id: number; record: string; prev_hash: string; hash: string;
  sale_id: number | null; store_id: number; terminal_id: number; ticket_no: number; time_utc: string; operator_id: number; customer_id: number | null;
  total_cents: number; change_cents: number;
  lines: Tuple[] | null; adjustments: Tuple[] | null; vat: Tuple[] | null; tenders: Tuple[] | null;
}

const n = (v: unknown) => Number(v);

function factsOf(r: PageRow): TicketFacts {
  return {
    storeId: r.store_id,
    terminalId: r.terminal_id,
    ticketNo: r.ticket_no,
    timeUtc: r.time_utc,
    operatorId: r.operator_id,
    customerId: r.customer_id,
    lines: (r.lines ?? []).map((l) => ({
      lineNo: n(l[0]), itemId: n(l[1]), sku: l[2] as string, name: l[3] as string, qty: n(l[4]), listPriceCents: n(l[5]),
      unitPriceCents: n(l[6]), discountCents: n(l[7]), ticketDiscountCents: n(l[8]), totalCents: n(l[9]), vatRateBp: n(l[10]),
      giftCardCode: l[11] as string | null, corrects: (l[12] as unknown as [number, number, number] | null) ?? null,
    })),
    adjustments: (r.adjustments ?? []).map((a) => ({ kind: a[0] as string, ref: a[1] as string, label: a[2] as string, amountCents: n(a[3]) })),
    vat: (r.vat ?? []).map((v) => ({ rateBp: n(v[0]), grossCents: n(v[1]), vatCents: n(v[2]), netCents: n(v[3]) })),
    totalCents: r.total_cents,
    tenders: (r.tenders ?? []).map((x) => ({ kind: x[0] as string, amountCents: n(x[1]), ref: x[2] as string | null })),
    changeCents: r.change_cents,
  };
}

/** "T01-000042" from the sealed record itself (the ticket may be gone). */
function labelOfRecord(record: string, codes: ReadonlyMap<number, string>): string {
  try {
    const r = JSON.parse(record) as unknown[];
    return ticketLabel(codes.get(Number(r[2])) ?? String(r[2]), Number(r[3]));
  } catch {
    return '?';
  }
}

/**
 * The tickets' chains: every link follows the one before and seals its record, every record
 * matches its ticket's rows now (the first place that differs is named), no ticket is gone and
 * none is without a seal; the chains' heads are where their last links are.
 */
export const verifyTickets: Verifier = async (db, opts) => {
  const codes = new Map((await db('terminals').select('id', 'code')).map((t: { id: number; code: string }) => [t.id, t.code]));
  const breaks: Break[] = [];
  for (const scope of await chainScopes(db, 'ticket', opts)) {
    const page = async (after: number, upTo: number, limit: number): Promise<TicketLink[]> => {
      const { rows } = await db.raw<{ rows: PageRow[] }>(PAGE_SQL, [scope.terminalId, after, upTo, limit]);
      return rows.map((r) => ({ seq: n(r.seq), version: r.version, refId: n(r.ref_id), record: r.record, prevHash: r.prev_hash, hash: r.hash, facts: r.sale_id === null ? null : factsOf(r) }));
    };
    breaks.push(...(await walkChain(scope, page, (link) => {
      const ref = labelOfRecord(link.record, codes);
      const params = { terminal: scope.terminalCode, seq: link.seq, ticket: ref };
      if (!link.facts) return { kind: 'missing', ref, key: 'fiscal.break.ticketMissing', params };
      const format = TICKET_FORMATS.get(link.version);
      if (!format) return { kind: 'changed', ref, field: 'version', key: 'fiscal.break.unknownVersion', params: { ...params, version: link.version } };
      const d = firstDifference(link.record, format.build(link.facts), format.shape);
      if (!d) return null;
      return { kind: 'changed', ref: ticketLabel(scope.terminalCode, link.facts.ticketNo), field: d.field, sealed: d.sealed, found: d.found, key: 'fiscal.break.changed', params: { ...params, ticket: ticketLabel(scope.terminalCode, link.facts.ticketNo), field: d.field, sealed: d.sealed, found: d.found } };
    })));
  }
  breaks.push(...(await unsealed(db, opts)), ...(await checkHeads(db, 'ticket', opts)));
  return breaks;
};

/** Tickets without a seal (made behind pos_commit_sale's back, or their seal deleted). */
async function unsealed(db: Knex, opts: Parameters<Verifier>[1]): Promise<Break[]> {
  const { rows } = await db.raw<{ rows: { code: string; ticket_no: number }[] }>(
    `SELECT t.code, s.ticket_no FROM sales s JOIN terminals t ON t.id = s.terminal_id
      WHERE NOT EXISTS (SELECT 1 FROM fiscal_seals f WHERE f.chain = 'ticket' AND f.ref_id = s.id)
        AND (:terminal::text IS NULL OR t.code = :terminal)
        AND (:from::timestamptz IS NULL OR s.created_at >= :from) AND (:to::timestamptz IS NULL OR s.created_at < :to)
      ORDER BY t.code, s.ticket_no LIMIT 20`,
    { terminal: opts.terminal ?? null, from: opts.from ?? null, to: opts.to ?? null },
  );
  return rows.map((r) => {
    const ticket = ticketLabel(r.code, r.ticket_no);
    return { chain: 'ticket', terminal: r.code, seq: null, kind: 'unsealed' as const, ref: ticket, key: 'fiscal.break.unsealed' as const, params: { terminal: r.code, ticket } };
  });
}

// A closing's figures, and how a month's are the sum of its days' (a year's of its months').
// Amounts are integer cents; lists are sorted so that the same figures always hash the same.

export interface VatTotal {
  rateBp: number;
  grossCents: number;
  vatCents: number;
  netCents: number;
}

export interface TenderTotal {
  kind: string;
  /** Tendered less change given (cash): the tenders of a period add up to its total. */
  cents: number;
}

export interface Totals {
  tickets: number;
  totalCents: number;
  byVat: VatTotal[];
  byTender: TenderTotal[];
  firstTicketNo: number | null;
  lastTicketNo: number | null;
}

export const NO_TOTALS: Totals = { tickets: 0, totalCents: 0, byVat: [], byTender: [], firstTicketNo: null, lastTicketNo: null };

const minOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The figures of periods one after the other, as one period's. */
export function sumTotals(parts: readonly Totals[]): Totals {
  const vat = new Map<number, VatTotal>();
  const tender = new Map<string, number>();
  let out: Totals = { ...NO_TOTALS };
  for (const p of parts) {
    out = {
      ...out,
      tickets: out.tickets + p.tickets,
      totalCents: out.totalCents + p.totalCents,
      firstTicketNo: minOrNull(out.firstTicketNo, p.firstTicketNo),
      lastTicketNo: maxOrNull(out.lastTicketNo, p.lastTicketNo),
    };
    for (const v of p.byVat) {
      const was = vat.get(v.rateBp) ?? { rateBp: v.rateBp, grossCents: 0, vatCents: 0, netCents: 0 };
      vat.set(v.rateBp, { rateBp: v.rateBp, grossCents: was.grossCents + v.grossCents, vatCents: was.vatCents + v.vatCents, netCents: was.netCents + v.netCents });
    }
    for (const t of p.byTender) tender.set(t.kind, (tender.get(t.kind) ?? 0) + t.cents);
  }
  return normalTotals({ ...out, byVat: [...vat.values()], byTender: [...tender].map(([kind, cents]) => ({ kind, cents })) });
}

/** Sorted lists, zero tenders left out: one way to write the same figures. */
export function normalTotals(t: Totals): Totals {
  return {
    ...t,
    byVat: [...t.byVat].sort((a, b) => a.rateBp - b.rateBp),
    byTender: t.byTender.filter((x) => x.cents !== 0).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
  };
}

/** Where two sets of figures differ, by field name; empty when they agree. */
export function totalsDiff(a: Totals, b: Totals): string[] {
  const x = normalTotals(a);
  const y = normalTotals(b);
  const out: string[] = [];
  if (x.tickets !== y.tickets) out.push('tickets');
  if (x.totalCents !== y.totalCents) out.push('total_cents');
  const vat = (l: VatTotal[]) => JSON.stringify(l.map((v) => [v.rateBp, v.grossCents, v.vatCents, v.netCents]));
  const tender = (l: TenderTotal[]) => JSON.stringify(l.map((v) => [v.kind, v.cents]));
  if (vat(x.byVat) !== vat(y.byVat)) out.push('by_vat');
  if (tender(x.byTender) !== tender(y.byTender)) out.push('by_tender');
  if (x.firstTicketNo !== y.firstTicketNo) out.push('first_ticket_no');
  if (x.lastTicketNo !== y.lastTicketNo) out.push('last_ticket_no');
  return out;
}

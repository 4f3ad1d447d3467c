import { createHash } from 'node:crypto';

// The canonical records the fiscal chains seal, one builder per format version. The database
// writes them (migrations/20261208100000_fiscal_seal.ts, pos_ticket_record_v1) and `pos verify`
// rebuilds them here from the tables: both must give the same bytes, which the tests hold, and
// the known answers of records.test.ts freeze each version. A change of formula is a new
// version added beside the old ones, never an edit: records sealed under a version keep
// verifying under it.

/** The previous seal of a chain's first link. */
export const GENESIS = '0'.repeat(64);

/** SHA-256 (hex) of the previous seal, a newline and the record, in UTF-8. */
export function sealOf(previous: string, record: string): string {
  return createHash('sha256').update(`${previous}\n${record}`, 'utf8').digest('hex');
}


export interface TicketLineFacts {
  lineNo: number;
  itemId: number;
  sku: string;
  name: string;
  qty: number;
  listPriceCents: number;
  unitPriceCents: number;
  discountCents: number;
  ticketDiscountCents: number;
  totalCents: number;
  vatRateBp: number;
  giftCardCode: string | null;
  /** The line this one gives back: [terminal id, ticket number, line number]. */
  corrects: [number, number, number] | null;
}

/** What a ticket's record holds, as read from its rows. */
export interface TicketFacts {
  storeId: number;
  terminalId: number;
  ticketNo: number;
  /** The time it was made, in UTC to the microsecond: 2026-12-08T10:00:00.123456Z. */
  timeUtc: string;
  operatorId: number;
  customerId: number | null;
  lines: TicketLineFacts[];
  adjustments: { kind: string; ref: string; label: string; amountCents: number }[];
  vat: { rateBp: number; grossCents: number; vatCents: number; netCents: number }[];
  totalCents: number;
  tenders: { kind: string; amountCents: number; ref: string | null }[];
  changeCents: number;
}

/** Names of a record's places, for saying which one differs: a nested list names its elements' places. */
export interface RecordShape {
  names: readonly string[];
  items?: Record<string, RecordShape>;
}

export interface RecordFormat<F> {
  version: number;
  build(facts: F): string;
  shape: RecordShape;
}

type Cell = string | number | null;

/**
 * A ticket's record in the order of its places, lists as tuples (what `pos verify` reads from
 * the tables, each list in any order: it is sorted here by its first cell, the line number, the
 * rate, the position of a tender or adjustment).
 */
export interface TicketTuples {
  head: [storeId: number, terminalId: number, ticketNo: number, timeUtc: string, operatorId: number, customerId: number | null];
  /** [line_no, item, sku, name, qty, list_price, unit_price, discount, ticket_discount, total, vat_rate, gift_card, corrects] */
  lines: Cell[][];
  /** [seq, kind, ref, label, amount] */
  adjustments: Cell[][];
  /** [rate, gross, vat, net] */
  vat: Cell[][];
  totalCents: number;
  /** [seq, kind, amount, ref] */
  tenders: Cell[][];
  changeCents: number;
}

const byFirst = (a: Cell[], b: Cell[]) => Number(a[0]) - Number(b[0]);

/** Version 1 from its tuples: the one formula, whether the facts come one by one or as read in bulk. */
function ticketV1(t: TicketTuples): string {
  return JSON.stringify([
    1, ...t.head,
    [...t.lines].sort(byFirst),
    [...t.adjustments].sort(byFirst).map((a) => a.slice(1)),
    [...t.vat].sort(byFirst),
    t.totalCents,
    [...t.tenders].sort(byFirst).map((x) => x.slice(1)),
    t.changeCents,
  ]);
}

export function ticketTuples(t: TicketFacts): TicketTuples {
  return {
    head: [t.storeId, t.terminalId, t.ticketNo, t.timeUtc, t.operatorId, t.customerId],
    lines: t.lines.map((l) => [
      l.lineNo, l.itemId, l.sku, l.name, l.qty, l.listPriceCents, l.unitPriceCents, l.discountCents,
      l.ticketDiscountCents, l.totalCents, l.vatRateBp, l.giftCardCode, l.corrects as unknown as Cell,
    ]),
    adjustments: t.adjustments.map((a, i) => [i + 1, a.kind, a.ref, a.label, a.amountCents]),
    vat: t.vat.map((v) => [v.rateBp, v.grossCents, v.vatCents, v.netCents]),
    totalCents: t.totalCents,
    tenders: t.tenders.map((x, i) => [i + 1, x.kind, x.amountCents, x.ref]),
    changeCents: t.changeCents,
  };
}

/** A ticket record's format: from its facts, and from its tuples as `pos verify` reads them. */
export interface TicketFormat extends RecordFormat<TicketFacts> {
  fromTuples(t: TicketTuples): string;
}

const TICKET_V1: TicketFormat = {
  version: 1,
  build: (t) => ticketV1(ticketTuples(t)),
  fromTuples: ticketV1,
  shape: {
    names: ['version', 'store', 'terminal', 'ticket_no', 'time', 'operator', 'customer', 'lines', 'adjustments', 'vat', 'total', 'tenders', 'change'],
    items: {
      lines: { names: ['line_no', 'item', 'sku', 'name', 'qty', 'list_price', 'unit_price', 'discount', 'ticket_discount', 'total', 'vat_rate', 'gift_card', 'corrects'] },
      adjustments: { names: ['kind', 'ref', 'label', 'amount'] },
      vat: { names: ['rate', 'gross', 'vat', 'net'] },
      tenders: { names: ['kind', 'amount', 'ref'] },
    },
  },
};

/** Every version of the ticket record ever written, by number. */
export const TICKET_FORMATS: ReadonlyMap<number, TicketFormat> = new Map([[1, TICKET_V1]]);

/** The version the database writes now. */
export const TICKET_FORMAT_NOW = 1;

export interface FieldDifference {
  /** Where: "lines[2].unit_price", "total", "lines" (a line more or less). */
  field: string;
  sealed: string;
  found: string;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/**
 * The first place where a record sealed and the one rebuilt now differ, named by the shape;
 * null when they are the same. A record that is no JSON array is named as a whole.
 */
export function firstDifference(sealed: string, found: string, shape: RecordShape): FieldDifference | null {
  if (sealed === found) return null;
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(sealed);
    b = JSON.parse(found);
  } catch {
    return { field: 'record', sealed, found };
  }
  return diff(a, b, shape, '') ?? { field: 'record', sealed, found };
}

function diff(a: unknown, b: unknown, shape: RecordShape | undefined, at: string): FieldDifference | null {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    return JSON.stringify(a) === JSON.stringify(b) ? null : { field: at || 'record', sealed: show(a), found: show(b) };
  }
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const name = shape?.names[i];
    const where = name ? (at ? `${at}.${name}` : name) : `${at}[${i}]`;
    const nested = name ? shape?.items?.[name] : undefined;
    if (nested && Array.isArray(a[i]) && Array.isArray(b[i])) {
      const x = a[i] as unknown[];
      const y = b[i] as unknown[];
      for (let k = 0; k < Math.max(x.length, y.length); k++) {
        const d = k < x.length && k < y.length ? diff(x[k], y[k], nested, `${where}[${k + 1}]`) : { field: `${where}[${k + 1}]`, sealed: show(x[k]), found: show(y[k]) };
        if (d) return d;
      }
      continue;
    }
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return { field: where, sealed: show(a[i]), found: show(b[i]) };
  }
  return null;
}

/** What an event's record holds, as read from its row; `detailsJson` as PostgreSQL writes jsonb. */
export interface EventFacts {
  id: number;
  terminalId: number;
  timeUtc: string;
  kind: string;
  operatorId: number | null;
  saleId: number | null;
  detailsJson: string;
}

const EVENT_V1: RecordFormat<EventFacts> = {
  version: 1,
  build: (e) => `${JSON.stringify([1, e.id, e.terminalId, e.timeUtc, e.kind, e.operatorId, e.saleId]).slice(0, -1)},${e.detailsJson}]`,
  shape: { names: ['version', 'id', 'terminal', 'time', 'kind', 'operator', 'sale', 'details'] },
};

/** Every version of the journal's event record, by number. */
export const EVENT_FORMATS: ReadonlyMap<number, RecordFormat<EventFacts>> = new Map([[1, EVENT_V1]]);

/** What a note's record holds, as read from its row; lines and VAT rows as PostgreSQL writes jsonb. */
export interface NoteFacts {
  id: number;
  terminalId: number;
  timeUtc: string;
  operatorId: number;
  customerId: number | null;
  linesJson: string;
  vatJson: string;
  totalCents: number;
}

const NOTE_V1: RecordFormat<NoteFacts> = {
  version: 1,
  build: (x) => `${JSON.stringify([1, x.id, x.terminalId, x.timeUtc, x.operatorId, x.customerId]).slice(0, -1)},${x.linesJson},${x.vatJson},${x.totalCents}]`,
  shape: {
    names: ['version', 'id', 'terminal', 'time', 'operator', 'customer', 'lines', 'vat', 'total'],
  },
};

/** Every version of a note's record, by number. */
export const NOTE_FORMATS: ReadonlyMap<number, RecordFormat<NoteFacts>> = new Map([[1, NOTE_V1]]);

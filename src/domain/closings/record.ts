import { createHash } from 'node:crypto';
import type { ClosingKind } from './period';
import { normalTotals, type Totals } from './totals';

// What a closing's hash is taken over: a canonical, versioned text of everything it says. The
// fields are written in a fixed order as a JSON array (no key order to agree on, no floats:
// cents are integers, instants ISO-8601 UTC to the millisecond). A change of the form is a new
// FORMAT; a closing keeps verifying under the format it was made with.

export const CLOSING_FORMAT = 1;

/** The hash before the first closing of a chain. */
export const GENESIS = '0'.repeat(64);

export interface ClosingRecord {
  format: number;
  scope: 'terminal' | 'store';
  storeId: number;
  terminalId: number | null;
  kind: ClosingKind;
  seq: number;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  periodStart: Date;
  periodEnd: Date;
  totals: Totals;
  perpetualCents: number;
  automatic: boolean;
  operatorId: number | null;
  closedAt: Date;
  prevHash: string;
  keyId: string;
}

/** The text hashed and signed, format 1. */
export function canonicalClosing(r: ClosingRecord): string {
  if (r.format !== 1) throw new Error(`unknown closing format ${r.format}`);
  const t = normalTotals(r.totals);
  return JSON.stringify([
    'pos-closing', r.format, r.scope, r.storeId, r.terminalId, r.kind, r.seq, r.firstDay, r.lastDay, r.timeZone,
    r.periodStart.toISOString(), r.periodEnd.toISOString(),
    t.tickets, t.totalCents, t.byVat.map((v) => [v.rateBp, v.grossCents, v.vatCents, v.netCents]), t.byTender.map((x) => [x.kind, x.cents]),
    t.firstTicketNo, t.lastTicketNo, r.perpetualCents, r.automatic, r.operatorId, r.closedAt.toISOString(), r.prevHash, r.keyId,
  ]);
}

export function closingHash(r: ClosingRecord): string {
  return createHash('sha256').update(canonicalClosing(r), 'utf8').digest('hex');
}

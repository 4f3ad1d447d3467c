import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { insertOwedReceipt, insertPrintedReceipt } from '../data/printJobs';
import type { Block } from '../domain/receipt';
import { TILL_RETIRED } from '../data/stores';
import { commitSaleStatement, getSale, KEY_REUSED, type CommitOutcome, type SaleInsert } from '../data/sales';
import { basketTotals, lineDiscountCents, lineTotal, type Basket } from '../domain/basket';
import { ticketLabel, type SaleRecord } from '../domain/sale';
import { changeCents, isSettled, type Payment } from '../domain/tender';
import { refuse } from './errors';
import { CLOSED_PERIOD } from '../data/closings';
import { formatDay } from '../domain/day';
import { SALE_EFFECTS } from './features';
import type { SaleNote, SalePolicy } from './saleEffects';
import type { SaleRequest } from './saleRequest';

export type { SaleRequest } from './saleRequest';
import { trainingRefusal, TRAINING_SKIPS } from '../domain/training';
import { trainingMode } from '../data/training';

export interface CommitOptions {
  /**
   * Whether the sale owes a receipt (the default): its print job is written in the sale's
   * transaction, so no crash between the commit and the printer loses it. False for a command
   * whose receipts go nowhere.
   */
  receipt?: boolean;
  /** What the till's configuration asks of the commit (see SalePolicy). */
  policy?: SalePolicy;
  /**
   * The receipt already came out (a sale made offline, printed from the till's own data): its
   * print job is written as printed, with that document, so nothing prints it again.
   */
  printedReceipt?: readonly Block[];
}

export interface CommitResult {
  sale: SaleRecord;
  /** False when the key had already been committed: the same ticket is returned. */
  created: boolean;
  /** What the features' effects have to tell the cashier (none when the ticket existed already). */
  notes: SaleNote[];
}

/** The ticket as the database will write it (also what an offline sale's receipt is made from). */
export function toInsert(req: SaleRequest): SaleInsert {
  const totals = basketTotals(req.basket);
  const lines = req.basket.lines.map((l) => {
    const ticketDiscountCents = totals.ticketShares.get(l.lineId) ?? 0;
    return {
    itemId: l.item.id,
    sku: l.item.sku,
    barcode: l.item.barcode,
    name: l.item.name,
    qty: l.qty,
    listPriceCents: l.item.priceCents,
    unitPriceCents: l.unitPriceCents,
    discountCents: lineDiscountCents(l),
    ticketDiscountCents,
    totalCents: lineTotal(l) - ticketDiscountCents,
    vatRateBp: l.item.vatRateBp,
    giftCardCode: l.item.giftCard?.code ?? null,
    priceOverrideBy: l.overriddenBy,
    discountBy: l.discountBy,
    origin: l.returnOf ? { saleId: l.returnOf.saleId, lineNo: l.returnOf.lineNo } : null,
    };
  });
  const insert: SaleInsert = {
    key: req.basket.key,
    requestHash: '',
    terminalId: req.terminalId,
    storeId: req.storeId,
    operatorId: req.operatorId,
    customerId: req.basket.customer?.id ?? null,
    totalCents: totals.totalCents,
    changeCents: changeCents(req.payment),
    lines,
    adjustments: req.basket.adjustments.filter((a) => a.cents !== 0).map((a) => ({ kind: a.kind, ref: a.ref, label: a.label, amountCents: a.cents })),
    tenders: req.payment.tenders,
    vat: totals.vat,
    audit: auditEntries(lines, req.basket.lines.map((l) => l.returnOf !== undefined)),
    ...(req.offline && { ticketNo: req.offline.ticketNo, soldAt: req.offline.soldAt }),
  };
  insert.requestHash = req.fingerprint ?? requestHash(insert);
  return insert;
}

/** What the sale is, so a retry under the same key can be told from a different sale. */
function requestHash(s: SaleInsert): string {
  const content = [
    s.terminalId, s.operatorId, s.customerId, s.totalCents, s.changeCents,
    s.lines.map((l) => [l.itemId, l.qty, l.unitPriceCents, l.discountCents, l.ticketDiscountCents, ...(l.giftCardCode ? [l.giftCardCode] : [])]),
    s.adjustments.map((a) => [a.kind, a.ref, a.amountCents]),
    s.tenders.map((t) => [t.kind, t.amountCents, t.ref ?? null]),
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Who approved what: a line for each price changed and each discount given by hand. A line
 * returned against its ticket carries what its sale took off, not a discount given now: the
 * return's own audit line says it (returns/effect.ts).
 */
function auditEntries(lines: SaleInsert['lines'], returned: readonly boolean[]): SaleInsert['audit'] {
  const out: SaleInsert['audit'] = [];
  lines.forEach((l, i) => {
    if (returned[i]) return;
    if (l.priceOverrideBy !== null && l.unitPriceCents !== l.listPriceCents) {
      out.push({ action: 'price_override', approverId: l.priceOverrideBy, details: { line: i + 1, sku: l.sku, from: l.listPriceCents, to: l.unitPriceCents } });
    }
    if (l.discountBy !== null && l.discountCents !== 0) {
      out.push({ action: 'line_discount', approverId: l.discountBy, details: { line: i + 1, sku: l.sku, discount_cents: l.discountCents } });
    }
  });
  return out;
}

function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'sales_idempotency_key_unique';
}

async function committedBefore(db: Knex, id: number): Promise<CommitResult> {
  return { sale: (await getSale(db, id))!, created: false, notes: [] };
}

/**
 * One statement writes the ticket; then, only for a new ticket and in the same transaction, the
 * receipt the sale owes is recorded (sent once committed) and the features do what they have to
 * with the sale (see saleEffects.ts), the hot rows last. A ticket with neither is that one
 * statement alone.
 */
async function write(db: Knex, req: SaleRequest, insert: SaleInsert, receipt: boolean | readonly Block[], policy: SalePolicy): Promise<CommitOutcome & { notes: SaleNote[] }> {
  let effects = SALE_EFFECTS.filter((e) => e.applies(req, policy));
  if (insert.training) {
    effects = effects.filter((e) => !TRAINING_SKIPS.includes(e.name));
    // Whatever else would touch a real balance is refused (trainingRefusal says it first, by name).
    if (effects.length > 0) refuse('training.effect', { what: effects[0]!.name });
  }
  if (effects.length === 0 && !receipt) return { ...(await commitSaleStatement(db, insert)), notes: [] };
  return db.transaction(async (trx) => {
    const outcome = await commitSaleStatement(trx, insert);
    const notes: SaleNote[] = [];
    if (outcome.created) {
      // Before the effects: a balance an effect locks is held to the commit, not through this too.
      if (Array.isArray(receipt)) {
        await insertPrintedReceipt(trx, { terminalId: insert.terminalId, operatorId: insert.operatorId, saleId: outcome.id, title: ticketLabel(outcome.terminalCode, outcome.ticketNo), blocks: receipt as readonly Block[], ...(req.offline && { printedAt: req.offline.soldAt }) });
      } else if (receipt) {
        await insertOwedReceipt(trx, { terminalId: insert.terminalId, operatorId: insert.operatorId, saleId: outcome.id, title: ticketLabel(outcome.terminalCode, outcome.ticketNo) });
      }
      const sale = { id: outcome.id, ticketNo: outcome.ticketNo, createdAt: outcome.createdAt, request: req, insert, policy };
      for (const effect of effects) notes.push(...((await effect.apply(trx, sale)) ?? []));
    }
    return { ...outcome, notes };
  });
}

/**
 * Commits a sale: the ticket (numbered from the terminal's locked counter), its lines,
 * adjustments, tenders, VAT rows and audit lines, what features do with it, and the print job
 * of its receipt, all or nothing. Committing the same basket key again returns the ticket
 * already written; it never makes a second one, nor a second receipt.
 */
/**
 * Whether the sale is a training ticket: as the till says for a sale it sent late; else the
 * till's mode now, which must be what the till believed (a switch made meanwhile elsewhere is
 * said, not guessed).
 */
async function isTraining(db: Knex, req: SaleRequest): Promise<boolean> {
  if (req.offline) return req.training === true;
  const mode = await trainingMode(db, req.terminalId);
  if (req.training !== undefined && req.training !== mode) refuse(mode ? 'training.nowOn' : 'training.nowOff');
  return mode;
}

/** What a ticket holds, as the till sent it: the same whether the database numbered it or a block reserved offline did. */
export function ticketContents(insert: SaleInsert): Pick<SaleRecord, 'totalCents' | 'changeCents' | 'customerId' | 'lines' | 'adjustments' | 'tenders' | 'vat'> {
  return {
    totalCents: insert.totalCents,
    changeCents: insert.changeCents,
    customerId: insert.customerId,
    lines: insert.lines.map(({ priceOverrideBy: _o, discountBy: _d, origin: _r, ...l }, i) => ({ lineNo: i + 1, ...l })),
    adjustments: insert.adjustments,
    tenders: insert.tenders,
    vat: insert.vat,
  };
}

export async function commitSale(db: Knex, req: SaleRequest, opts: CommitOptions = {}): Promise<CommitResult> {
  if (req.basket.lines.length === 0) refuse('sale.empty');
  const insert = toInsert(req);
  if (await isTraining(db, req)) {
    insert.training = true;
    const no = trainingRefusal(insert);
    if (no) refuse(no.key, no.params);
  }
  if (req.payment.totalCents !== insert.totalCents) refuse('sale.totalChanged');
  if (!isSettled(req.payment)) refuse('tender.short');

  const attempt = async () => {
    try {
      return await write(db, req, insert, opts.printedReceipt ?? opts.receipt ?? true, opts.policy ?? {});
    } catch (error) {
      if ((error as { code?: string }).code === KEY_REUSED) refuse('sale.keyReused', { key: insert.key });
      if ((error as { code?: string }).code === CLOSED_PERIOD) refuse('closing.dayClosed', { day: formatDay(String((error as { detail?: string }).detail ?? '')) });
      if ((error as { code?: string }).code === TILL_RETIRED) refuse('sale.tillRetired');
      throw error;
    }
  };
  let outcome;
  try {
    outcome = await attempt();
  } catch (error) {
    // The same key committed meanwhile by a request racing this one: written again, the
    // statement finds it and answers as for a retry (that ticket) or a reuse (refused); if
    // that request was rolled back instead, the key is free and this ticket is written.
    if (!isKeyConflict(error)) throw error;
    outcome = await attempt();
  }
  if (!outcome.created) return committedBefore(db, outcome.id);
  const { created, id, notes, ...place } = outcome;
  return {
    created,
    notes,
    sale: {
      id,
      key: insert.key,
      ...(insert.training && { training: true }),
      ...place,
      ...ticketContents(insert),
    },
  };
}

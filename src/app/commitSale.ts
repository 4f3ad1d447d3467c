import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { insertAudit, type AuditEntry } from '../data/audit';
import { findSaleByKey, getSale, insertSale, takeTicketNo, type SaleInsert } from '../data/sales';
import { basketTotals, lineDiscountCents, lineTotal, type Basket } from '../domain/basket';
import type { SaleRecord } from '../domain/sale';
import { changeCents, isSettled, type Payment } from '../domain/tender';
import { refuse } from './errors';

export interface SaleRequest {
  terminalId: number;
  storeId: number;
  operatorId: number;
  /** The basket carries the idempotency key made when it opened. */
  basket: Basket;
  payment: Payment;
}

export interface CommitResult {
  sale: SaleRecord;
  /** False when the key had already been committed: the same ticket is returned. */
  created: boolean;
}

function toInsert(req: SaleRequest): SaleInsert {
  const totals = basketTotals(req.basket);
  return {
    key: req.basket.key,
    requestHash: '',
    terminalId: req.terminalId,
    storeId: req.storeId,
    operatorId: req.operatorId,
    totalCents: totals.totalCents,
    changeCents: changeCents(req.payment),
    lines: req.basket.lines.map((l) => ({
      itemId: l.item.id,
      sku: l.item.sku,
      barcode: l.item.barcode,
      name: l.item.name,
      qty: l.qty,
      listPriceCents: l.item.priceCents,
      unitPriceCents: l.unitPriceCents,
      discountCents: lineDiscountCents(l),
      totalCents: lineTotal(l),
      vatRateBp: l.item.vatRateBp,
      priceOverrideBy: l.overriddenBy,
      discountBy: l.discountBy,
    })),
    tenders: req.payment.tenders,
    vat: totals.vat,
  };
}

/** What the sale is, so a retry under the same key can be told from a different sale. */
function requestHash(s: SaleInsert): string {
  const content = [s.terminalId, s.operatorId, s.totalCents, s.changeCents, s.lines.map((l) => [l.itemId, l.qty, l.unitPriceCents, l.discountCents]), s.tenders.map((t) => [t.kind, t.amountCents])];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function auditEntries(s: SaleInsert, saleId: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  s.lines.forEach((l, i) => {
    if (l.priceOverrideBy !== null && l.unitPriceCents !== l.listPriceCents) {
      out.push({ action: 'price_override', terminalId: s.terminalId, operatorId: s.operatorId, approverId: l.priceOverrideBy, saleId, details: { line: i + 1, sku: l.sku, from: l.listPriceCents, to: l.unitPriceCents } });
    }
    if (l.discountBy !== null && l.discountCents !== 0) {
      out.push({ action: 'line_discount', terminalId: s.terminalId, operatorId: s.operatorId, approverId: l.discountBy, saleId, details: { line: i + 1, sku: l.sku, discount_cents: l.discountCents } });
    }
  });
  return out;
}

function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'sales_idempotency_key_unique';
}

/**
 * Commits a sale in one transaction: ticket number from the terminal's locked counter,
 * the ticket, its lines, tenders, VAT rows and audit lines. Committing the same basket key
 * again returns the ticket already written; it never makes a second one.
 */
export async function commitSale(db: Knex, req: SaleRequest): Promise<CommitResult> {
  if (req.basket.lines.length === 0) refuse('sale.empty');
  const insert = toInsert(req);
  if (req.payment.totalCents !== insert.totalCents) refuse('sale.totalChanged');
  if (!isSettled(req.payment)) refuse('tender.short');
  insert.requestHash = requestHash(insert);

  const existing = async (): Promise<CommitResult | null> => {
    const found = await findSaleByKey(db, insert.key);
    if (!found) return null;
    if (found.requestHash !== insert.requestHash) refuse('sale.keyReused', { key: insert.key });
    return { sale: (await getSale(db, found.id))!, created: false };
  };

  // No look-up first: a new key is the common case, and a known one fails on the unique
  // index, rolling back the ticket number it took.
  let saleId: number;
  try {
    saleId = await db.transaction(async (trx) => {
      const ticketNo = await takeTicketNo(trx, insert.terminalId);
      const id = await insertSale(trx, ticketNo, insert);
      await insertAudit(trx, auditEntries(insert, id));
      return id;
    });
  } catch (error) {
    // The same key committed meanwhile (a retry racing the first attempt): that ticket stands.
    if (isKeyConflict(error)) {
      const after = await existing();
      if (after) return after;
    }
    throw error;
  }
  return { sale: (await getSale(db, saleId))!, created: true };
}

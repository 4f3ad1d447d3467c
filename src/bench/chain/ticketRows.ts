// The rows of the generated tickets, table by table, each made from the tickets remade in
// order: the sale and its parts as pos_commit_sale writes them, the seal chained per till as
// pos_seal_ticket chains it (record built by the format `pos verify` rebuilds, SHA-256 of the
// previous seal and the record), the coupon uses, the loyalty points and visits, the receipts.
import { GENESIS, sealOf, TICKET_FORMATS } from '../../app/fiscal/records';
import { ticketLabel } from '../../domain/sale';
import type { Cell } from './copy';
import type { ChainCoupons } from './coupons';
import { chainBarcode } from './items';
import type { ChainLayout } from './layout';
import { chainTickets, couponTickets } from './tickets';

export const SALE_COLUMNS = ['id', 'idempotency_key', 'request_hash', 'terminal_id', 'store_id', 'operator_id', 'ticket_no', 'total_cents', 'change_cents', 'created_at', 'customer_id', 'training'];

export function* saleRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  for (const t of chainTickets(layout, coupons)) {
    const f = t.facts;
    yield [t.saleId, `chain-${t.i + 1}`, 'chain', f.terminalId, f.storeId, f.operatorId, f.ticketNo, f.totalCents, f.changeCents, f.timeUtc, f.customerId, false];
  }
}

export const LINE_COLUMNS = ['sale_id', 'line_no', 'item_id', 'sku', 'barcode', 'name', 'qty', 'list_price_cents', 'unit_price_cents', 'discount_cents', 'ticket_discount_cents', 'total_cents', 'vat_rate_bp'];

export function* lineRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  for (const t of chainTickets(layout, coupons)) {
    for (const l of t.facts.lines) {
      yield [t.saleId, l.lineNo, l.itemId, l.sku, chainBarcode(l.itemId - layout.base.items - 1), l.name, l.qty, l.listPriceCents, l.unitPriceCents, l.discountCents, l.ticketDiscountCents, l.totalCents, l.vatRateBp];
    }
  }
}

export const ADJUSTMENT_COLUMNS = ['sale_id', 'seq', 'kind', 'ref', 'label', 'amount_cents'];

export function* adjustmentRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  // A ticket's only adjustment is its coupon.
  for (const t of couponTickets(layout, coupons)) {
    for (const [n, a] of t.facts.adjustments.entries()) yield [t.saleId, n + 1, a.kind, a.ref, a.label, a.amountCents];
  }
}

export const VAT_COLUMNS = ['sale_id', 'rate_bp', 'gross_cents', 'vat_cents', 'net_cents'];

export function* vatRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  for (const t of chainTickets(layout, coupons)) {
    for (const v of t.facts.vat) yield [t.saleId, v.rateBp, v.grossCents, v.vatCents, v.netCents];
  }
}

export const TENDER_COLUMNS = ['sale_id', 'seq', 'kind', 'amount_cents', 'ref'];

export function* tenderRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  for (const t of chainTickets(layout, coupons)) {
    for (const [n, x] of t.facts.tenders.entries()) yield [t.saleId, n + 1, x.kind, x.amountCents, x.ref];
  }
}

export const SEAL_COLUMNS = ['chain', 'terminal_id', 'seq', 'version', 'ref_id', 'record', 'prev_hash', 'hash', 'sealed_at'];

/** `heads` (one per till, from the genesis value) is left at each till's last seal. */
export function* sealRows(layout: ChainLayout, coupons: ChainCoupons, heads: string[]): Generator<Cell[]> {
  const v1 = TICKET_FORMATS.get(1)!;
  heads.fill(GENESIS);
  for (const t of chainTickets(layout, coupons)) {
    const record = v1.build(t.facts);
    const prev = heads[t.k]!;
    const hash = sealOf(prev, record);
    heads[t.k] = hash;
    yield ['ticket', t.facts.terminalId, t.facts.ticketNo, 1, t.saleId, record, prev, hash, t.facts.timeUtc];
  }
}

export const COUPON_USE_COLUMNS = ['id', 'code_id', 'sale_id', 'store_id', 'terminal_id', 'operator_id', 'customer_id', 'amount_cents', 'used_at'];

/** `used` receives the ids of the codes used, for their counters. */
export function* couponUseRows(layout: ChainLayout, coupons: ChainCoupons, used: number[]): Generator<Cell[]> {
  let id = layout.base.coupon_uses;
  for (const t of couponTickets(layout, coupons)) {
    const codeId = coupons.codeBase + t.coupon + 1;
    used.push(codeId);
    const f = t.facts;
    yield [++id, codeId, t.saleId, f.storeId, f.terminalId, f.operatorId, f.customerId, t.facts.adjustments[0]!.amountCents, f.timeUtc];
  }
}

export const LOYALTY_MOVE_COLUMNS = ['id', 'customer_id', 'unit', 'kind', 'amount', 'balance_after', 'sale_id', 'store_id', 'terminal_id', 'operator_id', 'channel', 'created_at'];

/** A point per whole euro paid and a visit per ticket; `points` and `visits` (per customer) end as the balances. */
export function* loyaltyMoveRows(layout: ChainLayout, coupons: ChainCoupons, points: Int32Array, visits: Int32Array): Generator<Cell[]> {
  let id = layout.base.loyalty_movements;
  for (const t of chainTickets(layout, coupons)) {
    if (t.customer === null) continue;
    const f = t.facts;
    const earned = Math.floor(f.totalCents / 100);
    if (earned > 0) {
      points[t.customer]! += earned;
      yield [++id, f.customerId, 'points', 'earn', earned, points[t.customer]!, t.saleId, f.storeId, f.terminalId, f.operatorId, 'store', f.timeUtc];
    }
    visits[t.customer]! += 1;
    yield [++id, f.customerId, 'visits', 'earn', 1, visits[t.customer]!, t.saleId, f.storeId, f.terminalId, f.operatorId, 'store', f.timeUtc];
  }
}

export const PRINT_JOB_COLUMNS = ['id', 'terminal_id', 'operator_id', 'kind', 'sale_id', 'title', 'blocks', 'state', 'attempts', 'created_at', 'updated_at', 'printed_at'];

/** Each ticket's receipt, printed. */
export function* printJobRows(layout: ChainLayout, coupons: ChainCoupons): Generator<Cell[]> {
  let id = layout.base.print_jobs;
  for (const t of chainTickets(layout, coupons)) {
    const f = t.facts;
    yield [++id, f.terminalId, f.operatorId, 'receipt', t.saleId, ticketLabel(t.till.code, f.ticketNo), '[]', 'printed', 1, f.timeUtc, f.timeUtc, f.timeUtc];
  }
}

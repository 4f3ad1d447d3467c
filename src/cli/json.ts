import type { SaleSummary } from '../data/sales';
import type { CatalogItem } from '../domain/item';
import { priceRuleOf } from '../domain/itemPriceRule';
import { ticketLabel, type SaleRecord } from '../domain/sale';

// The shapes scripts read: snake_case, amounts in integer cents (`*_cents`), rates in basis points.

export function saleJson(s: SaleRecord) {
  return {
    ticket: ticketLabel(s.terminalCode, s.ticketNo),
    ticket_no: s.ticketNo,
    terminal: s.terminalCode,
    store: s.storeCode,
    operator: s.operatorCode,
    operator_name: s.operatorName,
    created_at: s.createdAt.toISOString(),
    key: s.key,
    total_cents: s.totalCents,
    change_cents: s.changeCents,
    lines: s.lines.map((l) => ({
      line_no: l.lineNo,
      sku: l.sku,
      barcode: l.barcode,
      name: l.name,
      qty: l.qty,
      list_price_cents: l.listPriceCents,
      unit_price_cents: l.unitPriceCents,
      discount_cents: l.discountCents,
      ticket_discount_cents: l.ticketDiscountCents,
      total_cents: l.totalCents,
      vat_rate_bp: l.vatRateBp,
      // A gift card sold: outside the scope of VAT.
      ...(l.giftCardCode && { gift_card_code: l.giftCardCode }),
    })),
    // Ticket discounts (coupons, customer discount…), already spread over the lines' ticket_discount_cents.
    adjustments: s.adjustments.map((a) => ({ kind: a.kind, ref: a.ref, label: a.label, amount_cents: a.amountCents })),
    tenders: s.tenders.map((t) => ({ kind: t.kind, amount_cents: t.amountCents, ...(t.ref && { ref: t.ref }) })),
    vat: s.vat.map((v) => ({ rate_bp: v.rateBp, gross_cents: v.grossCents, vat_cents: v.vatCents, net_cents: v.netCents })),
  };
}

export function saleSummaryJson(s: SaleSummary) {
  return {
    ticket: ticketLabel(s.terminalCode, s.ticketNo),
    ticket_no: s.ticketNo,
    terminal: s.terminalCode,
    created_at: s.createdAt.toISOString(),
    operator: s.operatorCode,
    line_count: s.lineCount,
    total_cents: s.totalCents,
  };
}

export function itemJson(i: CatalogItem) {
  const rule = priceRuleOf(i);
  return {
    sku: i.sku, barcode: i.barcode, name: i.name, price_cents: i.priceCents, vat_rate_bp: i.vatRateBp, group: i.groupName ?? null,
    price_rule: rule.kind, max_discount_bp: rule.kind === 'capped' ? rule.maxDiscountBp : null,
  };
}

import type { DefinitionFields } from '../../app/coupons/definitionFields';
import type { CodeRecord } from '../../data/couponCodes';
import type { DefinitionRecord, SchemeRecord } from '../../data/coupons';
import type { UseRecord } from '../../data/couponUses';
import { formatSchedule } from '../../domain/coupon/schedule';
import { ticketLabel } from '../../domain/sale';

// The shapes scripts read (snake_case, amounts in cents, rates in basis points, days as YYYY-MM-DD).

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** A definition, items and stores by their codes (as typed in `pos coupon define`). */
export function definitionJson(d: DefinitionRecord, f: DefinitionFields) {
  const codes = (text: string) => ({ items: list(text).filter((c) => !c.startsWith('@')), groups: list(text).filter((c) => c.startsWith('@')).map((c) => c.slice(1)) });
  const v = d.discount.value;
  return {
    symbol: d.symbol,
    name: d.name,
    active: d.active,
    type: d.discount.type,
    value: v.kind === 'percent' ? { kind: v.kind, bp: v.bp } : { kind: v.kind, cents: v.cents },
    ...codes(f.items),
    threshold: d.discount.threshold && { min_qty: d.discount.threshold.minQty, min_cents: d.discount.threshold.minCents },
    bundle: f.parts === '' ? [] : f.parts.split('+').map((p, i) => ({ ...codes(p.replace(/:\s*\d+\s*$/, '')), qty: d.discount.bundle[i]!.qty })),
    max_bundles: d.discount.maxBundles,
    holder: d.terms.holder,
    customer_rule: d.terms.customerRule,
    limit: d.terms.limit,
    valid_from: d.terms.validFrom,
    valid_until: d.terms.validUntil,
    schedule: formatSchedule(d.terms.schedule),
    exclusive: d.terms.exclusive,
    stores: list(f.stores),
    conditions: d.conditions,
    scheme: d.schemeCode,
  };
}

export function codeJson(c: CodeRecord) {
  return {
    code: c.code,
    valid_from: c.validFrom,
    valid_until: c.validUntil,
    status: c.status,
    customer: c.customerCode,
    customer_name: c.customerName,
    group: c.groupCode,
    group_name: c.groupName,
    source: c.source,
    source_ticket: c.sourceTicket && ticketLabel(c.sourceTicket.terminalCode, c.sourceTicket.ticketNo),
    description: c.description,
    uses: c.uses,
  };
}

export function useJson(u: UseRecord) {
  return {
    ticket: ticketLabel(u.terminalCode, u.ticketNo),
    store: u.storeCode,
    terminal: u.terminalCode,
    customer: u.customerCode,
    customer_name: u.customerName,
    amount_cents: u.amountCents,
    used_at: u.usedAt.toISOString(),
  };
}

export function schemeJson(s: SchemeRecord) {
  return { code: s.code, name: s.name, pattern: s.pattern, active: s.active, next_no: s.nextNo };
}

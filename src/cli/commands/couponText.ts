import { dayText, discountText, holderText, scheduleText, sourceText, typeText } from '../../app/coupons/describe';
import type { CodeRecord } from '../../data/couponCodes';
import type { DefinitionRecord, SchemeRecord } from '../../data/coupons';
import type { UseRecord } from '../../data/couponUses';
import { formatEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { ticketLabel } from '../../domain/sale';
import { t } from '../../i18n/messages';
import { table } from '../output';

// Coupons as a person reads them in a terminal.

const yes = (b: boolean, lang: Lang) => t(lang, b ? 'coupon.yes' : 'coupon.no');

/** The seed's list: name, active, valid from/until, discount and its type, schedule. */
export function definitionsText(defs: readonly DefinitionRecord[], lang: Lang): string[] {
  if (defs.length === 0) return [t(lang, 'coupon.cli.none')];
  const head = ['coupon.col.symbol', 'coupon.col.name', 'coupon.col.active', 'coupon.col.from', 'coupon.col.until', 'coupon.col.discount', 'coupon.col.type', 'coupon.col.schedule'] as const;
  const rows = defs.map((d) => [
    d.symbol, d.name, yes(d.active, lang), dayText(d.terms.validFrom), dayText(d.terms.validUntil),
    discountText(d.discount, lang), typeText(d.discount, lang), scheduleText(d.terms.schedule, lang),
  ]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left']);
}

export function codesText(codes: readonly CodeRecord[], lang: Lang): string[] {
  const head = ['coupon.col.code', 'coupon.col.from', 'coupon.col.until', 'coupon.col.status', 'coupon.col.holder', 'coupon.col.source', 'coupon.col.uses', 'coupon.col.description'] as const;
  const rows = codes.map((c) => [c.code, dayText(c.validFrom), dayText(c.validUntil), t(lang, `coupon.status.${c.status}`), holderText(c), sourceText(c, lang), String(c.uses), c.description]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'left']);
}

export function usesText(uses: readonly UseRecord[], lang: Lang, timeZone: string): string[] {
  const head = ['coupon.col.ticket', 'coupon.col.date', 'coupon.col.store', 'coupon.col.customer', 'coupon.col.amount'] as const;
  const rows = uses.map((u) => [ticketLabel(u.terminalCode, u.ticketNo), formatDateTime(u.usedAt, lang, timeZone), u.storeCode, u.customerCode ? `${u.customerCode} ${u.customerName ?? ''}`.trim() : '', formatEuros(u.amountCents, lang)]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'left', 'right']);
}

export function schemesText(schemes: readonly SchemeRecord[], lang: Lang): string[] {
  if (schemes.length === 0) return [t(lang, 'coupon.cli.noSchemes')];
  const head = ['coupon.col.code', 'coupon.col.name', 'coupon.col.pattern', 'coupon.col.active'] as const;
  return table([head.map((k) => t(lang, k)), ...schemes.map((s) => [s.code, s.name, s.pattern, yes(s.active, lang)])], ['left', 'left', 'left', 'left']);
}

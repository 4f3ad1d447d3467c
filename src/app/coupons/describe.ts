import type { CodeRecord } from '../../data/couponCodes';
import type { CouponDiscount } from '../../domain/coupon/definition';
import { formatSchedule, type ScheduleWindow } from '../../domain/coupon/schedule';
import { formatDay } from '../../domain/day';
import { formatEuros, type Lang } from '../../domain/money';
import { ticketLabel } from '../../domain/sale';
import { formatRate } from '../../domain/vat';
import { t } from '../../i18n/messages';

// A definition in words, for lists on paper, in a terminal and in the back room.

/** "10 %", "5,00 €", "lot à 2,00 €", with its threshold: "10 % dès 20,00 €", "5,00 € dès 3 art.". */
export function discountText(d: CouponDiscount, lang: Lang): string {
  const v = d.value;
  const value = v.kind === 'percent' ? formatRate(v.bp, lang) : v.kind === 'amount' ? formatEuros(v.cents, lang) : t(lang, 'coupon.value.price', { value: formatEuros(v.cents, lang) });
  const from = lang === 'fr' ? 'dès' : 'from';
  const min = [d.threshold?.minCents != null ? formatEuros(d.threshold.minCents, lang) : '', d.threshold?.minQty != null ? `${d.threshold.minQty} ${lang === 'fr' ? 'art.' : 'items'}` : ''].filter(Boolean);
  return min.length ? `${value} ${from} ${min.join(' + ')}` : value;
}

export function typeText(d: CouponDiscount, lang: Lang): string {
  return t(lang, `coupon.type.${d.type}`);
}

/** The schedule, or "non" / "no" when there is none (the seed's list shows whether there is one). */
export function scheduleText(schedule: readonly ScheduleWindow[], lang: Lang): string {
  return schedule.length === 0 ? t(lang, 'coupon.no') : formatSchedule(schedule, lang);
}

export function dayText(day: string | null): string {
  return day === null ? '—' : formatDay(day);
}

/** A code's customer or group: "C-42 Martin Claire", "@VIP Clients VIP". */
export function holderText(c: CodeRecord): string {
  if (c.customerCode) return `${c.customerCode} ${c.customerName ?? ''}`.trim();
  if (c.groupCode) return `@${c.groupCode} ${c.groupName ?? ''}`.trim();
  return '';
}

/** How a code was made: by hand, imported, or given by a ticket (its number). */
export function sourceText(c: CodeRecord, lang: Lang): string {
  if (c.sourceTicket) return t(lang, 'coupon.source.sale', { ticket: ticketLabel(c.sourceTicket.terminalCode, c.sourceTicket.ticketNo) });
  return t(lang, c.source === 'import' ? 'coupon.source.import' : 'coupon.source.manual');
}

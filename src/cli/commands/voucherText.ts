import type { Liability } from '../../data/vouchers';
import { formatDay } from '../../domain/day';
import { formatEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import type { Voucher, VoucherMovement } from '../../domain/voucher';
import { movementName, movementWhere, statusName } from '../../app/vouchers/words';
import { formatVoucherCode } from '../../domain/voucherCode';
import { t } from '../../i18n/messages';
import { table } from '../output';

// Vouchers as a person reads them in a terminal.

export function voucherText(v: Voucher, movements: readonly VoucherMovement[], lang: Lang, timeZone: string): string[] {
  const money = (c: number) => formatEuros(c, lang);
  const lines = [
    t(lang, 'voucher.cli.head', { code: formatVoucherCode(v.code), status: statusName(lang, v) }),
    t(lang, 'voucher.cli.amounts', { initial: money(v.initialCents), balance: money(v.balanceCents) }),
    t(lang, 'voucher.cli.dates', { created: formatDateTime(v.createdAt, lang, timeZone), expires: formatDay(v.expiresOn) }),
  ];
  if (v.customer) lines.push(t(lang, 'voucher.info.customer', { name: `${v.customer.name} (${v.customer.code})` }));
  if (v.note) lines.push(v.note);
  const rows = movements.map((m) => [
    formatDateTime(m.at, lang, timeZone),
    movementName(lang, m),
    money(m.amountCents),
    money(m.balanceAfterCents),
    movementWhere(lang, m),
  ]);
  return [...lines, ...table(rows, ['left', 'left', 'right', 'right', 'left'])];
}

export function vouchersText(vouchers: readonly Voucher[], lang: Lang): string[] {
  const head = ['voucher.col.code', 'voucher.col.customer', 'voucher.col.expires', 'voucher.col.initial', 'voucher.col.balance', 'voucher.col.status'] as const;
  const rows = vouchers.map((v) => [formatVoucherCode(v.code), v.customer?.name ?? '', formatDay(v.expiresOn), formatEuros(v.initialCents, lang), formatEuros(v.balanceCents, lang), statusName(lang, v)]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'right', 'right', 'left']);
}

export function liabilityText(l: Liability & { day: string | null }, lang: Lang, timeZone: string): string[] {
  const money = (c: number) => formatEuros(c, lang);
  const rows = [
    [t(lang, 'report.vouchers.issued'), money(l.issuedCents)],
    [t(lang, 'report.vouchers.used'), money(-l.usedCents)],
    [t(lang, 'report.vouchers.cancelled'), money(-l.cancelledCents)],
    [t(lang, 'report.vouchers.expired'), money(-l.expiredCents)],
    [t(lang, 'report.vouchers.lapsed'), money(-l.lapsedCents)],
    [t(lang, 'report.vouchers.outstanding', { n: l.vouchers }), money(l.outstandingCents)],
  ];
  return [t(lang, 'report.vouchers.head', { at: formatDateTime(l.at, lang, timeZone) }), ...table(rows, ['left', 'right'])];
}

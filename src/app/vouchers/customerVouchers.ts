import { formatDay } from '../../domain/day';
import { formatEuros, type Cents, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { effectiveStatus, type Voucher, type VoucherMovement, type VoucherStatus } from '../../domain/voucher';
import { formatVoucherCode } from '../../domain/voucherCode';
import { t } from '../../i18n/messages';
import { movementJson, voucherJson } from './json';
import { movementWhere, statusName } from './words';

// A customer's vouchers as the customer record and `pos customer show` tell them: every voucher
// issued to them with its status, balance and last day, and each use under it.

export type CustomerVoucher = Voucher & { movements: VoucherMovement[] };

export interface VoucherTotals {
  count: number;
  /** Still spendable now (a voucher past its last day is not, even before `pos voucher expire`). */
  active: number;
  availableCents: Cents;
}

export function voucherTotals(vouchers: readonly CustomerVoucher[], now = new Date()): VoucherTotals {
  const spendable = vouchers.filter((v) => effectiveStatus(v, now) === 'active');
  return { count: vouchers.length, active: spendable.length, availableCents: spendable.reduce((sum, v) => sum + v.balanceCents, 0) };
}

export interface VoucherLine {
  kind: 'voucher' | 'use';
  status: VoucherStatus;
  text: string;
}

/** One line per voucher (code, status, balance / initial, last day), then one per use of it (date, amount, balance left, channel). */
export function customerVoucherLines(vouchers: readonly CustomerVoucher[], lang: Lang, timeZone: string, now = new Date()): VoucherLine[] {
  const money = (c: Cents) => formatEuros(c, lang);
  const lines: VoucherLine[] = [];
  for (const v of vouchers) {
    const status = effectiveStatus(v, now);
    const amounts = `${money(v.balanceCents)} / ${money(v.initialCents)}`;
    lines.push({
      kind: 'voucher', status,
      text: `${formatVoucherCode(v.code)}  ${statusName(lang, v, now).padEnd(10)}${amounts.padStart(23)}  ${t(lang, 'customerVouchers.until', { date: formatDay(v.expiresOn) })}`,
    });
    for (const m of v.movements) {
      if (m.kind !== 'use') continue;
      lines.push({
        kind: 'use', status,
        text: `    ${formatDateTime(m.at, lang, timeZone).padEnd(18)}${money(m.amountCents).padStart(10)}${money(m.balanceAfterCents).padStart(11)}  ${movementWhere(lang, m)}`,
      });
    }
  }
  return lines;
}

/** For scripts: each voucher as `pos voucher show` gives it, with its uses. */
export function customerVoucherJson(v: CustomerVoucher, now = new Date()) {
  return { ...voucherJson(v, now), uses: v.movements.filter((m) => m.kind === 'use').map(movementJson) };
}

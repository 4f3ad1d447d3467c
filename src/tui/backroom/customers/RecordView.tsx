import { Box, Text } from 'ink';
import type { CustomerFile } from '../../../app/customers/record';
import { voucherTotals } from '../../../app/vouchers/customerVouchers';
import { availableCents } from '../../../domain/customer/account';
import { formatDateTime } from '../../../domain/receipt';
import { ticketLabel } from '../../../domain/sale';
import { formatRate } from '../../../domain/vat';
import { hang } from '../../columns';
import { useUi } from '../../context';

/** A customer's record: contact, group and discount, points and visits, account, vouchers, tickets, former cards. */
export function RecordView({ file, timeZone, width, height }: { file: CustomerFile; timeZone: string; width: number; height: number }) {
  const { t, money, lang } = useUi();
  const { customer: c, loyalty: l } = file;
  const lines: { text: string; color?: string; bold?: boolean }[] = [];
  lines.push({ text: `${c.name} · ${c.code}${c.active ? '' : ` · ${t('record.inactive')}`}`, bold: true, color: c.active ? undefined : 'red' });
  if (c.phone || c.email) lines.push({ text: t('record.contact', { phone: c.phone ?? '—', email: c.email ?? '—' }) });
  if (c.address.length) lines.push({ text: c.address.join(', ') });
  lines.push({ text: t('record.group', { group: c.groupName ?? c.groupCode ?? '—', discount: c.discountBp ? formatRate(c.discountBp, lang) : '—' }) });
  lines.push({ text: t('record.points', { points: c.points, expiring: c.pointsExpiring ? t('record.expiring', { n: c.pointsExpiring }) : '', visits: c.visits }) });
  if (l.within.length) lines.push({ text: t('record.rewards', { names: l.within.map((r) => r.name).join(', ') }), color: 'yellow' });
  else if (l.next) lines.push({ text: t('record.next', { name: l.next.name, missing: t(l.next.unit === 'points' ? 'loyalty.count.points' : 'loyalty.count.visits', { n: l.next.missing }) }) });
  lines.push({
    text: c.accountCents === null ? t('record.noAccount') : t('record.account', {
      balance: money(c.accountCents), limit: money(c.overdraftLimitCents),
      available: money(availableCents({ balanceCents: c.accountCents, overdraftLimitCents: c.overdraftLimitCents })),
    }),
    color: (c.accountCents ?? 0) < 0 ? 'magenta' : undefined,
  });
  // Every voucher and its uses would not fit beside the rest: the count here, the list on F6.
  const vouchers = voucherTotals(file.vouchers);
  lines.push({ text: vouchers.count === 0 ? t('record.vouchersNone') : t('record.vouchers', { n: vouchers.count, active: vouchers.active, available: money(vouchers.availableCents) }) });
  if (file.formerCards.length) lines.push({ text: t('record.cards', { codes: file.formerCards.map((k) => k.code).join(', ') }) });
  if (c.notes) lines.push({ text: c.notes, color: 'cyan' });
  lines.push({ text: file.sales.length ? t('record.tickets') : t('record.noTickets'), bold: true });
  for (const s of file.sales) {
    lines.push({ text: `  ${formatDateTime(s.createdAt, lang, timeZone)}  ${ticketLabel(s.terminalCode, s.ticketNo)}  ${t('sale.items', { n: s.lines.reduce((n, x) => n + x.qty, 0) }).padEnd(9)}${money(s.totalCents).padStart(12)}` });
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.flatMap((line) => hang(line.text, width, 2).map((text) => ({ ...line, text }))).slice(0, height).map((line, i) => (
        <Text key={i} color={line.color} bold={line.bold}>{line.text}</Text>
      ))}
    </Box>
  );
}

import { Box, Text } from 'ink';
import { voucherTotals, type CustomerVoucher, type VoucherLine } from '../../../app/vouchers/customerVouchers';
import { useUi } from '../../context';

/** Lines of the list a view of `height` rows shows under its title. */
export function voucherRows(height: number): number {
  return Math.max(1, height - 1);
}

/** Every voucher issued to a customer with its status, balance, last day and each use; scrolled from line `top`. */
export function VouchersView({ name, vouchers, lines, top, width, height }: { name: string; vouchers: readonly CustomerVoucher[]; lines: readonly VoucherLine[]; top: number; width: number; height: number }) {
  const { t, money } = useUi();
  const totals = voucherTotals(vouchers);
  const shown = lines.slice(top, top + voucherRows(height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{t('customerVouchers.title', { name, n: totals.count, active: totals.active, available: money(totals.availableCents) })}</Text>
      {lines.length === 0 && <Text dimColor>{t('record.vouchersNone')}</Text>}
      {shown.map((line, i) => (
        <Text key={top + i} wrap="truncate-end" color={line.kind === 'voucher' && line.status === 'active' ? 'green' : undefined} bold={line.kind === 'voucher'} dimColor={line.status !== 'active'}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}

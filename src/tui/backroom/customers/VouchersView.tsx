import { Box, Text } from 'ink';
import { voucherTotals, type CustomerVoucher, type VoucherLine } from '../../../app/vouchers/customerVouchers';
import type { Params } from '../../../i18n/messages';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';

/** Lines of the list a view of `height` rows shows under its title (which may wrap). */
export function voucherRows(height: number, titleRows = 1): number {
  return Math.max(1, height - titleRows);
}

/** The view's title: how many vouchers, how many valid, for how much. */
export function vouchersTitle(ui: { t: (key: 'customerVouchers.title', params: Params) => string; money(cents: number): string }, name: string, vouchers: readonly CustomerVoucher[]): string {
  const totals = voucherTotals(vouchers);
  return ui.t('customerVouchers.title', { name, n: totals.count, active: totals.active, available: ui.money(totals.availableCents) });
}

/** Every voucher issued to a customer with its status, balance, last day and each use; scrolled from line `top`. */
export function VouchersView({ name, vouchers, lines, top, width, height }: { name: string; vouchers: readonly CustomerVoucher[]; lines: readonly VoucherLine[]; top: number; width: number; height: number }) {
  const ui = useUi();
  const title = vouchersTitle(ui, name, vouchers);
  const shown = lines.slice(top, top + voucherRows(height, wrappedRows(title, width)));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Wrapped text={title} width={width} bold />
      {lines.length === 0 && <Text dimColor>{ui.t('record.vouchersNone')}</Text>}
      {shown.map((line, i) => (
        <Text key={top + i} color={line.kind === 'voucher' && line.status === 'active' ? 'green' : undefined} bold={line.kind === 'voucher'} dimColor={line.status !== 'active'}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}

import { Box, Text } from 'ink';
import type { Statement } from '../../../domain/customer/account';
import { formatMonth } from '../../../domain/day';
import { formatDateTime } from '../../../domain/receipt';
import { table } from '../../columns';
import { useUi } from '../../context';

/** A month's statement of a customer's account, as on paper: opening, movements, closing. */
export function StatementView({ name, month, statement, timeZone, width, height }: { name: string; month: { year: number; month: number }; statement: Statement; timeZone: string; width: number; height: number }) {
  const { t, money, lang } = useUi();
  const rows = Math.max(1, height - 5);
  const shown = statement.movements.slice(-rows);
  // On a narrow screen the method or reference gives way; the amounts and balances stay.
  const row = table([{ width: 18 }, { width: 12, flex: true }, { width: 14, drop: 1 }, { width: 12, right: true }, { width: 12, right: true }], width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{t('statement.title', { name, month: formatMonth(month) })}</Text>
      <Text>{t('statement.opening', { amount: money(statement.openingCents) })}</Text>
      <Box flexDirection="column" height={rows}>
        {shown.length === 0 && <Text dimColor>{t('statement.none')}</Text>}
        {shown.map((m, i) => (
          <Text key={i}>
            {row([formatDateTime(m.at, lang, timeZone), t(`account.kind.${m.kind}`), m.kind === 'payment' && m.ref ? t(`account.method.${m.ref as 'cash'}`) : (m.ref ?? ''), money(m.amountCents), money(m.balanceAfterCents)])}
          </Text>
        ))}
      </Box>
      <Text>{t('statement.totals', { debits: money(statement.debitsCents), credits: money(statement.creditsCents) })}</Text>
      <Text bold>{t('statement.closing', { amount: money(statement.closingCents) })}</Text>
    </Box>
  );
}

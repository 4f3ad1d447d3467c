import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { purchaseHistory, saleAgain } from '../../app/customers/history';
import { formatDateTime } from '../../domain/receipt';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { fit, right } from '../columns';
import { Wrapped, wrappedRows } from '../components/Wrapped';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';

const TICKETS = 20;

/**
 * Ctrl+R on the sale screen: the customer's latest tickets and the lines of the one selected,
 * without leaving the sale; Enter puts that ticket's items on the current one (editable after).
 */
export function HistoryPanel({ sale, width, height }: { sale: SaleController; width: number; height: number }) {
  const { t, money, lang } = useUi();
  const customer = sale.current().basket.customer;
  const [found, setFound] = useState<{ sales: SaleRecord[]; timeZone: string } | null>(null);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (customer) sale.run(async (till) => setFound({ sales: await purchaseHistory(till.db, customer.id, TICKETS), timeZone: till.config.timeZone }));
  }, []);
  const sales = found?.sales ?? null;

  useKeys((e) => {
    if (e.name === 'escape') return sale.back();
    if (!sales || sales.length === 0) return;
    if (e.name === 'up' || e.name === 'down') return setIndex((i) => Math.max(0, Math.min(sales.length - 1, i + (e.name === 'up' ? -1 : 1))));
    if (e.name !== 'return') return;
    const chosen = sales[index]!;
    sale.run(async (till) => {
      const again = await saleAgain(till.db, chosen);
      if (again.actions.length === 0) return sale.message({ key: 'history.nothing', tone: 'error' });
      sale.applyActions(again.actions, { ...again.message, tone: 'ok' });
    });
  });

  const listRows = Math.min(6, Math.max(1, Math.floor((height - 3) / 2)));
  const first = Math.max(0, Math.min(index - listRows + 1, (sales?.length ?? 0) - listRows));
  const chosen = sales?.[index];
  const hint = t('history.hint');
  const none = sales?.length === 0;
  const lineRows = Math.max(1, height - 2 - wrappedRows(hint, width) - listRows - (none ? 1 : 0));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{t('history.title', { name: customer?.name ?? '' })}</Text>
      {none && <Text dimColor>{t('history.none')}</Text>}
      <Box flexDirection="column" height={listRows}>
        {(sales ?? []).slice(first, first + listRows).map((s, i) => (
          <Text key={s.id} inverse={first + i === index} wrap="truncate-end">
            {`${fit(formatDateTime(s.createdAt, lang, found!.timeZone), 18)}${fit(ticketLabel(s.terminalCode, s.ticketNo), 12)}${fit(t('sale.items', { n: s.lines.reduce((n, l) => n + l.qty, 0) }), 10)}${right(money(s.totalCents), 12)}`}
          </Text>
        ))}
      </Box>
      <Text dimColor>{'─'.repeat(width)}</Text>
      <Box flexDirection="column" height={lineRows}>
        {(chosen?.lines ?? []).slice(0, lineRows).map((l) => (
          <Text key={l.lineNo} color={l.qty < 0 ? 'magenta' : undefined} wrap="truncate-end">
            {`${String(l.qty).padStart(5)} × ${fit(l.name, width - 31)}${right(money(l.unitPriceCents), 11)}${right(money(l.totalCents), 12)}`}
          </Text>
        ))}
      </Box>
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

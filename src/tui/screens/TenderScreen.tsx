import { Box, Text } from 'ink';
import type { Command } from '../../config/schema';
import { changeCents, isSettled, paidCents, remainingCents } from '../../domain/tender';
import { Field } from '../components/Field';
import { Legend } from '../components/Legend';
import { MessageLine } from '../components/MessageLine';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTextField } from '../hooks/useTextField';
import { commandFor } from '../keymap';

export const TENDER_COMMANDS: readonly Command[] = ['help', 'cash', 'card', 'removeTender'];

interface Props {
  sale: SaleController;
  active: boolean;
  width: number;
  height: number;
  onHelp(): void;
}

/** Taking the money: Enter takes cash (the amount typed, or exactly what is left), F-keys pick the means. */
export function TenderScreen({ sale, active, width, height, onHelp }: Props) {
  const { t, money, keymap } = useUi();
  const amount = useTextField('', 12);
  const { payment, commit } = sale.state;

  useKeys((e) => {
    const { payment, commit } = sale.current();
    if (!payment) return;
    const c = commandFor(keymap, e, TENDER_COMMANDS);
    if (c === 'help') return onHelp();
    if (commit !== 'idle') return;
    if (e.name === 'escape') return sale.closeTender();
    if (c === 'cash' || c === 'card') {
      sale.addTender(c, amount.current());
      return amount.set('');
    }
    if (c === 'removeTender') return sale.removeTender();
    const submitted = amount.apply(e);
    if (submitted === undefined) return;
    if (isSettled(payment) && submitted.trim() === '') return sale.commit();
    sale.addTender('cash', submitted);
  }, active);

  if (!payment) return null;
  const refund = payment.totalCents < 0;
  const rest = remainingCents(payment);
  const change = changeCents(payment);
  const settled = isSettled(payment);
  const row = (label: string, value: string, color?: string, bold = false) => (
    <Box width={Math.min(width, 60)} justifyContent="space-between">
      <Text bold={bold}>{label}</Text>
      <Text bold={bold} color={color}>{value}</Text>
    </Box>
  );
  const status =
    commit === 'saving' ? <Text color="cyan">{t('tender.committing')}</Text>
    : commit === 'waiting' ? <Text color="yellow" bold>{t('tender.waitingDb')}</Text>
    : settled ? <Text color="green" bold>{t('tender.settled')}</Text>
    : <Field label={t('tender.amount')} value={amount.value} cursor={amount.cursor} />;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t(refund ? 'tender.refundTitle' : 'tender.title')}</Text>
        <Text> </Text>
        {row(t('tender.total'), money(Math.abs(payment.totalCents)), undefined, true)}
        {payment.tenders.map((tender, i) => (
          <Box key={i}>{row(`  ${t(tender.kind === 'cash' ? 'tender.cash' : 'tender.card')}`, money(Math.abs(tender.amountCents)))}</Box>
        ))}
        {payment.tenders.length > 0 && row(t('tender.paid'), money(Math.abs(paidCents(payment))))}
        {row(t(refund ? 'tender.remainingRefund' : 'tender.remaining'), money(Math.abs(rest)), rest !== 0 ? 'yellow' : 'green', true)}
        {change > 0 && row(t('tender.change'), money(change), 'green', true)}
        <Text> </Text>
        <Text dimColor>{t('tender.cardHint')}</Text>
      </Box>
      <MessageLine message={sale.state.message} width={width} />
      {status}
      <Legend commands={TENDER_COMMANDS} width={width} extra={[[t('key.enterName'), t('tender.cash')], [t('key.escName'), t('key.back')]]} />
    </Box>
  );
}

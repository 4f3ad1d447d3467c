import { Box, Text } from 'ink';
import { TENDER_PROVIDERS } from '../../app/tenderProviders';
import type { Command } from '../../config/schema';
import { changeCents, isSettled, paidCents, remainingCents, type TenderKind } from '../../domain/tender';
import { Field } from '../components/Field';
import { TextField, useScanGuard } from '../components/TextField';
import { Legend } from '../components/Legend';
import { MessageLine } from '../components/MessageLine';
import { useUi } from '../context';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTickState } from '../hooks/useTickState';
import { commandFor } from '../keymap';

export const TENDER_COMMANDS: readonly Command[] = ['help', 'cash', 'card', 'removeTender'];

/** The tenders offered here: cash and card, and those the features provide (voucher, account…). */
export function tenderCommands(): readonly Command[] {
  return [...TENDER_COMMANDS, ...TENDER_PROVIDERS.map((p) => p.command)];
}

interface Props {
  sale: SaleController;
  active: boolean;
  width: number;
  height: number;
  onHelp(): void;
}

/** Taking the money: Enter takes cash (the amount typed, or exactly what is left), F-keys pick the means. */
export function TenderScreen({ sale, active, width, height, onHelp }: Props) {
  const { t, money, say, keymap } = useUi();
  // The amount typed (ink-text-input's field), read at once by the key that takes it.
  const amount = useTickState(() => '');
  const scans = useScanGuard();
  const { payment, commit, tenderLayer } = sale.state;
  const commands = tenderCommands();
  /** Enter: cash, the amount typed or exactly what is left; once settled, the ticket saved. */
  const enter = () => {
    const { payment, commit, tenderLayer } = sale.current();
    if (!payment || commit !== 'idle' || tenderLayer) return;
    const typed = amount.current();
    amount.set('');
    if (isSettled(payment) && typed.trim() === '') return sale.commit();
    sale.addTender('cash', typed);
  };

  // The amount field has the keys while it is shown.
  const keys = useFieldKeys(
    { ...sale.state, amount: amount.shown },
    () => ({ ...sale.current(), amount: amount.current() }),
    (st) => (active && st.payment && st.commit === 'idle' && !st.tenderLayer && !isSettled(st.payment) ? { field: 'amount', value: st.amount } : null),
    (input) => (input.type === 'submit' ? enter() : amount.set(input.value.slice(0, 12))),
    (e) => {
      const { payment, commit, tenderLayer } = sale.current();
      if (!payment) return;
      const c = commandFor(keymap, e, commands);
      if (c === 'help') return onHelp();
      if (commit !== 'idle') return;
      if (tenderLayer) {
        if (e.name === 'escape') return sale.closeTenderLayer();
        return sale.tenderLayerKey(e);
      }
      if (e.name === 'escape') return sale.closeTender();
      if (c === 'cash' || c === 'card') {
        sale.addTender(c, amount.current());
        return amount.set('');
      }
      if (c === 'removeTender') return sale.removeTender();
      const provider = TENDER_PROVIDERS.find((p) => p.command === c);
      if (provider) return sale.openTenderSource(provider.kind);
      if (e.name === 'return') enter();
    },
  );
  useKeys(keys.key, active, (code, source) => {
    if (sale.scanTender(code)) {
      if (source === 'wedge') scans.took(code);
      return true;
    }
    if (source === 'device') sale.message({ key: 'scan.notNow', tone: 'error' });
    return false;
  });

  if (!payment) return null;
  const refund = payment.totalCents < 0;
  const rest = remainingCents(payment);
  const change = changeCents(payment);
  const settled = isSettled(payment);
  const tenderName = (kind: TenderKind) => t(kind === 'cash' ? 'tender.cash' : kind === 'card' ? 'tender.card' : `cmd.${TENDER_PROVIDERS.find((p) => p.kind === kind)?.command ?? 'tender'}`);
  const row = (label: string, value: string, color?: string, bold = false) => (
    <Box width={Math.min(width, 60)} justifyContent="space-between">
      <Text bold={bold}>{label}</Text>
      <Text bold={bold} color={color}>{value}</Text>
    </Box>
  );

  let status;
  if (commit === 'saving') status = <Text color="cyan">{t('tender.committing')}</Text>;
  else if (commit === 'waiting') status = <Text color="yellow" bold>{t('tender.waitingDb')}</Text>;
  else if (tenderLayer?.kind === 'code') status = <Field label={`${tenderName(tenderLayer.tender)} · ${t('tender.code')}`} value={tenderLayer.input.value} cursor={tenderLayer.input.cursor} />;
  else if (tenderLayer?.kind === 'source') status = <Field label={`${t('tender.amount')} (${money(tenderLayer.defaultCents)})`} value={tenderLayer.input.value} cursor={tenderLayer.input.cursor} />;
  else if (settled) status = <Text color="green" bold>{t('tender.settled')}</Text>;
  else status = <TextField label={t('tender.amount')} value={amount.shown} focus={active} maxLength={12} scans={scans} onChange={amount.set} onSubmit={enter} holds={keys.holds('amount')} onTypeAhead={keys.ahead} />;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t(refund ? 'tender.refundTitle' : 'tender.title')}</Text>
        <Text> </Text>
        {row(t('tender.total'), money(Math.abs(payment.totalCents)), undefined, true)}
        {payment.tenders.map((tender, i) => (
          <Box key={i}>{row(`  ${tenderName(tender.kind)}${tender.ref ? ` ${tender.ref}` : ''}`, money(Math.abs(tender.amountCents)))}</Box>
        ))}
        {payment.tenders.length > 0 && row(t('tender.paid'), money(Math.abs(paidCents(payment))))}
        {row(t(refund ? 'tender.remainingRefund' : 'tender.remaining'), money(Math.abs(rest)), rest !== 0 ? 'yellow' : 'green', true)}
        {change > 0 && row(t('tender.change'), money(change), 'green', true)}
        <Text> </Text>
        {tenderLayer?.kind === 'source' ? (
          <Box flexDirection="column" borderStyle="single" paddingX={1} width={Math.min(width - 4, 60)}>
            <Text bold>{`${tenderName(tenderLayer.tender)} ${tenderLayer.found.ref}`}</Text>
            {tenderLayer.found.info.map((line, i) => (
              <Text key={i}>{say({ ...line, tone: 'info' })}</Text>
            ))}
          </Box>
        ) : (
          <Text dimColor>{t('tender.cardHint')}</Text>
        )}
      </Box>
      <MessageLine message={sale.state.message} width={width} />
      {status}
      <Legend commands={commands} width={width} extra={[[t('key.enterName'), t('tender.cash')], [t('key.escName'), t('key.back')]]} />
    </Box>
  );
}

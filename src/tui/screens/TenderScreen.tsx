import { Box, Text } from 'ink';
import { TENDER_PROVIDERS } from '../../app/features';
import { routeText } from '../../app/returns/words';
import type { Command } from '../../config/schema';
import { changeCents, isSettled, paidCents, remainingCents, type TenderKind } from '../../domain/tender';
import { clip, wrap } from '../columns';
import { Legend, LEGEND_ROWS } from '../components/Legend';
import { MessageLine, messageRows } from '../components/MessageLine';
import { Wrapped, wrappedRows } from '../components/Wrapped';
import { TextField, useScanGuard } from '../components/TextField';
import { useUi } from '../context';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTickState } from '../hooks/useTickState';
import { commandFor } from '../keymap';
import { TENDER_INPUT_LENGTH } from '../state/saleState';

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
  const { t, money, say, keymap, lang } = useUi();
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

  // The amount field has the keys while it is shown; a tender's code or amount asked for, over it.
  const keys = useFieldKeys(
    { ...sale.state, amount: amount.shown },
    () => ({ ...sale.current(), amount: amount.current() }),
    (st) => {
      if (!active || !st.payment || st.commit !== 'idle') return null;
      if (st.tenderLayer) return { field: 'tenderLayer', value: st.tenderLayer.input };
      return isSettled(st.payment) ? null : { field: 'amount', value: st.amount };
    },
    (input) => {
      if (input.type === 'edit') return input.field === 'amount' ? amount.set(input.value.slice(0, 12)) : sale.tenderLayerEdit(input.value);
      return sale.current().tenderLayer ? sale.tenderLayerSubmit() : enter();
    },
    (e) => {
      const { payment, commit, tenderLayer } = sale.current();
      if (!payment) return;
      const c = commandFor(keymap, e, commands);
      if (c === 'help') return onHelp();
      if (commit !== 'idle') return;
      if (tenderLayer) {
        if (e.name === 'escape') return sale.closeTenderLayer();
        return;
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
  const inner = width - 4; // inside the padding
  // A return against its ticket: the refund proposed the way that ticket was paid.
  const route = refund ? sale.proposedRefund() : null;
  const proposed = route ? t('return.route', { route: routeText(route, lang) }) : null;
  const rowWidth = Math.min(inner, 60);
  const row = (key: string, label: string, value: string, color?: string, bold = false) => (
    <Box key={key} width={rowWidth} justifyContent="space-between">
      <Text bold={bold}>{clip(label, rowWidth - value.length - 1)}</Text>
      <Text bold={bold} color={color}>{value}</Text>
    </Box>
  );

  // What is said under the amounts: a line to type into, or a state that may take two lines.
  let status;
  let statusRows = 1;
  const said = (text: string, color: string, bold: boolean) => {
    statusRows = wrappedRows(text, width);
    return <Wrapped text={text} width={width} color={color} bold={bold} />;
  };
  if (commit === 'saving') status = said(t('tender.committing'), 'cyan', false);
  else if (commit === 'waiting') status = said(t('tender.waitingDb'), 'yellow', true);
  else if (tenderLayer) {
    const label = tenderLayer.kind === 'code' ? `${tenderName(tenderLayer.tender)} · ${t('tender.code')}`
      : tenderLayer.kind === 'manager' ? `${t('approval.title', { what: t('approval.refund') })} ${t(tenderLayer.code === null ? 'approval.code' : 'approval.pin')}`
      : `${t('tender.amount')} (${money(tenderLayer.defaultCents)})`;
    status = (
      <TextField
        key={tenderLayer.kind === 'manager' ? `manager.${tenderLayer.code === null ? 'code' : 'pin'}` : `${tenderLayer.kind}.${tenderLayer.tender}`}
        label={label}
        value={tenderLayer.input}
        focus={active && commit === 'idle'}
        maxLength={TENDER_INPUT_LENGTH}
        mask={tenderLayer.kind === 'manager' && tenderLayer.code !== null}
        scans={scans}
        onChange={sale.tenderLayerEdit}
        onSubmit={sale.tenderLayerSubmit}
        holds={keys.holds('tenderLayer')}
        onTypeAhead={keys.ahead}
      />
    );
  }
  else if (settled) status = said(t('tender.settled'), 'green', true);
  else status = <TextField label={t('tender.amount')} value={amount.shown} focus={active} maxLength={12} scans={scans} onChange={amount.set} onSubmit={enter} holds={keys.holds('amount')} onTypeAhead={keys.ahead} />;

  // The amounts come first; the blank lines, the frame of what was found and the older
  // payments give way on a small screen so that the message, the status and the keys stay.
  const room = height - messageRows(sale.state.message ? say(sale.state.message) : '', width) - statusRows - LEGEND_ROWS;
  const boxWidth = Math.min(inner, 60);
  const sourceLines = tenderLayer?.kind === 'source'
    ? [`${tenderName(tenderLayer.tender)} ${tenderLayer.found.ref}`, ...tenderLayer.found.info.map((line) => say({ ...line, tone: 'info' }))].flatMap((text) => wrap(text, boxWidth - 4))
    : wrap(proposed ?? t('tender.cardHint'), inner);
  const amountRows = 2 + (payment.tenders.length > 0 ? 1 : 0) + (change > 0 ? 1 : 0);
  const fixed = 1 + amountRows + sourceLines.length;
  const framed = tenderLayer?.kind === 'source' && fixed + 2 + payment.tenders.length <= room;
  const spaced = fixed + (framed ? 2 : 0) + payment.tenders.length + 2 <= room;
  const shownTenders = Math.max(0, Math.min(payment.tenders.length, room - fixed - (framed ? 2 : 0) - (spaced ? 2 : 0)));
  const tenders = payment.tenders.slice(payment.tenders.length - shownTenders);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2} overflow="hidden">
        <Text bold>{t(refund ? 'tender.refundTitle' : 'tender.title')}</Text>
        {spaced && <Text> </Text>}
        {row('total', t('tender.total'), money(Math.abs(payment.totalCents)), undefined, true)}
        {tenders.map((tender, i) => row(`t${i}`, `  ${tenderName(tender.kind)}${tender.ref ? ` ${tender.ref}` : ''}`, money(Math.abs(tender.amountCents))))}
        {payment.tenders.length > 0 && row('paid', t('tender.paid'), money(Math.abs(paidCents(payment))))}
        {row('rest', t(refund ? 'tender.remainingRefund' : 'tender.remaining'), money(Math.abs(rest)), rest !== 0 ? 'yellow' : 'green', true)}
        {change > 0 && row('change', t('tender.change'), money(change), 'green', true)}
        {spaced && <Text> </Text>}
        {tenderLayer?.kind === 'source' ? (
          <Box flexDirection="column" borderStyle={framed ? 'single' : undefined} paddingX={framed ? 1 : 0} width={boxWidth}>
            {sourceLines.map((l, i) => <Text key={i} bold={i === 0}>{l}</Text>)}
          </Box>
        ) : (
          sourceLines.map((l, i) => <Text key={i} dimColor>{l}</Text>)
        )}
      </Box>
      <MessageLine message={sale.state.message} width={width} />
      {status}
      <Legend commands={commands} width={width} extra={[[t('key.enterName'), t('tender.cash')], [t('key.escName'), t('key.back')]]} />
    </Box>
  );
}

import { Box, Text } from 'ink';
import { findReturnableTicket, returnAction, type ReturnableTicket } from '../../app/returns/ticket';
import { formatDateTime } from '../../domain/receipt';
import { table } from '../columns';
import { TextField, useScanGuard } from '../components/TextField';
import { Wrapped, wrappedRows } from '../components/Wrapped';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTickState } from '../hooks/useTickState';
import type { KeyEvent } from '../keys';
import { nextPick, picksOf, type Picks } from './picks';

interface View {
  found: { ticket: ReturnableTicket; timeZone: string } | null;
  picks: Picks;
  index: number;
}

/** Quantity to return, sold, already back, paid for the line; the name takes the rest (the paid amount goes first on a narrow screen). */
const row = (width: number) => table([{ width: 14, flex: true }, { width: 7, right: true }, { width: 6, right: true }, { width: 6, right: true }, { width: 11, right: true, drop: 1 }], width);

/**
 * "Retour sur ticket" over the sale screen: the ticket typed or scanned (its receipt's barcode),
 * then its lines with what was sold and what came back already; the cashier picks how many of
 * each come back, and Enter puts them on the ticket as returns credited what they were paid.
 */
export function ReturnPanel({ sale, width, height }: { sale: SaleController; width: number; height: number }) {
  const { t, money, lang } = useUi();
  // The ticket asked: ink-text-input's field; a scan of the receipt's barcode is taken as a scan, not typed.
  const ticketText = useTickState(() => '');
  const scans = useScanGuard();
  // Read at each key, not from the last render: keys that arrive in one chunk each see what the one before left.
  const view = useTickState<View>(() => ({ found: null, picks: {}, index: 0 }));
  const { found, picks, index } = view.shown;
  const change = (next: Partial<View>) => view.set({ ...view.current(), ...next });

  const find = (text: string) => {
    if (text.trim() === '') return;
    sale.run(async (till) => {
      const ticket = await findReturnableTicket(till.db, text, till.terminal);
      change({ found: { ticket, timeZone: till.config.timeZone }, picks: {}, index: 0 });
      sale.message(null);
    });
  };

  const take = () => {
    const { found, picks } = view.current();
    const ticket = found!.ticket;
    const chosen = picksOf(picks);
    if (chosen.length === 0) return sale.message({ key: 'return.nothingPicked', tone: 'error' });
    sale.run(async (_till, operator) => {
      const actions = chosen.map(([lineNo, qty]) => returnAction(ticket, lineNo, qty, operator.id));
      sale.applyActions(actions, { key: 'return.added', params: { n: actions.length, ticket: ticket.label }, tone: 'ok' });
    });
  };

  const onKey = (e: KeyEvent) => {
    const { found, picks, index } = view.current();
    if (!found) {
      // The field has the other keys, Enter included (its onSubmit).
      if (e.name === 'escape') return sale.back();
      return;
    }
    const lines = found.ticket.lines;
    if (e.name === 'escape') {
      change({ found: null });
      return sale.message(null);
    }
    if (e.name === 'up' || e.name === 'down') return change({ index: Math.max(0, Math.min(lines.length - 1, index + (e.name === 'up' ? -1 : 1))) });
    if (e.name === 'return') return take();
    if (e.name === 'char' && !e.ctrl) {
      const r = nextPick(picks, lines[index]!, e.text, found.ticket.label);
      if (r === null) return;
      if ('refused' in r) return sale.message({ key: r.refused, params: r.params, tone: 'error' });
      change({ picks: r.picks });
      sale.message(null);
    }
  };
  // A receipt's barcode scanned while the ticket is asked: looked up at once.
  const onScan = (code: string, source: 'wedge' | 'device') => {
    if (view.current().found) return false;
    if (source === 'wedge') scans.took(code);
    ticketText.set(code);
    find(code);
    return true;
  };
  useKeys(onKey, true, onScan);

  const cells = row(width);
  const hint = t(found ? 'return.linesHint' : 'return.ticketHint');
  if (!found) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text bold>{t('return.title')}</Text>
        <TextField label={t('return.ticketPrompt')} value={ticketText.shown} maxLength={24} scans={scans} onChange={ticketText.set} onSubmit={() => find(ticketText.current())} />
        <Wrapped text={hint} width={width} dimColor />
      </Box>
    );
  }
  const { ticket } = found;
  const head = t('return.ticketOf', { ticket: ticket.label, date: formatDateTime(ticket.sale.createdAt, lang, found.timeZone), total: money(ticket.sale.totalCents) });
  const listRows = Math.max(1, height - 4 - wrappedRows(head, width) - wrappedRows(hint, width));
  const first = Math.max(0, Math.min(index - listRows + 1, ticket.lines.length - listRows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{t('return.title')}</Text>
      <Wrapped text={head} width={width} />
      <Text dimColor>{cells([t('return.col.item'), t('return.col.qty'), t('return.col.sold'), t('return.col.back'), t('return.col.paid')])}</Text>
      <Box flexDirection="column" height={listRows}>
        {ticket.lines.slice(first, first + listRows).map((l, i) => {
          const qty = picks[l.lineNo] ?? 0;
          const gone = l.giftCard || l.returnedQty >= l.soldQty;
          return (
            <Text key={l.lineNo} inverse={first + i === index} dimColor={gone} color={qty > 0 ? 'magenta' : undefined}>
              {cells([`${l.lineNo}. ${l.name}`, qty > 0 ? String(-qty) : '·', String(l.soldQty), String(l.returnedQty), money(l.soldCents)])}
            </Text>
          );
        })}
      </Box>
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { placeOf, xDoc, zDoc } from '../../../app/closings/documents';
import { shown } from '../../../app/closings/close';
import { closeNow } from '../../../app/closings/service';
import { periodOf } from '../../../domain/closings/period';
import { blocksText } from '../../../app/closings/text';
import { xReport } from '../../../app/closings/xReport';
import type { PrintDoc } from '../../../app/printing';
import type { Scope } from '../../../data/closings';
import { clip } from '../../columns';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';
import { closingsReducer, initialClosings, type ClosingsEvent, type CloseOrder } from './closingsState';

/**
 * Closings in the back room (managers): this till's X report as it opens; F2 closes this till's
 * day (Z), F3 the store's day, F4 the last ended month, F5 the last ended fiscal year. Each Z is
 * shown and printed on the till's printer; F6 prints what is shown again.
 */
export function ClosingsScreen({ till, operator, devices, width, height, onBack }: BackroomProps) {
  const { t, lang, say } = useUi();
  const store = useTickState(() => initialClosings);
  const doc = useTickState<PrintDoc | null>(() => null);
  const s = store.shown;
  const { storeId, id: terminalId } = till.terminal;
  const columns = Math.min(width, till.config.receipt.columns);

  const show = (d: PrintDoc, message?: Message | null) => {
    doc.set(d);
    apply({ type: 'shown', lines: blocksText(d.blocks, columns), printable: true, message });
  };
  const fail = (e: unknown) => apply({ type: 'failed', message: failureMessage(e, till.config.dataDir) });

  const showX = () =>
    Promise.all([xReport(till.db, till.config, { scope: 'terminal', storeId, terminalId }), placeOf(till.db, storeId, till.config.timeZone)])
      .then(([x, place]) => show(xDoc(x, place, lang)), fail);

  const close = (order: CloseOrder) => {
    const scope: Scope = order.scope === 'store' ? { scope: 'store', storeId, terminalId: null } : { scope: 'terminal', storeId, terminalId };
    closeNow(till.db, till.config, { scope, kind: order.kind, operatorId: operator.id, via: 'till', terminalId })
      .then(async ({ closings, heads }) => {
        const place = await placeOf(till.db, storeId, till.config.timeZone);
        const last = closings.at(-1)!;
        const z = zDoc(last, heads, place, lang);
        let printed = true;
        for (const c of closings) printed = (await devices.print(c === last ? z : zDoc(c, heads, place, lang), operator.id)) && printed;
        show(z, printed
          ? { key: 'closing.screen.done', params: { n: closings.length, period: shown(periodOf(last.kind, last.firstDay, till.config.closings.fiscalYearStartMonth)), hash: last.hash.slice(0, 12) }, tone: 'ok' }
          : { key: 'closing.screen.printFailed', tone: 'error' });
      })
      .catch(fail);
  };

  const apply = (e: ClosingsEvent) => {
    const r = closingsReducer(store.current(), e);
    store.set(r.state);
    if (r.effect?.kind === 'back') onBack();
    if (r.effect?.kind === 'close') close(r.effect.order);
    if (r.effect?.kind === 'print' && doc.current()) {
      devices.print(doc.current()!, operator.id).then(
        (ok) => apply({ type: 'shown', lines: store.current().lines, printable: true, message: ok ? null : { key: 'closing.screen.printFailed', tone: 'error' } }),
        fail,
      );
    }
  };

  useEffect(() => void showX(), []);

  const hint = t('closing.screen.hint');
  const message: Message | null = s.busy ? { key: 'closing.screen.busy', tone: 'info' } : s.message;
  const chrome = 2 + messageRows(message ? say(message) : '', width) + wrappedRows(hint, width);
  const page = Math.max(1, height - chrome);
  useKeys((key) => apply({ type: 'key', key, page }));

  const visible = s.lines.slice(s.top, s.top + page);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{t('closing.screen.title')}</Text>
      <Box flexDirection="column" height={page}>
        {visible.map((line, i) => (
          <Text key={s.top + i}>{clip(line, width) || ' '}</Text>
        ))}
      </Box>
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

import { isManager } from '../../../app/session';
import { Box, Text } from 'ink';
import { useCallback, useContext, useEffect } from 'react';
import { adjustStock } from '../../../app/stock/adjust';
import { countStock, receiveStock, type Booked } from '../../../app/stock/book';
import { LinesRefused } from '../../../app/stock/lines';
import { lowStockOf } from '../../../app/stock/show';
import { managerApproval } from '../../../app/session';
import { formatDateTime } from '../../../domain/receipt';
import { signedQty } from '../../../domain/stock';
import { table } from '../../columns';
import { TextField } from '../../components/TextField';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { LiveContext } from '../../hooks/useLive';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { ApprovalFields } from '../vouchers/ApprovalFields';
import { approvalFieldName } from '../vouchers/approvalState';
import { failureMessage } from '../vouchers/useJob';
import { fieldsOf, initialStock, STOCK_FIELD_LENGTH, stockFocus, stockReducer, type BookOrder, type StockEvent } from './stockState';

/** How often at most the list is read again while sales move the figures. */
const RELOAD_MS = 1000;

// The name keeps room for itself: the last sale gives way first (it goes below 64 columns).
const COLUMNS = [
  { width: 10 },
  { width: 24, flex: true },
  { width: 6, right: true },
  { width: 6, right: true },
  { width: 18, drop: 1 },
] as const;

const ACTION_WORD = { receive: 'stock.screen.receive', count: 'stock.screen.count', adjust: 'stock.screen.adjust' } as const;
const DONE = { receive: 'stock.screen.received', count: 'stock.screen.counted', adjust: 'stock.cli.adjusted' } as const;

/**
 * The back room's stock: the items to reorder (at or under their threshold, kept up to date
 * as the tills sell), and on the selected item or any item typed, goods received (F2), a count
 * (F3), an adjustment with its reason, approved by a manager (F4).
 */
export function StockScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, lang, say } = useUi();
  const live = useContext(LiveContext);
  const store = useTickState(() => initialStock);
  const s = store.shown;
  const storeId = till.terminal.storeId;

  const reload = useCallback(() => {
    lowStockOf(till.db, storeId).then((rows) => apply({ type: 'rows', rows }), (e: unknown) => apply({ type: 'failed', message: failureMessage(e, till.config.dataDir) }));
  }, [till]);

  // Read at the start, then again when a figure of the store moves (a second at most apart).
  useEffect(() => {
    reload();
    if (!live) return;
    let timer: NodeJS.Timeout | undefined;
    const off = live.stock.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, RELOAD_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [live, reload]);

  const book = async (o: BookOrder): Promise<Message> => {
    const where = { storeId, terminalId: till.terminal.id };
    const said = (b: Booked): Message => ({ key: DONE[o.action], params: { sku: b.sku, name: b.name, qty: signedQty(b.qty), after: b.qtyAfter }, tone: 'ok' });
    if (o.action === 'adjust') {
      const manager = o.approval ? await managerApproval(till, o.approval.code, o.approval.pin, 'stock.adjust') : operator;
      return said(await adjustStock(till.db, where, { code: o.code, qty: o.qty, reason: o.reason, manager, operatorId: operator.id }));
    }
    const lines = [{ line: 1, code: o.code, qty: o.qty }];
    const place = { ...where, operatorId: operator.id };
    const done = await (o.action === 'receive' ? receiveStock(till.db, place, lines) : countStock(till.db, place, lines));
    return said(done[0]!);
  };

  const apply = (e: StockEvent) => {
    const r = stockReducer(store.current(), e);
    store.set(r.state);
    if (r.effect?.kind === 'back') onBack();
    if (r.effect?.kind === 'book') {
      book(r.effect.order).then(
        (message) => {
          apply({ type: 'done', message });
          reload();
        },
        (err: unknown) => {
          // A line refused says why, as the command line does.
          const first = err instanceof LinesRefused ? err.lines[0] : undefined;
          apply({ type: 'failed', message: first ? { key: first.reason, params: first.params, tone: 'error' } : failureMessage(err, till.config.dataDir) });
        },
      );
    }
  };

  const hint = s.form ? t(s.approval ? 'stock.screen.approvalHint' : 'stock.screen.formHint') : t('stock.screen.hint');
  const message: Message | null = s.busy ? { key: 'stock.screen.busy', tone: 'info' } : s.message;
  const formRows = s.form ? 1 + fieldsOf(s.form.action).length + (s.approval ? 1 : 0) : 0;
  const chrome = 3 + formRows + messageRows(message ? say(message) : '', width) + wrappedRows(hint, width);
  const page = Math.max(1, height - chrome);
  const manager = isManager(operator);
  // The form's fields, then the manager's code and PIN, have the keys while they are open.
  const keys = useFieldKeys(s, store.current, stockFocus, (input) => apply(input.type === 'submit' ? { type: 'submit', manager } : input), (key) => apply({ type: 'key', key, manager, page }));
  useKeys(keys.key);

  const row = table(COLUMNS, width);
  const first = Math.max(0, s.index - page + 1);
  const visible = s.rows.slice(first, first + page);
  const f = s.form;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{t('stock.screen.title', { store: till.terminal.storeCode, n: s.rows.length })}</Text>
      <Text dimColor>{row([t('stock.col.sku'), t('stock.col.item'), t('stock.col.qty'), t('stock.col.threshold'), t('stock.col.lastSale')])}</Text>
      <Box flexDirection="column" height={page}>
        {s.rows.length === 0 && <Text dimColor>{t('stock.cli.noneLow')}</Text>}
        {visible.map((r, i) => (
          <Text key={r.itemId} inverse={first + i === s.index && !f} color={r.qty <= 0 ? 'red' : undefined}>
            {row([r.sku, r.name, String(r.qty), String(r.threshold ?? '—'), r.lastSaleAt ? formatDateTime(r.lastSaleAt, lang, till.config.timeZone) : '—'])}
          </Text>
        ))}
      </Box>
      <Text> </Text>
      {f && <Text bold color="yellow">{t(ACTION_WORD[f.action])}</Text>}
      {f && fieldsOf(f.action).map((name) => (
        <TextField
          key={name}
          label={t(`stock.screen.field.${name}`)}
          value={f.fields[name]}
          focus={!s.busy && !s.approval && f.focus === name}
          maxLength={STOCK_FIELD_LENGTH[name]}
          holds={keys.holds(name)}
          onChange={(value) => apply({ type: 'edit', field: name, value })}
          onSubmit={() => apply({ type: 'submit', manager })}
          onTypeAhead={keys.ahead}
        />
      ))}
      {f && s.approval && (
        <Box gap={1}>
          <Text bold color="yellow">{t('stock.screen.approval')}</Text>
          <ApprovalFields approval={s.approval} active={!s.busy} keys={keys} onEvent={(e) => apply(e.type === 'edit' ? { type: 'edit', field: approvalFieldName(e.field), value: e.value } : { type: 'submit', manager })} />
        </Box>
      )}
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

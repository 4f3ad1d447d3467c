import { isManager } from '../../../app/session';
import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { readSide, type ReadSource } from '../../../app/readDb';
import { managerApproval } from '../../../app/session';
import { findVouchers, showVoucher } from '../../../app/vouchers/browse';
import { cancelVoucher } from '../../../app/vouchers/cancel';
import { voucherSlipDoc } from '../../../app/vouchers/slip';
import { movementName, movementWhere, statusName } from '../../../app/vouchers/words';
import { formatDay } from '../../../domain/day';
import { formatDateTime } from '../../../domain/receipt';
import { formatVoucherCode } from '../../../domain/voucherCode';
import type { MessageKey } from '../../../i18n/messages';
import { TextField } from '../../components/TextField';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import { commandFor, keysOf } from '../../keymap';
import type { Message } from '../../state/saleState';
import { ReadFrom } from '../ReadFrom';
import type { BackroomProps } from '../registry';
import { ApprovalFields } from './ApprovalFields';
import { approvalFocus, approvalInput } from './approvalState';
import { browserReducer, FILTER_LENGTH, initialBrowser, pageCount, textFocus, type BrowserEffect, type BrowserEvent, type BrowserState, type FilterField, type TextFilter } from './browserState';
import { useJob } from './useJob';
import { hang, table, wrap } from '../../columns';
import { Wrapped, wrappedRows } from '../../components/Wrapped';

/** Rows the screen keeps for other things than results: title, filters, header, page, message, hint. */
const CHROME_ROWS = 9;

/** The text field that has the keys: a filter, or the manager's code or PIN; none while busy. */
function fieldFocus(s: BrowserState): { field: string; value: string } | null {
  if (s.busy) return null;
  if (s.mode === 'approval') return approvalFocus(s.approval);
  const f = textFocus(s);
  return f && { field: f, value: s.filters[f] };
}

/** Vouchers: search and filter, page through the results, open one to see every movement. */
export function VoucherScreen({ till, operator, devices, width, height, onBack }: BackroomProps) {
  const { t, money, say, lang, keymap } = useUi();
  const store = useTickState(initialBrowser);
  const s = store.shown;
  // A hint that wraps on a narrow screen takes a row from the results.
  const hintRows = Math.max(wrappedRows(t('voucher.list.hint'), width), wrappedRows(t('voucher.search.hint'), width));
  // The days and the status share a row when it holds them ("Valable du › JJ/MM/AAAA  au › …
  // Statut ›  tous ◂▸" takes 60 columns); on a narrower screen the status goes under them.
  const statusApart = width - 4 < 62;
  // A list read on a standby says so under it, on a row of its own.
  const pageSize = Math.max(3, height - CHROME_ROWS - (hintRows - 1) - (statusApart ? 1 : 0) - (till.readDb ? 1 : 0));
  const [source, setSource] = useState<ReadSource | null>(null);
  const tz = till.config.timeZone;
  const fail = useCallback((message: Message) => store.set(browserReducer(store.current(), { type: 'message', message }).state), [store]);
  const run = useJob(till.config.dataDir, fail);

  const perform = (effect: BrowserEffect) => {
    if (!effect) return;
    switch (effect.kind) {
      case 'back':
        return onBack();
      case 'search':
        return run(async () => {
          // The list need not be fresh (a standby's when configured); a voucher opened is read on the primary, as it may be cancelled.
          const read = await readSide(till);
          const result = await findVouchers(read.db, effect.query, tz, { limit: pageSize, offset: effect.page * pageSize });
          setSource(read.source);
          dispatch({ type: 'results', query: effect.query, page: effect.page, result, opening: effect.opening });
        });
      case 'open':
        return run(async () => dispatch({ type: 'detail', ...(await showVoucher(till.db, effect.code)) }));
      case 'cancel':
        return run(async () => {
          const manager = effect.approval ? await managerApproval(till, effect.approval.code, effect.approval.pin, 'voucher.cancel') : operator;
          const v = await cancelVoucher(till.db, { code: effect.code, manager, terminal: till.terminal });
          dispatch({ type: 'detail', ...(await showVoucher(till.db, v.code)) });
          dispatch({ type: 'message', message: { key: 'voucher.cancel.done', params: { code: formatVoucherCode(v.code) }, tone: 'ok' } });
        });
      case 'reprint':
        return run(async () => {
          const printed = await devices.print(voucherSlipDoc(till.config, effect.voucher, { storeName: till.terminal.storeName, duplicate: true }), operator.id);
          dispatch({ type: 'message', message: printed ? { key: 'voucher.slip.reprinted', params: { code: formatVoucherCode(effect.voucher.code) }, tone: 'ok' } : { key: 'voucher.slip.failed', tone: 'error' } });
        });
    }
  };
  const dispatch = (e: BrowserEvent) => {
    const r = browserReducer(store.current(), e);
    store.set(r.state);
    perform(r.effect);
  };

  const keys = useFieldKeys(s, store.current, fieldFocus, (input) => {
    if (store.current().mode === 'approval') {
      const event = approvalInput(input);
      return event && dispatch({ type: 'approval', event });
    }
    dispatch(input.type === 'submit' ? input : { type: 'edit', field: input.field as TextFilter, value: input.value });
  }, (e) => {
    const c = commandFor(keymap, e, ['cancelSale', 'reprint']);
    dispatch({ type: 'key', key: e, pageSize, cancelKey: c === 'cancelSale', reprintKey: c === 'reprint', isManager: isManager(operator) });
  });

  useEffect(() => dispatch({ type: 'start' }), []);
  useKeys(keys.key);

  const filter = (name: FilterField, label: string) =>
    name === 'status' ? (
      <Text key={name}>
        <Text bold>{label} › </Text>
        <Text inverse={s.mode === 'filters' && s.focus === 'status'}>{` ${t(`voucher.status.${s.filters.status ?? 'all'}` as MessageKey)} ◂▸ `}</Text>
      </Text>
    ) : (
      <Box key={name} marginRight={2}>
        <TextField
          label={label}
          value={s.filters[name]}
          focus={!s.busy && textFocus(s) === name}
          maxLength={FILTER_LENGTH[name]}
          placeholder={name === 'from' || name === 'to' ? t('day.pattern') : undefined}
          holds={keys.holds(name)}
          onChange={(value) => dispatch({ type: 'edit', field: name, value })}
          onSubmit={() => dispatch({ type: 'submit' })}
          onTypeAhead={keys.ahead}
        />
      </Box>
    );

  let message: Message | null = s.message;
  if (s.busy) message = { key: 'voucher.busy', tone: 'info' };
  else if (s.mode === 'confirmCancel' && s.detail) message = { key: 'voucher.cancel.confirm', money: { balance: s.detail.voucher.balanceCents }, tone: 'error' };
  let body;
  const inner = width - 4; // inside the padding
  let hint: string;
  if ((s.mode === 'detail' || s.mode === 'confirmCancel' || s.mode === 'approval') && s.detail) {
    const { voucher: v, movements } = s.detail;
    hint = t('voucher.detail.hint', { cancel: keysOf(keymap, 'cancelSale', lang), reprint: keysOf(keymap, 'reprint', lang) });
    const head = [
      t('voucher.cli.head', { code: formatVoucherCode(v.code), status: statusName(lang, v) }),
      t('voucher.cli.amounts', { initial: money(v.initialCents), balance: money(v.balanceCents) }),
      t('voucher.cli.dates', { created: formatDateTime(v.createdAt, lang, tz), expires: formatDay(v.expiresOn) }),
      v.customer ? t('voucher.info.customer', { name: `${v.customer.name} (${v.customer.code})` }) : t('voucher.info.noCustomer'),
      `${t('voucher.detail.origin', { origin: t(`voucher.origin.${v.origin}` as MessageKey), ticket: v.ticket ? ` ${v.ticket}` : '', store: v.storeCode })}${v.note ? ` · ${v.note}` : ''}`,
    ].flatMap((text) => wrap(text, inner));
    // A movement's reference (channel, store, ticket or order) is never cut: it goes under the
    // amounts when the line has no room for it, and the oldest movements give way.
    const move = table([{ width: 17 }, { width: 13 }, { width: 11, right: true }, { width: 11, right: true }], inner);
    const blocks = movements.map((m) => hang(`${move([formatDateTime(m.at, lang, tz), movementName(lang, m), money(m.amountCents), money(m.balanceAfterCents)]).padEnd(52)}  ${movementWhere(lang, m)}`, inner));
    const messageHeight = s.mode === 'approval' ? 1 : wrappedRows(message ? say(message) : '', width);
    const rows = Math.max(1, height - 2 - head.length - messageHeight - wrappedRows(hint, width));
    const shown: string[][] = [];
    for (let i = blocks.length - 1, used = 0; i >= 0 && used + blocks[i]!.length <= rows; i--) {
      shown.unshift(blocks[i]!);
      used += blocks[i]!.length;
    }
    body = (
      <Box flexDirection="column">
        {head.map((line, i) => <Text key={`h${i}`} bold={i === 0}>{line}</Text>)}
        <Text> </Text>
        {movements.length === 0 && <Text dimColor>{t('voucher.detail.noMoves')}</Text>}
        {shown.flat().map((line, i) => <Text key={i}>{line}</Text>)}
      </Box>
    );
  } else {
    const vouchers = s.result?.vouchers ?? [];
    // On a narrow screen the initial amount, then the last day, give way to the customer's name.
    const statusWidth = 1 + Math.max(t('voucher.col.status').length, ...vouchers.map((v) => statusName(lang, v).length));
    const row = table([{ width: 19 }, { width: 10, flex: true }, { width: 11, right: true, drop: 2 }, { width: 11, right: true, drop: 1 }, { width: 11, right: true }, { width: statusWidth }], inner);
    body = (
      <Box flexDirection="column">
        <Box>
          {filter('code', t('voucher.filter.code'))}
          {filter('customer', t('voucher.filter.customer'))}
        </Box>
        <Box>
          {filter('from', t('voucher.filter.from'))}
          {filter('to', t('voucher.filter.to'))}
          {!statusApart && filter('status', t('voucher.filter.status'))}
        </Box>
        {statusApart && filter('status', t('voucher.filter.status'))}
        <Text dimColor>{row([t('voucher.col.code'), t('voucher.col.customer'), t('voucher.col.expires'), t('voucher.col.initial'), t('voucher.col.balance'), t('voucher.col.status')])}</Text>
        {vouchers.map((v, i) => (
          <Text key={v.code} inverse={s.mode === 'list' && i === s.index}>
            {row([formatVoucherCode(v.code), v.customer?.name ?? '', formatDay(v.expiresOn), money(v.initialCents), money(v.balanceCents), statusName(lang, v)])}
          </Text>
        ))}
        {s.result && s.result.total > 0 && <Text dimColor>{t('voucher.page', { page: s.page + 1, pages: pageCount(s, pageSize), total: s.result.total })}</Text>}
        {s.result && <ReadFrom source={source} />}
      </Box>
    );
    hint = t(s.mode === 'list' ? 'voucher.list.hint' : 'voucher.search.hint');
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t('voucher.screen.title')}</Text>
        {body}
      </Box>
      {s.mode === 'approval' ? (
        <Box columnGap={2}>
          <Text color="yellow" bold>{t('approval.title', { what: t('voucher.move.cancel').toLowerCase() })} </Text>
          <ApprovalFields approval={s.approval} active={!s.busy} keys={keys} onEvent={(event) => dispatch({ type: 'approval', event })} />
        </Box>
      ) : (
        <MessageLine message={message} width={width} />
      )}
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

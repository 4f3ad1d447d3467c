import { Box, Text } from 'ink';
import { useCallback, useEffect } from 'react';
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
import type { BackroomProps } from '../registry';
import { ApprovalFields } from './ApprovalFields';
import { approvalFocus, approvalInput } from './approvalState';
import { browserReducer, FILTER_LENGTH, initialBrowser, pageCount, textFocus, type BrowserEffect, type BrowserEvent, type BrowserState, type FilterField, type TextFilter } from './browserState';
import { useJob } from './useJob';
import { fit } from '../../columns';

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
  const { t, money, lang, keymap } = useUi();
  const store = useTickState(initialBrowser);
  const s = store.shown;
  const pageSize = Math.max(3, height - CHROME_ROWS);
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
          const result = await findVouchers(till.db, effect.query, tz, { limit: pageSize, offset: effect.page * pageSize });
          dispatch({ type: 'results', query: effect.query, page: effect.page, result, opening: effect.opening });
        });
      case 'open':
        return run(async () => dispatch({ type: 'detail', ...(await showVoucher(till.db, effect.code)) }));
      case 'cancel':
        return run(async () => {
          const manager = effect.approval ? await managerApproval(till.db, effect.approval.code, effect.approval.pin) : operator;
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
    dispatch({ type: 'key', key: e, pageSize, cancelKey: c === 'cancelSale', reprintKey: c === 'reprint', isManager: operator.role === 'manager' });
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

  let body;
  let hint: string;
  if ((s.mode === 'detail' || s.mode === 'confirmCancel' || s.mode === 'approval') && s.detail) {
    const { voucher: v, movements } = s.detail;
    const rows = Math.max(1, height - 12);
    body = (
      <Box flexDirection="column">
        <Text bold>{t('voucher.cli.head', { code: formatVoucherCode(v.code), status: statusName(lang, v) })}</Text>
        <Text>{t('voucher.cli.amounts', { initial: money(v.initialCents), balance: money(v.balanceCents) })}</Text>
        <Text>{t('voucher.cli.dates', { created: formatDateTime(v.createdAt, lang, tz), expires: formatDay(v.expiresOn) })}</Text>
        <Text>{v.customer ? t('voucher.info.customer', { name: `${v.customer.name} (${v.customer.code})` }) : t('voucher.info.noCustomer')}</Text>
        <Text wrap="truncate-end">{t('voucher.detail.origin', { origin: t(`voucher.origin.${v.origin}` as MessageKey), ticket: v.ticket ? ` ${v.ticket}` : '', store: v.storeCode })}{v.note ? ` · ${v.note}` : ''}</Text>
        <Text> </Text>
        {movements.length === 0 && <Text dimColor>{t('voucher.detail.noMoves')}</Text>}
        {movements.slice(-rows).map((m, i) => (
          <Text key={i} wrap="truncate-end">
            {`${formatDateTime(m.at, lang, tz).padEnd(17)}${fit(movementName(lang, m), 12)}${money(m.amountCents).padStart(10)}${money(m.balanceAfterCents).padStart(10)}  ${movementWhere(lang, m)}`}
          </Text>
        ))}
      </Box>
    );
    hint = t('voucher.detail.hint', { cancel: keysOf(keymap, 'cancelSale'), reprint: keysOf(keymap, 'reprint') });
  } else {
    const vouchers = s.result?.vouchers ?? [];
    const nameWidth = Math.max(8, width - 4 - 19 - 11 - 11 - 11 - 10);
    body = (
      <Box flexDirection="column">
        <Box>
          {filter('code', t('voucher.filter.code'))}
          {filter('customer', t('voucher.filter.customer'))}
        </Box>
        <Box>
          {filter('from', t('voucher.filter.from'))}
          {filter('to', t('voucher.filter.to'))}
          {filter('status', t('voucher.filter.status'))}
        </Box>
        <Text dimColor>
          {`${t('voucher.col.code').padEnd(19)}${fit(t('voucher.col.customer'), nameWidth)}${t('voucher.col.expires').padStart(11)}${t('voucher.col.initial').padStart(11)}${t('voucher.col.balance').padStart(11)} ${t('voucher.col.status')}`}
        </Text>
        {vouchers.map((v, i) => (
          <Text key={v.code} inverse={s.mode === 'list' && i === s.index} wrap="truncate-end">
            {`${formatVoucherCode(v.code).padEnd(19)}${fit(v.customer?.name ?? '', nameWidth)}${formatDay(v.expiresOn).padStart(11)}${money(v.initialCents).padStart(11)}${money(v.balanceCents).padStart(11)} ${statusName(lang, v)}`}
          </Text>
        ))}
        {s.result && s.result.total > 0 && <Text dimColor>{t('voucher.page', { page: s.page + 1, pages: pageCount(s, pageSize), total: s.result.total })}</Text>}
      </Box>
    );
    hint = t(s.mode === 'list' ? 'voucher.list.hint' : 'voucher.search.hint');
  }

  let message: Message | null = s.message;
  if (s.busy) message = { key: 'voucher.busy', tone: 'info' };
  else if (s.mode === 'confirmCancel' && s.detail) message = { key: 'voucher.cancel.confirm', money: { balance: s.detail.voucher.balanceCents }, tone: 'error' };
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
      <Text dimColor wrap="truncate-end">{hint}</Text>
    </Box>
  );
}

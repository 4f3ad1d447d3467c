import { Box, Text } from 'ink';
import { useCallback } from 'react';
import { managerApproval } from '../../../app/session';
import { issueVoucher } from '../../../app/vouchers/issue';
import { voucherSlipDoc } from '../../../app/vouchers/slip';
import { formatDay } from '../../../domain/day';
import { formatVoucherCode } from '../../../domain/voucherCode';
import { TextField } from '../../components/TextField';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { ApprovalFields } from './ApprovalFields';
import { approvalFocus, approvalInput } from './approvalState';
import { initialIssue, ISSUE_LENGTH, issueReducer, issueTextFocus, type IssueEffect, type IssueEvent, type IssueField, type IssueState, type IssueText } from './issueState';
import { useJob } from './useJob';

/** The text field that has the keys: the manager's code or PIN, then the form's; none while busy. */
function fieldFocus(s: IssueState): { field: string; value: string } | null {
  if (s.busy || s.step === 'done') return null;
  if (s.step === 'approval') return approvalFocus(s.approval);
  const f = issueTextFocus(s);
  return f && { field: f, value: s.fields[f] };
}

/** Issues a voucher for a trade-in or by hand, approved by a manager, and prints its slip. */
export function IssueVoucherScreen({ till, operator, devices, width, height, onBack }: BackroomProps) {
  const { t, money } = useUi();
  const store = useTickState(() => initialIssue(operator));
  const s = store.shown;
  const fail = useCallback((message: Message) => store.set(issueReducer(store.current(), { type: 'message', message }).state), [store]);
  const run = useJob(till.config.dataDir, fail);

  const perform = (effect: IssueEffect) => {
    if (!effect) return;
    if (effect.kind === 'approve') {
      return run(async () => dispatch({ type: 'approved', manager: await managerApproval(till, effect.code, effect.pin, 'voucher.issue') }));
    }
    run(async () => {
      const v = await issueVoucher(till.db, till.config, { ...effect.order, terminal: till.terminal, operatorId: operator.id, approver: store.current().approver! });
      dispatch({ type: 'issued', voucher: v });
      const printed = await devices.print(voucherSlipDoc(till.config, v, { storeName: till.terminal.storeName }), operator.id);
      if (!printed) fail({ key: 'voucher.slip.failed', tone: 'error' });
    });
  };
  const dispatch = (e: IssueEvent) => {
    const r = issueReducer(store.current(), e);
    store.set(r.state);
    perform(r.effect);
  };

  const keys = useFieldKeys(s, store.current, fieldFocus, (input) => {
    if (store.current().step === 'approval') {
      const event = approvalInput(input);
      return event && dispatch({ type: 'approval', event });
    }
    dispatch(input.type === 'submit' ? input : { type: 'edit', field: input.field as IssueText, value: input.value });
  }, (e) => {
    const now = store.current();
    if (e.name === 'escape' || (now.step === 'done' && e.name === 'return')) return onBack();
    dispatch({ type: 'key', key: e });
  });

  useKeys(keys.key);

  const field = (name: IssueField, label: string) =>
    name === 'origin' ? (
      <Text key={name}>
        <Text bold>{label} › </Text>
        <Text inverse={s.focus === 'origin'}>{` ${t(s.origin === 'trade_in' ? 'voucher.origin.trade_in' : 'voucher.origin.manual')} ◂▸ `}</Text>
      </Text>
    ) : (
      <TextField
        key={name}
        label={label}
        value={s.fields[name]}
        focus={!s.busy && issueTextFocus(s) === name}
        maxLength={ISSUE_LENGTH[name]}
        placeholder={name === 'expires' ? t('day.pattern') : undefined}
        holds={keys.holds(name)}
        onChange={(value) => dispatch({ type: 'edit', field: name, value })}
        onSubmit={() => dispatch({ type: 'submit' })}
        onTypeAhead={keys.ahead}
      />
    );

  let body;
  if (s.step === 'approval') {
    body = (
      <Box flexDirection="column">
        <Text color="yellow" bold>{t('voucher.issue.approval')}</Text>
        <ApprovalFields approval={s.approval} active={!s.busy} keys={keys} onEvent={(event) => dispatch({ type: 'approval', event })} />
        <Text> </Text>
        <Text dimColor>{t('voucher.approval.hint')}</Text>
      </Box>
    );
  } else if (s.step === 'done' && s.issued) {
    const v = s.issued;
    body = (
      <Box flexDirection="column">
        <Text color="green" bold>{t('voucher.issue.done', { code: formatVoucherCode(v.code), amount: money(v.initialCents), date: formatDay(v.expiresOn) })}</Text>
        <Text> </Text>
        <Text bold>{`   ${formatVoucherCode(v.code)}   `}</Text>
        {v.customer && <Text>{t('voucher.info.customer', { name: v.customer.name })}</Text>}
        <Text> </Text>
        <Text dimColor>{t('ui.labelValue', { label: `${t('key.enterName')} / ${t('key.escName')}`, value: t('key.back') })}</Text>
      </Box>
    );
  } else {
    body = (
      <Box flexDirection="column">
        {field('origin', t('voucher.issue.origin'))}
        {field('amount', t('voucher.issue.amount'))}
        {field('customer', t('voucher.issue.customer'))}
        {field('note', t('voucher.issue.note'))}
        {field('expires', t('voucher.issue.expires', { months: till.config.vouchers.validityMonths }))}
        <Text> </Text>
        <Text dimColor>{t('voucher.issue.hint')}</Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t('voucher.issue.title')}</Text>
        <Text> </Text>
        {body}
      </Box>
      <MessageLine message={s.busy ? { key: 'voucher.busy', tone: 'info' } : s.message} width={width} />
    </Box>
  );
}

import { isManager } from '../../../app/session';
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { changeOverdraftLimit, payOntoAccount } from '../../../app/accounts/pay';
import { accountStatement } from '../../../app/accounts/statement';
import { createCustomer, editCustomer, giveCard } from '../../../app/customers/manage';
import { customerFile, type CustomerFile } from '../../../app/customers/record';
import { customerVoucherLines } from '../../../app/vouchers/customerVouchers';
import { readSide, type ReadSource } from '../../../app/readDb';
import { Refusal, refuse } from '../../../app/errors';
import { customerById } from '../../../data/customers';
import { findCustomers } from '../../../app/customers/search';
import { customerGroups } from '../../../data/customersWrite';
import type { Statement } from '../../../domain/customer/account';
import { parseEuros } from '../../../domain/money';
import { parseRate } from '../../../domain/vat';
import { hang, table } from '../../columns';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { TextField } from '../../components/TextField';
import { useUi } from '../../context';
import { formValues, focusOn, type FormEvent, type FormState } from '../../customers/form';
import { FormView } from '../../customers/FormView';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import { ReadFrom } from '../ReadFrom';
import type { BackroomProps } from '../registry';
import { useJob } from '../vouchers/useJob';
import { accountPayForm, customerForm } from './customerForm';
import { customersReducer, initialCustomers, textFocus, type CustomersEvent, type Effect } from './customersState';
import { RecordView } from './RecordView';
import { StatementView } from './StatementView';
import { voucherRows, VouchersView, vouchersTitle } from './VouchersView';

/** Rows kept for the title, the search field, the filters, the header, the message and the hint. */
const CHROME_ROWS = 6;

function thisMonth(timeZone: string): { year: number; month: number } {
  const [year, month] = new Date().toLocaleString('sv-SE', { timeZone }).slice(0, 7).split('-').map(Number);
  return { year: year!, month: month! };
}

/** The field a refusal of the customer form is about, to put the cursor there. */
const FIELD_OF: Partial<Record<string, string>> = {
  'customer.nameMissing': 'lastName', 'customer.nameTooLong': 'lastName', 'customer.emailInvalid': 'email', 'customer.phoneInvalid': 'phone',
  'customer.groupUnknown': 'group', 'customer.discountInvalid': 'discount', 'account.limitInvalid': 'limit', 'account.limitBelowDebt': 'limit',
  'customer.codeInvalid': 'card', 'customer.codeTaken': 'card', 'customer.codeRetired': 'card', 'customer.codeIsItem': 'card', 'customer.codeIsScale': 'card',
};

/**
 * Customers in the back room: search by name, phone, e-mail or card, filter by status, group
 * and debt, page through; a record with points, visits, account, vouchers and tickets; edit,
 * give a card, take a payment onto the account, read a month's statement, every voucher and its uses.
 */
export function CustomersScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, money, say: said, lang } = useUi();
  const store = useTickState(() => initialCustomers);
  const s = store.shown;
  const [groups, setGroups] = useState<string[]>([]);
  const [file, setFile] = useState<CustomerFile | null>(null);
  const [statement, setStatement] = useState<Statement | null>(null);
  const tz = till.config.timeZone;
  // A list read on a standby says so under it, on a row of its own.
  const pageSize = Math.max(3, height - CHROME_ROWS - 1 - (till.readDb ? 1 : 0));
  const [source, setSource] = useState<ReadSource | null>(null);
  const manager = isManager(operator);
  // A manager's form holds the manager's decisions (the discount): their saves are approved by them.
  const who = { terminalId: till.terminal.id, operatorId: operator.id, managed: manager, via: 'till' as const };
  const say = useCallback((message: Message | null) => store.set(customersReducer(store.current(), { type: 'message', message }).state), [store]);
  const run = useJob(till.config.dataDir, say);
  /** A payment far above what is owed, refused once: the same amount entered again for the same customer is taken. */
  const toConfirm = useRef<{ id: number; cents: number } | null>(null);

  const open = async (id: number) => {
    setFile(await customerFile(till.db, id));
    dispatch({ type: 'view', view: { kind: 'record', id } });
  };

  const save = async (id: number | null, form: FormState) => {
    const v = formValues(form);
    const discountBp = v.discount!.trim() === '' ? null : (parseRate(v.discount!) ?? refuse('customer.discountInvalid'));
    const limit = parseEuros(v.limit!);
    if (limit === null || limit < 0) refuse('account.limitInvalid');
    const input = { ...v, address: v.address!.split('|'), group: v.group, ...(manager && { discountBp }) };
    const c = id === null
      ? await createCustomer(till.db, { ...input, card: v.card || null }, who)
      : await editCustomer(till.db, id, { ...input, active: !/^n/i.test(v.active!.trim()) }, who);
    if (manager && limit !== c.overdraftLimitCents) await changeOverdraftLimit(till.db, c.id, limit, { ...who, storeId: till.terminal.storeId, channel: 'backoffice' });
    await open(c.id);
    say({ key: id === null ? 'customer.created' : 'customer.saved', params: { name: c.name, code: c.code }, tone: 'ok' });
  };

  const perform = (effect: Effect) => {
    if (!effect) return;
    switch (effect.kind) {
      case 'back':
        return onBack();
      case 'search':
        return run(async () => {
          // The list need not be fresh (a standby's when configured); a customer opened is read on the primary, to be edited.
          const read = await readSide(till);
          const page = await findCustomers(read.db, effect.query.text, effect.query, { after: effect.after, limit: pageSize });
          setSource(read.source);
          dispatch({ type: 'page', seq: effect.seq, query: effect.query, page: effect.page, after: effect.after, rows: page.rows, next: page.next });
        });
      case 'open':
        return run(() => open(effect.id));
      case 'payForm':
        return dispatch({ type: 'view', view: { kind: 'pay', id: effect.id, form: accountPayForm(t) } });
      case 'newForm':
        return dispatch({ type: 'view', view: { kind: 'form', id: null, form: customerForm(null, { t, lang, groups, manager }) } });
      case 'editForm':
        return run(async () => {
          const c = await customerById(till.db, effect.id);
          if (c) dispatch({ type: 'view', view: { kind: 'form', id: c.id, form: customerForm(c, { t, lang, groups, manager }) } });
        });
      case 'save':
        return run(() => save(effect.id, effect.form).catch((e: { key?: string }) => {
          // The cursor goes to the field the refusal is about; the message says why.
          const field = e.key ? FIELD_OF[e.key] : undefined;
          if (field) dispatch({ type: 'view', view: { kind: 'form', id: effect.id, form: focusOn(effect.form, field) } });
          throw e;
        }));
      case 'card':
        return run(async () => {
          const r = await giveCard(till.db, effect.id, effect.code, who);
          await open(effect.id);
          say({ key: 'customer.cardChanged', params: { code: r.customer.code, name: r.customer.name, previous: r.previous }, tone: 'ok' });
        });
      case 'pay':
        return run(async () => {
          const cents = parseEuros(effect.amount);
          if (cents === null || cents <= 0) refuse('account.paymentInvalid');
          const confirmed = toConfirm.current?.id === effect.id && toConfirm.current.cents === cents;
          toConfirm.current = null;
          const check = { limits: till.config.limits, confirmed };
          const balance = await payOntoAccount(till.db, effect.id, cents, effect.method, { storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id, channel: 'store' }, check).catch((e: unknown) => {
            if (e instanceof Refusal && e.key === 'account.overpayment') toConfirm.current = { id: effect.id, cents };
            throw e;
          });
          await open(effect.id);
          say({ key: 'account.paid', money: { amount: cents, balance }, tone: 'ok' });
        });
      case 'statement':
        return run(async () => {
          setStatement(await accountStatement(till.db, effect.id, effect.month, tz));
          dispatch({ type: 'view', view: { kind: 'statement', id: effect.id, month: effect.month } });
        });
    }
  };
  const dispatch = (e: CustomersEvent) => {
    const r = customersReducer(store.current(), e);
    store.set(r.state);
    perform(r.effect);
  };

  useEffect(() => {
    run(async () => {
      const codes = (await customerGroups(till.db)).map((g) => g.code);
      setGroups(codes);
      dispatch({ type: 'start', groups: codes });
    });
  }, []);

  const v = s.view;
  // A use's reference (channel, store, order) is never cut: what does not fit goes under it.
  const voucherLines = useMemo(() => (file ? customerVoucherLines(file.vouchers, lang, tz).flatMap((l) => hang(l.text, width, 6).map((text) => ({ ...l, text }))) : []), [file, lang, tz, width]);
  /** The view's keys; the vouchers' also say which lines of how many a page of `page` shows. */
  const hintOf = (page: number): string => {
    if (v.kind === 'form') return `${t('customerForm.hint')}${manager ? '' : ` · ✗ ${t('customerForm.managerOnly')}`}`;
    if (!file) return t('customers.hint');
    if (v.kind === 'record') return t('record.hint');
    if (v.kind === 'card') return t('reward.hint');
    if (v.kind === 'pay') return t('customerForm.hint');
    if (v.kind === 'vouchers') return t('customerVouchers.hint', { from: Math.min(voucherLines.length, v.top + 1), to: Math.min(voucherLines.length, v.top + page), total: voucherLines.length });
    if (v.kind === 'statement' && statement) return t('statement.hint');
    return t('customers.hint');
  };
  // The hint wraps on a narrow screen: the body gives it the rows it takes, and the message too.
  const bodyHeight = height - 1 - messageRows(s.message ? said(s.message) : '', width) - wrappedRows(hintOf(999), width);
  const voucherPage = voucherRows(bodyHeight, file ? wrappedRows(vouchersTitle({ t, money }, file.customer.name, file.vouchers), width) : 1);
  const scroll = { maxTop: Math.max(0, voucherLines.length - voucherPage), page: voucherPage };

  const submit = () => dispatch({ type: 'submit', groups });
  const keys = useFieldKeys(s, store.current, textFocus, (input) => (input.type === 'submit' ? submit() : dispatch(input)), (e) =>
    dispatch({ type: 'key', key: e, groups, thisMonth: thisMonth(tz), scroll }),
  );
  useKeys(keys.key);
  const edit = (field: string) => (value: string) => dispatch({ type: 'edit', field, value });
  const formEvent = (e: FormEvent) => {
    if (e.type === 'submit') submit();
    else if (e.type === 'edit') dispatch(e);
  };
  const textField = (label: string, field: string, value: string) => (
    <TextField label={label} value={value} maxLength={40} holds={keys.holds(field)} onChange={edit(field)} onSubmit={submit} onTypeAhead={keys.ahead} />
  );

  const hint = hintOf(voucherPage);
  let body;
  if (v.kind === 'form') {
    body = <FormView form={v.form} title={v.id === null ? t('customerForm.new') : t('customerForm.edit', { name: file?.customer.name ?? '' })} width={width} keys={keys} onEvent={formEvent} />;
  } else if (v.kind === 'record' && file) {
    body = <RecordView file={file} timeZone={tz} width={width} height={bodyHeight} />;
  } else if (v.kind === 'card' && file) {
    body = (
      <Box flexDirection="column">
        <RecordView file={file} timeZone={tz} width={width} height={bodyHeight - 2} />
        {textField(t('customerPanel.cardPrompt', { name: file.customer.name }), 'card', v.input)}
      </Box>
    );
  } else if (v.kind === 'pay' && file) {
    body = (
      <Box flexDirection="column">
        <Text bold>{t('accountPay.title', { name: file.customer.name, balance: money(file.customer.accountCents ?? 0) })}</Text>
        <FormView form={v.form} width={width} keys={keys} onEvent={formEvent} />
      </Box>
    );
  } else if (v.kind === 'vouchers' && file) {
    body = <VouchersView name={file.customer.name} vouchers={file.vouchers} lines={voucherLines} top={v.top} width={width} height={bodyHeight} />;
  } else if (v.kind === 'statement' && file && statement) {
    body = <StatementView name={file.customer.name} month={v.month} statement={statement} timeZone={tz} width={width} height={bodyHeight} />;
  } else {
    const status = t(`customers.status.${s.status}`);
    const group = s.group < 0 ? t('customers.allGroups') : t('customers.group', { group: groups[s.group] ?? '' });
    // On a narrow screen the phone gives way; the balance owed stays.
    const row = table([{ width: 12, flex: true }, { width: 15 }, { width: 14, drop: 1 }, { width: 8, right: true }, { width: 13, right: true }], width);
    body = (
      <Box flexDirection="column">
        {textField(t('customers.search'), 'search', s.text)}
        <Text color="cyan">{t('customers.filters', { status, group, owing: t(s.owing ? 'customers.owing' : 'customers.anyBalance'), n: Math.max(1, s.starts.length) })}</Text>
        <Text dimColor>{row([t('customers.col.name'), t('customers.col.code'), t('customers.col.phone'), t('customers.col.points'), t('customers.col.account')])}</Text>
        {s.query && s.rows.length === 0 && <Text dimColor>{t('customers.none')}</Text>}
        {s.rows.map((r, i) => (
          <Text key={r.id} inverse={i === s.index} dimColor={!r.active}>
            {row([r.name, r.code, r.phone ?? '', String(r.points), r.accountCents === null ? '' : money(r.accountCents)])}
          </Text>
        ))}
        {s.query && <ReadFrom source={source} />}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{t('customers.title')}</Text>
      <Box flexDirection="column" height={bodyHeight}>{body}</Box>
      <MessageLine message={s.message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

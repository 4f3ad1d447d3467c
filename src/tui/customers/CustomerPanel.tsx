import { Box, Text } from 'ink';
import { customerForSale, attachedMessage } from '../../app/customers/attach';
import { createCustomer, giveCard } from '../../app/customers/manage';
import { findCustomers } from '../../app/customers/search';
import { normalizeCode } from '../../domain/customer/input';
import { clip, fit, right } from '../columns';
import { Wrapped, wrappedRows } from '../components/Wrapped';
import { TextField, useScanGuard } from '../components/TextField';
import { useUi } from '../context';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTickState } from '../hooks/useTickState';
import type { KeyEvent } from '../keys';
import type { Message } from '../state/saleState';
import { formValues } from './form';
import { FormView } from './FormView';
import { initialPanel, newCustomerForm, panelEvent, panelReducer, panelTextFocus, rows, selectedRow, type PanelEvent, type PanelIntent } from './customerPanelState';

const PAGE = 50;
// Keys of the panel itself, said on its hint line.
const CARD_KEY = 'f2';
const DETACH_KEY = 'f4';

/** F7 on the sale screen: find the customer and put them on the ticket, make a new one, give a card. */
export function CustomerPanel({ sale, width, height }: { sale: SaleController; width: number; height: number }) {
  const { t, money, lang } = useUi();
  const store = useTickState(() => initialPanel);
  const state = store.shown;
  const dispatch = (e: PanelEvent) => store.set(panelReducer(store.current(), e));
  const attached = sale.current().basket.customer;

  const attach = (code: string) =>
    sale.run(async (till) => {
      const customer = await customerForSale(till.db, code, lang);
      sale.applyActions([{ type: 'customer', customer }], { ...attachedMessage(customer), tone: 'ok' });
    });

  const search = (text: string) =>
    sale.run(async (till) => {
      const page = await findCustomers(till.db, text, {}, { limit: PAGE });
      // A card scanned or typed whole: that customer goes on the ticket at once.
      const code = normalizeCode(text);
      const only = page.rows.length === 1 && code !== null && page.rows[0]!.code === code ? page.rows[0] : null;
      if (only) return attach(only.code);
      dispatch({ type: 'results', text, results: page.rows });
    });

  const act = (intent: PanelIntent) => {
    if (!intent) return;
    switch (intent.kind) {
      case 'close':
        return sale.back();
      case 'search':
        return search(intent.text);
      case 'pick':
        if (intent.row.kind === 'customer') return attach(intent.row.customer.code);
        return dispatch({ type: 'mode', mode: { kind: 'form', form: newCustomerForm(intent.row, { lastName: t('customerForm.lastName'), firstName: t('customerForm.firstName'), phone: t('customerForm.phone'), email: t('customerForm.email'), card: t('customerForm.card') }) } });
      case 'saveForm':
        return sale.run(async (till, operator) => {
          const v = formValues(intent.form);
          const c = await createCustomer(till.db, { ...v, card: v.card || null }, { terminalId: till.terminal.id, operatorId: operator.id, via: 'till' });
          const customer = await customerForSale(till.db, c.code, lang);
          sale.applyActions([{ type: 'customer', customer }], { key: 'customer.created', params: { name: c.name, code: c.code }, tone: 'ok' });
        });
      case 'giveCard':
        return sale.run(async (till, operator) => {
          const { customer, previous } = await giveCard(till.db, intent.customerId, intent.code, { terminalId: till.terminal.id, operatorId: operator.id, via: 'till' });
          // A code the till made is not a card: the first real card is given, not a replacement.
          const message: Message = /^C\d{7}$/.test(previous)
            ? { key: 'customer.cardGiven', params: { code: customer.code, name: customer.name }, tone: 'ok' }
            : { key: 'customer.cardChanged', params: { code: customer.code, name: customer.name, previous }, tone: 'ok' };
          if (sale.current().basket.customer?.id === customer.id) {
            return sale.applyActions([{ type: 'customer', customer: await customerForSale(till.db, customer.code, lang) }], message);
          }
          dispatch({ type: 'mode', mode: { kind: 'search' } });
          dispatch({ type: 'results', text: customer.code, results: (await findCustomers(till.db, customer.code, {}, { limit: PAGE })).rows });
          sale.message(message);
        });
    }
  };

  /** A key, a field's text or its Enter. */
  const handle = (e: Exclude<PanelEvent, { type: 'results' | 'mode' }>) => {
    const r = panelEvent(store.current(), e);
    store.set(r.state);
    act(r.intent);
  };
  const onKey = (e: KeyEvent) => {
    const s = store.current();
    if (s.mode.kind === 'search' && e.name === CARD_KEY) {
      const row = selectedRow(s);
      const who = row?.kind === 'customer' ? { id: row.customer.id, name: row.customer.name } : attached ? { id: attached.id, name: attached.name } : null;
      if (who) dispatch({ type: 'mode', mode: { kind: 'card', customerId: who.id, name: who.name, input: '' } });
      return;
    }
    if (s.mode.kind === 'search' && e.name === DETACH_KEY) {
      if (attached) sale.applyActions([{ type: 'customer', customer: null }], { key: 'customer.detached', tone: 'info' });
      return;
    }
    handle({ type: 'key', key: e });
  };
  const keys = useFieldKeys(state, store.current, panelTextFocus, handle, onKey);

  // A card scanned is taken whole (not typed into the field it was scanned over).
  const scans = useScanGuard();
  const onScan = (code: string, source: 'wedge' | 'device') => {
    const s = store.current();
    const took = () => {
      if (source === 'wedge') scans.took(code);
      return true;
    };
    if (s.mode.kind === 'card') {
      act({ kind: 'giveCard', customerId: s.mode.customerId, code });
      return took();
    }
    if (s.mode.kind === 'search') {
      store.set({ ...s, query: code });
      search(code);
      return took();
    }
    return false;
  };
  const field = (label: string, name: 'search' | 'card', value: string) => (
    <TextField label={label} value={value} maxLength={40} scans={scans} onChange={(v) => handle({ type: 'edit', field: name, value: v })} onSubmit={() => handle({ type: 'submit' })} holds={keys.holds(name)} onTypeAhead={keys.ahead} />
  );

  useKeys(keys.key, true, onScan);

  const mode = state.mode;
  const list = rows(state);
  const title = t('customerPanel.title');
  const current = attached ? t('customerPanel.current', { name: attached.name, code: attached.code }) : '';
  const header = current && title.length + 2 + current.length > width ? [title, current] : [title];
  const hint = mode.kind === 'form' ? t('customerForm.hint') : t('customerPanel.hint', { card: 'F2', detach: 'F4' });
  const listHeight = Math.max(1, height - header.length - 1 - wrappedRows(hint, width));
  const first = Math.max(0, Math.min(state.index - listHeight + 1, list.length - listHeight));
  let body;
  if (mode.kind === 'form') {
    body = <FormView form={mode.form} title={t('customerForm.new')} width={width} keys={keys} onEvent={handle} />;
  } else if (mode.kind === 'card') {
    body = field(t('customerPanel.cardPrompt', { name: mode.name }), 'card', mode.input);
  } else {
    body = (
      <Box flexDirection="column">
        {field(t('customerPanel.search'), 'search', state.query)}
        {state.searched === null && <Text dimColor>{t('customerPanel.none')}</Text>}
        {state.searched !== null && state.results.length === 0 && <Text color="yellow">{t('customerPanel.noMatch', { text: state.searched })}</Text>}
        {list.slice(first, first + listHeight).map((row, i) => (
          <Text key={row.kind === 'customer' ? row.customer.id : 'add'} inverse={first + i === state.index} wrap="truncate-end">
            {row.kind === 'add'
              ? row.firstName
                ? t('customerPanel.addNamed', { last: row.lastName, first: row.firstName })
                : t('customerPanel.add', { last: row.lastName })
              : `${fit(row.customer.name, width - 42)}${fit(row.customer.code, 15)}${fit(row.customer.phone ?? '', 13)}${row.customer.accountCents === null ? '' : right(money(row.customer.accountCents), 14)}`}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {header.length === 1 ? (
        <Box justifyContent="space-between" width={width}>
          <Text bold>{title}</Text>
          {current && <Text color="cyan">{current}</Text>}
        </Box>
      ) : (
        <>
          <Text bold>{title}</Text>
          <Text color="cyan">{clip(current, width)}</Text>
        </>
      )}
      <Box flexDirection="column" flexGrow={1}>{body}</Box>
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

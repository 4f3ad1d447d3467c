import { Box, Text } from 'ink';
import { useState, type ReactElement } from 'react';
import type { Command } from '../../config/schema';
import { basketTotals } from '../../domain/basket';
import { parseLabel } from '../../domain/itemKeys';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import type { MessageKey } from '../../i18n/messages';
import { BACKROOM_SCREENS } from '../backroom/screens';
import { BasketView } from '../components/BasketView';
import { customerCommand } from '../customers/commands';
import { CustomerLine, useCustomerLines } from '../customers/CustomerLine';
import { CustomerPanel } from '../customers/CustomerPanel';
import { HistoryPanel } from '../customers/HistoryPanel';
import { RewardPanel } from '../customers/RewardPanel';
import { ReturnPanel } from '../returns/ReturnPanel';
import { Field } from '../components/Field';
import { TextField, useScanGuard } from '../components/TextField';
import { fit, right } from '../columns';
import { Legend, LEGEND_ROWS } from '../components/Legend';
import { MessageLine, messageRows } from '../components/MessageLine';
import { useUi } from '../context';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';
import { useTextField } from '../hooks/useTextField';
import { commandFor, keysOf } from '../keymap';
import { KeyGrid } from '../itemKeys/KeyGrid';
import { useKeyPages } from '../itemKeys/useKeyPages';
import type { KeyEvent } from '../keys';
import { FIELD_LENGTH, layerFocus, type LayerField, type PromptPurpose } from '../state/saleState';

export const SALE_COMMANDS: readonly Command[] = [
  'help', 'search', 'quantity', 'voidLine', 'priceOverride', 'lineDiscount', 'cancelSale', 'reprint', 'tender', 'customer', 'history', 'reward', 'noSale', 'backroom', 'giftCardBalance', 'itemKeys', 'returnTicket', 'logout', 'quit',
];

/** The footer's keys, those a cashier uses most first: what finds no room there is in the help. */
const LEGEND: readonly Command[] = [
  'help', 'tender', 'search', 'itemKeys', 'quantity', 'voidLine', 'customer', 'backroom', 'cancelSale', 'lineDiscount', 'priceOverride', 'reprint', 'reward', 'history', 'returnTicket', 'giftCardBalance', 'logout', 'quit',
];

const PROMPT_LABELS: Record<PromptPurpose, MessageKey> = {
  qty: 'prompt.qty',
  price: 'prompt.price',
  discount: 'prompt.discount',
  search: 'search.prompt',
  giftCardBalance: 'giftCard.prompt.balance',
};

/** Panels features open over the basket (layer `panel`), by name. */
const PANELS: Record<string, (p: { sale: SaleController; width: number; height: number }) => ReactElement> = {
  customer: CustomerPanel,
  history: HistoryPanel,
  reward: RewardPanel,
  returnTicket: ReturnPanel,
};

/** The sale screen's keys, with those of back-office screens it opens directly (issue a voucher…). */
export function saleCommands(): readonly Command[] {
  return [...SALE_COMMANDS, ...BACKROOM_SCREENS.flatMap((s) => (s.command ? [s.command] : []))];
}

interface Props {
  sale: SaleController;
  active: boolean;
  width: number;
  height: number;
  onCommand(c: 'help' | 'logout' | 'quit' | 'backroom', screen?: string): void;
  /** The item keys: open or not, on which page (kept by the session across tickets). */
  grid?: GridState;
  onGrid?(g: GridState): void;
}

export interface GridState {
  open: boolean;
  index: number;
}

export function SaleScreen({ sale, active, width, height, onCommand, grid: kept, onGrid }: Props) {
  const { t, money, say, keymap, lang } = useUi();
  const { state } = sale;
  const layer = state.layer;
  // The entry line keeps its own editor (useTextField): a scanner's burst goes through the wedge
  // filter before anything is typed (see TextField.test). The forms over it are TextFields.
  const entry = useTextField('', 40);
  const scans = useScanGuard();
  const commands = saleCommands();
  // The item keys, in place of the basket while open: the page key opens them, and turns the pages.
  const [own, setOwn] = useState<GridState>({ open: false, index: 0 });
  const grid = kept ?? own;
  const setGrid = onGrid ?? setOwn;
  const pages = useKeyPages(sale, grid.open);
  const pageIndex = pages && pages.length > 0 ? Math.min(grid.index, pages.length - 1) : 0;
  /**
   * A key's character typed with the grid open and nothing on the entry line: its item is sold
   * (F3 then changes the line's quantity). A scanner's code comes in one chunk: it is a code.
   */
  const onGridKey = (e: KeyEvent): boolean => {
    if (!grid.open || e.ctrl || e.name !== 'char' || entry.current() !== '' || [...e.text].length !== 1) return false;
    const label = parseLabel(e.text);
    const page = pages?.[pageIndex];
    if (label === null || !page) return false;
    const key = page.keys.find((k) => k.label === label);
    if (!key) sale.message({ key: 'keys.sale.noKey', params: { label, page: page.name }, tone: 'error' });
    else sale.submitEntry(key.sku);
    return true;
  };
  const onEntryKey = (e: KeyEvent) => {
    if (onGridKey(e)) return;
    if (grid.open && e.name === 'escape' && entry.current() === '') return setGrid({ ...grid, open: false });
    const c = commandFor(keymap, e, commands);
    // A command, or a move of the selection, acts on the ticket as the codes before it leave it.
    if (c !== null || e.name === 'up' || e.name === 'down' || e.name === 'pageup' || e.name === 'pagedown') return sale.afterEntries(() => command(c, e));
    if (e.name === 'escape') {
      entry.set('');
      return sale.message(null);
    }
    const submitted = entry.apply(e);
    if (submitted !== undefined) sale.submitEntry(submitted);
  };
  const command = (c: Command | null, e: KeyEvent) => {
    const direct = c && BACKROOM_SCREENS.find((s) => s.command === c);
    if (direct) return onCommand('backroom', direct.id);
    switch (c) {
      case 'help':
      case 'logout':
      case 'quit':
      case 'backroom':
        return onCommand(c);
      case 'search':
        return sale.openPrompt('search');
      case 'quantity':
        return sale.openPrompt('qty');
      case 'giftCardBalance':
        return sale.openPrompt('giftCardBalance');
      case 'voidLine':
        return sale.voidLine();
      case 'priceOverride':
        return sale.requestApproval('priceOverride');
      case 'lineDiscount':
        return sale.requestApproval('lineDiscount');
      case 'cancelSale':
        return sale.askCancel();
      case 'reprint':
        return sale.reprint();
      case 'tender':
        return sale.openTender();
      case 'noSale':
        return sale.noSale();
      case 'itemKeys':
        return setGrid(grid.open ? { open: true, index: pages && pages.length > 0 ? (pageIndex + 1) % pages.length : 0 } : { open: true, index: grid.index });
      case 'returnTicket':
        // Picked while the basket can change: not once a payment is being taken.
        return sale.openPanel('returnTicket');
      case 'customer':
      case 'history':
      case 'reward':
        return customerCommand(sale, c);
      case null:
        break;
    }
    if (e.name === 'up' || e.name === 'down') return sale.select(e.name === 'up' ? -1 : 1);
    if (e.name === 'pageup' || e.name === 'pagedown') return sale.select(e.name === 'pageup' ? -10 : 10);
  };

  /**
   * A scan is an entry: on the entry line (a quantity typed before it, "3*", applies to it),
   * over a search list or the search prompt (the cashier moved on). Over a form it is not
   * taken: a wedge scan then types into the form as a keyboard would; a serial or HID scan is
   * refused with a message.
   */
  const onScan = (code: string, source: 'wedge' | 'device') => {
    const layer = sale.current().layer;
    // A panel takes its scans itself (a customer's card…).
    if (layer.kind === 'panel') return true;
    if (layer.kind === 'entry' || layer.kind === 'choices' || (layer.kind === 'prompt' && layer.purpose === 'search')) {
      if (layer.kind !== 'entry') sale.back();
      const typed = entry.current();
      const qty = /^\s*-?\d+\s*\*\s*$/.test(typed) ? typed.trim() : '';
      if (qty) entry.set('');
      if (qty) sale.submitEntry(qty + code);
      else sale.submitScan(code);
      return true;
    }
    // A gift card's code asked for (selling one, its balance): the scan answers it.
    if ((layer.kind === 'giftCard' && layer.valueCents !== null) || (layer.kind === 'prompt' && layer.purpose === 'giftCardBalance')) {
      sale.layerEdit('input', code);
      sale.layerSubmit();
      return true;
    }
    if (source === 'device') sale.message({ key: 'scan.notNow', tone: 'error' });
    return false;
  };

  /** The keys no form's text field takes. */
  const onKey = (e: KeyEvent) => {
    if (e.ctrl && e.text === 'c') return onCommand('quit');
    const layer = sale.current().layer;
    switch (layer.kind) {
      case 'entry':
        return onEntryKey(e);
      case 'prompt':
      case 'approval':
      case 'giftCard':
        if (e.name === 'escape') return sale.back();
        return;
      case 'choices':
        if (e.name === 'escape') return sale.back();
        if (e.name === 'up' || e.name === 'down') return sale.choose(e.name === 'up' ? -1 : 1);
        if (e.name === 'pageup' || e.name === 'pagedown') return sale.choose(e.name === 'pageup' ? -10 : 10);
        if (e.name === 'return') return sale.takeChoice();
        return;
      case 'confirmCancel':
        if (e.name === 'return') return sale.confirmCancel();
        if (e.name === 'escape') return sale.back();
        return;
      case 'panel':
        return; // the panel has the keys
    }
  };
  // A form's text field (a prompt, a gift card's value or code, a manager's code and PIN) has the keys while it is open.
  const keys = useFieldKeys(
    state.layer,
    () => sale.current().layer,
    (l) => (active ? layerFocus(l) : null),
    (input) => (input.type === 'submit' ? sale.layerSubmit() : sale.layerEdit(input.field as LayerField, input.value)),
    onKey,
  );
  useKeys(keys.key, active, (code, source) => {
    const taken = onScan(code, source);
    // The wedge scan reached the form's field too: it leaves it out.
    if (taken && source === 'wedge') scans.took(code);
    return taken;
  });
  const field = (name: LayerField, label: string, value: string, o: { focus?: boolean; mask?: boolean; id?: string } = {}) => (
    <TextField
      key={o.id ?? name}
      label={label}
      value={value}
      focus={active && (o.focus ?? true)}
      mask={o.mask}
      maxLength={FIELD_LENGTH[name]}
      scans={scans}
      holds={keys.holds(name)}
      onChange={(v) => sale.layerEdit(name, v)}
      onSubmit={sale.layerSubmit}
      onTypeAhead={keys.ahead}
    />
  );

  const totals = basketTotals(state.basket);
  const customer = state.basket.customer;
  const customerLines = useCustomerLines(customer, width);
  // Messages wrap rather than being cut: the basket gives up the rows they take.
  const messageHeight = messageRows(state.message ? say(state.message) : '', width);
  const afterHeight = state.afterSale.reduce((n, m) => n + messageRows(say(m), width), 0);
  const bodyHeight = Math.max(3, height - customerLines.length - 1 - afterHeight - messageHeight - 1 - LEGEND_ROWS);
  const Panel = layer.kind === 'panel' ? PANELS[layer.panel] : undefined;
  if (Panel) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Panel sale={sale} width={width} height={height - messageHeight} />
        <MessageLine message={state.message} width={width} />
      </Box>
    );
  }
  const refund = totals.totalCents < 0;

  let input;
  switch (layer.kind) {
    case 'prompt': {
      const label = t(PROMPT_LABELS[layer.purpose]);
      input = field('input', label, layer.input, { id: `prompt.${layer.purpose}` });
      break;
    }
    case 'giftCard': {
      const label = layer.valueCents !== null
        ? t('giftCard.prompt.code', { amount: money(layer.valueCents) })
        : layer.code ? t('giftCard.prompt.valueOf', { code: formatGiftCardCode(layer.code) }) : t('giftCard.prompt.value');
      input = field('input', label, layer.input, { id: `giftCard.${layer.valueCents === null ? 'value' : 'code'}` });
      break;
    }
    case 'approval':
      input = (
        <Box>
          <Text color="yellow" bold>{t('approval.title', { what: t(layer.purpose === 'priceOverride' ? 'approval.priceOverride' : layer.purpose === 'noSale' ? 'approval.noSale' : layer.purpose === 'return' ? 'approval.return' : 'approval.lineDiscount') })} </Text>
          {field('code', t('approval.code'), layer.code, { focus: layer.focus === 'code' })}
          <Text>  </Text>
          {field('pin', t('approval.pin'), layer.pin, { focus: layer.focus === 'pin', mask: true })}
        </Box>
      );
      break;
    case 'confirmCancel':
      input = <Text color="yellow" bold>{t('sale.confirmCancel')}</Text>;
      break;
    default:
      input = <Field label={state.pendingQty !== null ? `${state.pendingQty} ×` : t('sale.entry')} value={entry.value} cursor={entry.cursor} active={layer.kind === 'entry'} />;
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      {layer.kind === 'choices' ? (
        <Box flexDirection="column" height={bodyHeight}>
          <Text bold>{t('search.title', { text: layer.text })}</Text>
          {layer.items.slice(Math.max(0, layer.index - bodyHeight + 3), Math.max(0, layer.index - bodyHeight + 3) + bodyHeight - 2).map((item) => (
            <Text key={item.id} inverse={item.id === layer.items[layer.index]?.id}>
              {`${fit(item.name, width - 24)}${fit(item.sku, 12)}${right(money(item.priceCents), 12)}`}
            </Text>
          ))}
          <Text dimColor wrap="truncate-end">{t('search.hint')}</Text>
        </Box>
      ) : (
        <>
          {customer && <CustomerLine lines={customerLines} reward={Boolean(customer.facts?.rewards[0])} />}
          {grid.open && pages ? (
            <KeyGrid pages={pages} index={pageIndex} pageKey={keysOf(keymap, 'itemKeys', lang)} width={width} height={bodyHeight} />
          ) : (
          <BasketView lines={state.basket.lines} adjustments={state.basket.adjustments} notes={state.basket.notes} selectedId={state.selectedId} height={bodyHeight} width={width} />
          )}
        </>
      )}
      <Box justifyContent="space-between" width={width}>
        <Text>{t('sale.items', { n: totals.itemCount })}</Text>
        <Text bold color={refund ? 'magenta' : 'green'}>{`${t(refund ? 'sale.toRefund' : 'sale.total')}  ${money(Math.abs(totals.totalCents))}`}</Text>
      </Box>
      {state.afterSale.map((m, i) => (
        <MessageLine key={i} message={m} width={width} />
      ))}
      <MessageLine message={state.message} width={width} />
      {input}
      <Legend commands={LEGEND} width={width} />
    </Box>
  );
}

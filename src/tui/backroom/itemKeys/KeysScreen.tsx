import { Box, Text } from 'ink';
import type { Knex } from 'knex';
import { useCallback, useEffect } from 'react';
import { addPage, moveKey, removeKey, removePage, setKey } from '../../../app/itemKeys/edit';
import { scopeKeyPages, type KeyScope } from '../../../app/itemKeys/pages';
import { ruleChange } from '../../../app/ruleChange';
import { changeBy } from '../changeBy';
import { table } from '../../columns';
import { Field } from '../../components/Field';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';
import { fieldsOf, initialKeys, keysReducer, type KeysEvent, type KeysOrder } from './keysState';

const COLUMNS = [
  { width: 4 },
  { width: 10 },
  { width: 24, flex: true },
  { width: 10, right: true },
] as const;


/**
 * The back office's item keys: the pages of the store or of this till alone, their keys (the
 * character, the item, its price), and their editing. Each change is told at once to every
 * till of the store (the `keys` event): their grids show the page as it is now.
 */
export function KeysScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, money, say } = useUi();
  const store = useTickState(() => initialKeys);
  const s = store.shown;
  const scopeOf = (tillOnly: boolean): KeyScope => ({ storeId: till.terminal.storeId, terminalId: tillOnly ? till.terminal.id : null });

  const load = useCallback((tillOnly: boolean) => {
    scopeKeyPages(till.db, scopeOf(tillOnly)).then((pages) => apply({ type: 'pages', pages }), (e: unknown) => apply({ type: 'failed', message: failureMessage(e, till.config.dataDir) }));
  }, [till]);
  useEffect(() => load(false), [load]);

  // A manager's screen: each edit is audited with it (`pos keys apply` writes item_keys_apply),
  // approved by the operator signed in.
  const by = changeBy({ till, operator }, true);
  const run = async (o: KeysOrder): Promise<{ message: Message; page?: string }> => {
    const scope = scopeOf(o.tillOnly);
    const v = o.values;
    const where = { store_id: scope.storeId, terminal_id: scope.terminalId };
    const audit = <T extends object>(action: string, work: (trx: Knex.Transaction) => Promise<T>) => ruleChange(till.db, by, { action, work, details: (r) => ({ ...where, ...r }) });
    switch (o.action) {
      case 'set': {
        const r = await audit('item_key_set', async (trx) => ({ ...(await setKey(trx, scope, { page: o.page, label: v.label, code: v.item, caption: v.caption })), item: v.item.trim() }));
        return { message: { key: 'keys.screen.set', params: r, tone: 'ok' } };
      }
      case 'remove': {
        const r = await audit('item_key_remove', (trx) => removeKey(trx, scope, { page: o.page, label: v.label }));
        return { message: { key: 'keys.screen.removed', params: r, tone: 'ok' } };
      }
      case 'move': {
        const r = await audit('item_key_move', (trx) => moveKey(trx, scope, { page: o.page, from: v.label, to: v.to }));
        return { message: { key: 'keys.screen.moved', params: r, tone: 'ok' } };
      }
      case 'addPage': {
        const r = await audit('item_keys_page_add', (trx) => addPage(trx, scope, v.name));
        return { message: { key: 'keys.screen.pageAdded', params: { name: r.name }, tone: 'ok' }, page: r.name };
      }
      case 'removePage': {
        const r = await audit('item_keys_page_remove', (trx) => removePage(trx, scope, o.page));
        return { message: { key: 'keys.screen.pageRemoved', params: r, tone: 'ok' } };
      }
    }
  };

  const apply = (e: KeysEvent) => {
    const r = keysReducer(store.current(), e);
    store.set(r.state);
    if (r.effect?.kind === 'back') onBack();
    if (r.effect?.kind === 'load') load(r.effect.tillOnly);
    if (r.effect?.kind === 'save') {
      const order = r.effect.order;
      run(order).then(
        (done) => scopeKeyPages(till.db, scopeOf(order.tillOnly)).then((pages) => {
          apply({ type: 'pages', pages });
          apply({ type: 'done', ...done });
        }),
        (err: unknown) => apply({ type: 'failed', message: failureMessage(err, till.config.dataDir) }),
      );
    }
  };
  useKeys((key) => apply({ type: 'key', key }));

  const page = s.pages[s.index];
  const f = s.form;
  const hint = t('keys.screen.hint');
  const message: Message | null = s.busy ? { key: 'stock.screen.busy', tone: 'info' } : s.message;
  const formRows = f ? Math.max(1, fieldsOf(f.action).length) : 0;
  const chrome = 4 + formRows + messageRows(message ? say(message) : '', width) + wrappedRows(hint, width);
  const rows = Math.max(1, height - chrome);
  const row = table(COLUMNS, width);
  const scope = s.tillOnly ? t('keys.screen.till', { code: till.terminal.code }) : t('keys.screen.store');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{t('keys.screen.title', { scope })}</Text>
      <Text wrap="truncate-end">{page ? t('keys.screen.page', { n: s.index + 1, total: s.pages.length, name: page.name }) : t('keys.screen.noPage')}</Text>
      <Text dimColor>{row([t('keys.screen.col.key'), t('stock.col.sku'), t('stock.col.item'), t('sale.col.price')])}</Text>
      <Box flexDirection="column" height={rows}>
        {(page?.keys ?? []).slice(0, rows).map((k) => (
          <Text key={k.label}>{row([k.label, k.sku, k.caption ? `${k.caption} (${k.name})` : k.name, money(k.priceCents)])}</Text>
        ))}
      </Box>
      {f && f.action === 'removePage' && page && <Text bold color="yellow">{t('keys.screen.confirmRemovePage', { page: page.name })}</Text>}
      {f && fieldsOf(f.action).map((name) => (
        <Field key={name} label={t(`keys.screen.field.${name}`)} value={f.fields[name].value} cursor={f.fields[name].cursor} active={f.focus === name} />
      ))}
      <Text> </Text>
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

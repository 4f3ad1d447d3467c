import { Box, Text } from 'ink';
import { useCallback, useEffect } from 'react';
import { ruleChange } from '../../../app/ruleChange';
import { addStore, addTerminal, editStore, editTerminal, retireTill } from '../../../app/storeAdmin';
import { listStores, listTerminals } from '../../../data/stores';
import { formatSiret } from '../../../domain/storeSettings';
import { table } from '../../columns';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { TextField } from '../../components/TextField';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import { changeBy } from '../changeBy';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';
import { FIELD_LENGTH, FIELDS, initialPlaces, placesFocus, placesReducer, shownStore, type PlacesEvent, type PlacesOrder } from './placesState';

const COLUMNS = [{ width: 8 }, { width: 18, flex: true }, { width: 6 }, { width: 20 }, { width: 8, right: true, drop: 1 }] as const;

/**
 * Stores and tills in the back room, for admins: this till's store (name, address, SIRET, time
 * zone, receipt header and footer; F2), the tills (a new one F3, the selected one retired F4).
 * Each change is the CLI's (src/app/storeAdmin.ts), with its audit row.
 */
export function PlacesScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, say } = useUi();
  const store = useTickState(() => initialPlaces(till.terminal.storeCode));
  const s = store.shown;

  const reload = useCallback(() => {
    Promise.all([listStores(till.db), listTerminals(till.db, { retired: true })]).then(
      ([stores, tills]) => apply({ type: 'loaded', stores, tills }),
      (e: unknown) => apply({ type: 'failed', message: failureMessage(e, till.config.dataDir) }),
    );
  }, [till]);
  useEffect(reload, [reload]);

  const save = async (o: PlacesOrder): Promise<Message> => {
    const by = changeBy({ till, operator }, true);
    switch (o.kind) {
      case 'store':
        await ruleChange(till.db, by, editStore(o.code, { name: o.name, address: o.address, siret: o.siret, timeZone: o.timeZone, header: o.header, footer: o.footer }));
        return { key: 'store.cli.edited', params: { code: o.code }, tone: 'ok' };
      case 'newStore': {
        const x = await ruleChange(till.db, by, addStore(o.code, { name: o.name, address: o.address, siret: o.siret, timeZone: o.timeZone, header: o.header, footer: o.footer }));
        return { key: 'store.cli.added', params: { code: x.code }, tone: 'ok' };
      }
      case 'till': {
        const x = await ruleChange(till.db, by, addTerminal(o.code, { name: o.name, store: o.store }));
        return { key: 'terminal.cli.added', params: { code: x.code, store: x.storeCode }, tone: 'ok' };
      }
      case 'editTill':
        await ruleChange(till.db, by, editTerminal(o.code, { name: o.name, devices: o.devices }));
        return { key: 'terminal.cli.edited', params: { code: o.code }, tone: 'ok' };
      case 'retire': {
        const x = await ruleChange(till.db, by, retireTill(o.code));
        return { key: 'terminal.cli.retired', params: { code: x.code, tickets: x.tickets }, tone: 'ok' };
      }
    }
  };

  const apply = (e: PlacesEvent) => {
    const r = placesReducer(store.current(), e);
    store.set(r.state);
    if (r.effect?.kind === 'back') onBack();
    if (r.effect?.kind === 'save') {
      save(r.effect.order).then(
        (message) => {
          apply({ type: 'done', message });
          reload();
        },
        (err: unknown) => apply({ type: 'failed', message: failureMessage(err, till.config.dataDir) }),
      );
    }
  };

  const st = shownStore(s);
  const storeLines = st
    ? [...st.address, ...(st.siret ? [`SIRET ${formatSiret(st.siret)}`] : []), `${t('store.cli.timeZone')} ${st.timeZone ?? t('store.cli.timeZoneConfig', { zone: till.config.timeZone })}`]
    : [];
  const f = s.form;
  const hint = f ? t('places.formHint') : t('places.hint');
  const message: Message | null = s.busy ? { key: 'stock.screen.busy', tone: 'info' } : s.message;
  const formRows = f ? FIELDS[f.kind].length + 1 : 0;
  const chrome = 4 + storeLines.length + formRows + messageRows(message ? say(message) : '', width) + wrappedRows(hint, width);
  const page = Math.max(1, height - chrome);
  const keys = useFieldKeys(s, store.current, placesFocus, (input) => apply(input.type === 'submit' ? { type: 'submit' } : input), (key) => apply({ type: 'key', key, page }));
  useKeys(keys.key);

  const row = table(COLUMNS, width);
  const first = Math.max(0, s.index - page + 1);
  const state = (retiredAt: Date | null) => (retiredAt ? t('terminal.cli.retiredOn', { at: retiredAt.toISOString().slice(0, 10) }) : t('terminal.cli.active'));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{st ? `${t('places.title')} · ${st.code} ${st.name}` : t('places.title')}</Text>
      {storeLines.map((l, i) => (
        <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
      ))}
      <Text dimColor>{row([t('places.col.till'), t('places.col.name'), t('places.col.store'), t('places.col.state'), t('places.col.tickets')])}</Text>
      <Box flexDirection="column" height={page}>
        {s.tills.slice(first, first + page).map((x, i) => (
          <Text key={x.code} inverse={first + i === s.index && !f} dimColor={x.retiredAt !== null}>
            {row([x.code, x.name, x.storeCode, state(x.retiredAt), String(x.tickets)])}
          </Text>
        ))}
      </Box>
      <Text> </Text>
      {f && <Text bold color="yellow">{f.kind === 'retire' ? t('places.retireTitle', { code: f.code }) : f.kind === 'store' ? t('places.storeTitle', { code: f.code }) : f.kind === 'editTill' ? t('places.editTillTitle', { code: f.code }) : t(f.kind === 'newStore' ? 'places.newStoreTitle' : 'places.tillTitle')}</Text>}
      {f &&
        FIELDS[f.kind].map((name) => (
          <TextField
            key={name}
            label={t(`places.field.${name}`).padEnd(14)}
            value={(f.fields as Record<string, string>)[name]!}
            focus={!s.busy && f.focus === name}
            maxLength={FIELD_LENGTH}
            holds={keys.holds(name)}
            onChange={(value) => apply({ type: 'edit', field: name, value })}
            onSubmit={() => apply({ type: 'submit' })}
            onTypeAhead={keys.ahead}
          />
        ))}
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

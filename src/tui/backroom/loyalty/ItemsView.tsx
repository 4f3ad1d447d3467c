import { Box, Text } from 'ink';
import { table } from '../../columns';
import { TextField } from '../../components/TextField';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import type { FieldKeys } from '../../hooks/useFieldKeys';
import type { ItemList } from './loyaltyState';

type Say = ReturnType<typeof useUi>['t'];

/** What the list holds, said above it. */
export const itemsTitle = (t: Say, list: ItemList) => (list.query === null ? t('loyaltyBo.earning', { n: list.total }) : t('loyaltyBo.found', { n: list.total, text: list.query }));

/** The rows the items' list shows in `height`, below the search, its title and its header. */
export const itemRows = (t: Say, list: ItemList, width: number, height: number) => Math.max(1, height - 2 - wrappedRows(itemsTitle(t, list), width));

/** The search (name, SKU, barcode), then the items found, or those that earn points, with their points. */
export function ItemsView({ search, list, index, width, height, active, keys, onEdit, onSubmit }: {
  search: string; list: ItemList; index: number; width: number; height: number; active: boolean; keys: FieldKeys; onEdit(value: string): void; onSubmit(): void;
}) {
  const { t } = useUi();
  const rows = itemRows(t, list, width, height);
  // On a narrow screen the barcode gives way; the name and the points stay.
  const row = table([{ width: 10 }, { width: 26, flex: true }, { width: 15, drop: 1 }, { width: 8, right: true }], width);
  const first = Math.max(0, index - rows + 1);
  return (
    <Box flexDirection="column">
      <TextField label={t('loyaltyBo.search')} value={search} focus={active} maxLength={40} holds={keys.holds('search')} onChange={onEdit} onSubmit={onSubmit} onTypeAhead={keys.ahead} />
      <Wrapped text={itemsTitle(t, list)} width={width} color="cyan" />
      <Text dimColor>{row([t('loyaltyBo.col.sku'), t('loyaltyBo.col.item'), t('loyaltyBo.col.barcode'), t('loyaltyBo.col.points')])}</Text>
      {list.rows.slice(first, first + rows).map((r, i) => (
        <Text key={r.id} inverse={first + i === index}>
          {row([r.sku, r.name, r.barcode ?? '', String(r.points)])}
        </Text>
      ))}
    </Box>
  );
}

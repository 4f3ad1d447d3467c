import { Box, Text } from 'ink';
import type { Command } from '../../config/schema';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { commandFor, displayKey } from '../keymap';
import { saleCommands } from './SaleScreen';
import { tenderCommands } from './TenderScreen';

/** Every command and its keys, as configured, screen by screen. */
export function HelpScreen({ onClose, width, height }: { onClose(): void; width: number; height: number }) {
  const { t, keymap } = useUi();
  useKeys((e) => {
    if (e.name === 'escape' || e.name === 'return' || commandFor(keymap, e, ['help'])) onClose();
  });
  const col = Math.floor((width - 4) / 2); // inside the border and the padding
  const cell = (c: [string, string] | undefined) => (c ? `${c[0].padEnd(14)} ${c[1]}`.slice(0, col - 1).padEnd(col) : '');
  // The keys that are not commands (↑↓, Esc, Enter) share the table's cells, so it fits 80×24.
  const table = (commands: readonly Command[], extra: [string, string][]) => {
    const cells = [...commands.map((c): [string, string] => [keymap[c].map(displayKey).join(', '), t(`cmd.${c}`)]), ...extra];
    const half = Math.ceil(cells.length / 2);
    return Array.from({ length: half }, (_, i) => <Text key={i}>{cell(cells[i])}{cell(cells[i + half])}</Text>);
  };
  const tender = tenderCommands().filter((c) => c !== 'help');
  return (
    <Box flexDirection="column" height={height} width={width} borderStyle="single" paddingX={1}>
      <Text bold>{t('help.title')}</Text>
      <Text bold>{t('help.sale')}</Text>
      {table(saleCommands(), [['↑ ↓', t('key.updown')], [t('key.escName'), t('key.back')]])}
      <Text bold>{t('help.tender')}</Text>
      {table(tender, [[t('key.enterName'), t('tender.cash')]])}
      <Text wrap="wrap">{t('help.entry')}</Text>
      <Text dimColor>{t('help.close', { key: displayKey(keymap.help[0]!) })}</Text>
    </Box>
  );
}

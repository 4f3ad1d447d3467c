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
  const cell = (c: Command | undefined) => (c ? `${keymap[c].map(displayKey).join(', ').padEnd(14)} ${t(`cmd.${c}`)}`.slice(0, col - 1).padEnd(col) : '');
  const table = (commands: readonly Command[]) => {
    const half = Math.ceil(commands.length / 2);
    return Array.from({ length: half }, (_, i) => <Text key={i}>{cell(commands[i])}{cell(commands[i + half])}</Text>);
  };
  const tender = tenderCommands().filter((c) => c !== 'help');
  return (
    <Box flexDirection="column" height={height} width={width} borderStyle="single" paddingX={1}>
      <Text bold>{t('help.title')}</Text>
      <Text bold>{t('help.sale')}</Text>
      {table(saleCommands())}
      <Text>{`${'↑ ↓'.padEnd(14)} ${t('key.updown')}`}</Text>
      <Text>{`${t('key.escName').padEnd(14)} ${t('key.back')}`}</Text>
      <Text bold>{t('help.tender')}</Text>
      {table(tender)}
      <Text>{`${t('key.enterName').padEnd(14)} ${t('tender.cash')}`}</Text>
      <Text wrap="wrap">{t('help.entry')}</Text>
      <Text dimColor>{t('help.close', { key: displayKey(keymap.help[0]!) })}</Text>
    </Box>
  );
}

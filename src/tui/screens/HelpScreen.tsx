import { Box, Text } from 'ink';
import { COMMANDS } from '../../config/schema';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { commandFor, displayKey } from '../keymap';

/** Every command and its keys, as configured. */
export function HelpScreen({ onClose, width, height }: { onClose(): void; width: number; height: number }) {
  const { t, keymap } = useUi();
  useKeys((e) => {
    if (e.name === 'escape' || e.name === 'return' || commandFor(keymap, e, ['help'])) onClose();
  });
  const half = Math.ceil(COMMANDS.length / 2);
  const col = Math.floor((width - 2) / 2);
  const cell = (i: number) => {
    const c = COMMANDS[i];
    if (!c) return ''.padEnd(col);
    const keys = keymap[c].map(displayKey).join(', ');
    return `${keys.padEnd(14)} ${t(`cmd.${c}`)}`.slice(0, col - 1).padEnd(col);
  };
  return (
    <Box flexDirection="column" height={height} width={width} borderStyle="single" paddingX={1}>
      <Text bold>{t('help.title')}</Text>
      {Array.from({ length: half }, (_, i) => (
        <Text key={i}>{cell(i)}{cell(i + half)}</Text>
      ))}
      <Text>{`${'↑ ↓'.padEnd(14)} ${t('key.updown')}`}</Text>
      <Text>{`${'Esc'.padEnd(14)} ${t('key.back')}`}</Text>
      <Text> </Text>
      <Text wrap="wrap">{t('help.entry')}</Text>
      <Text dimColor>{t('help.close', { key: displayKey(keymap.help[0]!) })}</Text>
    </Box>
  );
}

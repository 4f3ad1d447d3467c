import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Command } from '../../config/schema';
import { useUi } from '../context';
import { keysOf } from '../keymap';

/** The function keys the current screen offers, as many as fit in two lines. */
export const Legend = memo(function Legend({ commands, width, extra = [] }: { commands: readonly Command[]; width: number; extra?: [string, string][] }) {
  const { t, keymap } = useUi();
  const items: [string, string][] = [...commands.map((c) => [keysOf(keymap, c), t(`cmd.${c}`)] as [string, string]), ...extra];
  const rows: [string, string][][] = [[]];
  let used = 0;
  for (const item of items) {
    const w = item[0].length + item[1].length + 2;
    if (used + w > width && rows[rows.length - 1]!.length > 0) {
      if (rows.length === 2) break;
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1]!.push(item);
    used += w;
  }
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Box key={i}>
          {row.map(([k, label]) => (
            <Text key={k + label}>
              <Text inverse>{k}</Text>
              <Text>{label} </Text>
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
});

import { memo } from 'react';
import { Box, Text } from 'ink';
import type { Command } from '../../config/schema';
import { useUi } from '../context';
import { keysOf } from '../keymap';

/** The rows the legend always takes, so a screen can lay out what is above it. */
export const LEGEND_ROWS = 2;

/**
 * Items in the order they matter, on LEGEND_ROWS rows of `width`: each goes on the first row
 * with room for it, so a short key further down the list fills a gap a long one left. What
 * finds no room is in the help (F1).
 */
export function packLegend(items: readonly (readonly [string, string])[], width: number, rows = LEGEND_ROWS): (readonly [string, string])[][] {
  const packed: (readonly [string, string])[][] = Array.from({ length: rows }, () => []);
  const used = Array.from({ length: rows }, () => 0);
  for (const item of items) {
    const w = item[0].length + 1 + item[1].length;
    const row = used.findIndex((u) => (u === 0 ? w : u + 1 + w) <= width);
    if (row < 0) continue;
    used[row] = used[row] === 0 ? w : used[row]! + 1 + w;
    packed[row]!.push(item);
  }
  return packed;
}

/** The keys the current screen offers, the most used first: "F12 Encaisser". */
export const Legend = memo(function Legend({ commands, width, extra = [] }: { commands: readonly Command[]; width: number; extra?: [string, string][] }) {
  const { t, lang, keymap } = useUi();
  const items = [...commands.map((c) => [keysOf(keymap, c, lang), t(`cmd.${c}`)] as const), ...extra];
  return (
    <Box flexDirection="column" height={LEGEND_ROWS} flexShrink={0}>
      {packLegend(items, width).map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row.map(([k, label], j) => (
            <Text key={k + label}>
              {j > 0 ? ' ' : ''}
              <Text inverse>{k}</Text> {label}
            </Text>
          ))}
          {row.length === 0 ? ' ' : ''}
        </Text>
      ))}
    </Box>
  );
});

import { memo } from 'react';
import { Box, Text } from 'ink';
import { wrap } from '../columns';

/** The rows a text takes at `width` (one at least: an empty text keeps its line). */
export function wrappedRows(text: string, width: number): number {
  return text ? wrap(text, width).length : 1;
}

/** A hint or a message on as many lines as it takes at `width`: never cut. */
export const Wrapped = memo(function Wrapped({ text, width, color, bold, dimColor }: { text: string; width: number; color?: string; bold?: boolean; dimColor?: boolean }) {
  if (!text) return <Text> </Text>;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {wrap(text, width).map((line, i) => (
        <Text key={i} color={color} bold={bold} dimColor={dimColor}>
          {line}
        </Text>
      ))}
    </Box>
  );
});

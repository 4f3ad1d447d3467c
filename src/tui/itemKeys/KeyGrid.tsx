import { Box, Text } from 'ink';
import { memo } from 'react';
import type { TillLive } from '../../app/events/tillLive';
import type { KeyPageRow, KeyRow } from '../../app/itemKeys/pages';
import { gridLayout, KEY_ROWS } from '../../domain/itemKeys';
import { clip, wrap } from '../columns';
import { useUi } from '../context';
import { useLive } from '../hooks/useLive';
import { bigFigure } from './bigFigure';

interface Props {
  pages: readonly KeyPageRow[];
  index: number;
  /** The key that opens the grid and turns its pages, as printed ("Ctrl+K"). */
  pageKey: string;
  width: number;
  height: number;
}

/** What is left of a key's item when it is at or under its threshold (null: not low). */
function lowOf(live: TillLive | null, k: KeyRow): number | null {
  return live && k.stocked ? live.lowLeft(k.itemId) : null;
}

/**
 * One page of item keys in place of the basket: each key its character, its short name and its
 * price; a key whose item is at or under its threshold all in red, the quantity left in big
 * figures instead of the price, drawn again as other tills sell it.
 */
export const KeyGrid = memo(function KeyGrid({ pages, index, pageKey, width, height }: Props) {
  const { t, money } = useUi();
  const page = pages[index];
  // Drawn again when a figure of this page, a price, or the pages change.
  const { live } = useLive((l) => (page ? page.keys.map((k) => `${lowOf(l, k)}:${l.itemChange(k.itemId)?.priceCents ?? ''}`).join('|') : ''), '');
  if (!page) return <Box height={height}><Text dimColor wrap="wrap">{t('keys.grid.none', { key: pageKey })}</Text></Box>;
  const { columns, rows, keyWidth } = gridLayout(width, height);
  const shown = page.keys.slice(0, columns * rows);
  const hidden = page.keys.length - shown.length;
  const title = `${t('keys.grid.title', { page: page.name, n: index + 1, total: pages.length })}${hidden > 0 ? ` · ${t('keys.grid.hidden', { n: hidden })}` : ''}`;
  const hint = t('keys.grid.hint', { key: pageKey });
  const lines: KeyRow[][] = [];
  for (let i = 0; i < shown.length; i += columns) lines.push(shown.slice(i, i + columns));
  return (
    <Box flexDirection="column" height={height}>
      {/* The hint where there is room for it beside the title (the legend has the page key too). */}
      <Text bold>{clip(title, width)}{title.length + 2 + hint.length <= width && <Text dimColor bold={false}>{`  ${hint}`}</Text>}</Text>
      {lines.map((row, r) => (
        <Box key={r} flexDirection="row" height={KEY_ROWS} flexShrink={0}>
          {row.map((k) => (
            <Box key={k.label} width={keyWidth} height={KEY_ROWS} marginRight={1} flexDirection="column" flexShrink={0}>
              <Key k={k} low={lowOf(live, k)} price={money(live?.itemChange(k.itemId)?.priceCents ?? k.priceCents)} width={keyWidth} />
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
});

function Key({ k, low, price, width }: { k: KeyRow; low: number | null; price: string; width: number }) {
  const name = k.caption ?? k.name;
  if (low !== null) {
    const figure = bigFigure(low);
    const fits = figure[0]!.length <= width;
    return (
      <>
        <Text color="red" bold wrap="truncate-end"><Text inverse>{k.label}</Text>{` ${clip(name, width - 2)}`}</Text>
        {fits
          ? figure.map((row, i) => <Text key={i} color="red" bold>{row.padStart(Math.floor((width + row.length) / 2))}</Text>)
          : <Text color="red" bold>{clip(String(low), width)}</Text>}
      </>
    );
  }
  const [first = '', second = ''] = wrap(name, width - 2);
  const rest = wrap(name, width - 2).length > 2 ? clip(wrap(name, width - 2).slice(1).join(' '), width - 2) : second;
  return (
    <>
      <Text wrap="truncate-end"><Text inverse bold>{k.label}</Text>{` ${first}`}</Text>
      <Text wrap="truncate-end">{`  ${rest}`}</Text>
      <Text> </Text>
      <Text> </Text>
      <Text bold>{price.padStart(width)}</Text>
    </>
  );
}

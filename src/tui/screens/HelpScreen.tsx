import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Command } from '../../config/schema';
import { clip, wrap } from '../columns';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { commandFor, displayKey } from '../keymap';
import { saleCommands } from './SaleScreen';
import { tenderCommands } from './TenderScreen';

type Cell = readonly [keys: string, label: string];
/** A row of the help: a section's title, a row of its table, or a line of text. */
type Row = { kind: 'title' | 'text'; text: string } | { kind: 'cells'; text: string };

const GAP = 2;

/**
 * Cells in as many columns as `width` holds, filled down then across (as `ls` does); each
 * column as wide as its own widest key and label, so a long one elsewhere costs no room here.
 */
export function cellTable(cells: readonly Cell[], width: number): string[] {
  for (let n = Math.min(4, cells.length); n >= 1; n--) {
    const rows = Math.ceil(cells.length / n);
    const columns = Array.from({ length: n }, (_, j) => cells.slice(j * rows, (j + 1) * rows)).filter((c) => c.length > 0);
    const keyWidths = columns.map((c) => Math.max(...c.map(([k]) => k.length)));
    const widths = columns.map((c, j) => keyWidths[j]! + 1 + Math.max(...c.map(([, l]) => l.length)));
    const total = widths.reduce((a, w) => a + w, 0) + GAP * (columns.length - 1);
    if (total > width && n > 1) continue;
    return Array.from({ length: rows }, (_, i) => {
      const line = columns.map((c, j) => (c[i] ? `${c[i]![0].padEnd(keyWidths[j]!)} ${c[i]![1]}`.padEnd(widths[j]! + GAP) : ' '.repeat(widths[j]! + GAP))).join('').trimEnd();
      return clip(line, width);
    });
  }
  return [];
}

/** Every command and its keys, as configured and named in the screen's language, screen by screen. */
export function HelpScreen({ onClose, width, height }: { onClose(): void; width: number; height: number }) {
  const { t, lang, keymap } = useUi();
  const [page, setPage] = useState(0);
  const key = (name: string) => displayKey(name, lang);
  // A frame when there is room for it; on a small screen the keys matter more.
  const framed = width >= 70 && height >= 22;
  const inner = framed ? width - 4 : width;
  const room = framed ? height - 2 : height;

  const cells = (commands: readonly Command[], extra: Cell[]): Cell[] => [...commands.map((c): Cell => [keymap[c].map(key).join(', '), t(`cmd.${c}`)]), ...extra];
  const table = (title: string, list: Cell[]): Row[] => [{ kind: 'title', text: title }, ...cellTable(list, inner).map((text): Row => ({ kind: 'cells', text }))];
  const body: Row[] = [
    ...table(t('help.sale'), cells(saleCommands(), [['↑ ↓', t('key.updown')], [`${key('pageup')}/${key('pagedown')}`, t('key.pages')], [key('escape'), t('key.back')]])),
    ...table(t('help.tender'), cells(tenderCommands().filter((c) => c !== 'help'), [[key('return'), t('tender.cash')], [key('escape'), t('key.back')]])),
    ...wrap(t('help.entry'), inner).map((text): Row => ({ kind: 'text', text })),
  ];
  // Pages only when the screen is too short for all of it: every key is always on one of them.
  const close = t('help.close', { key: key(keymap.help[0]!) });
  const heading = (page: number, pages: number) => wrap(pages > 1 ? `${t('help.title')} · ${t('help.pages', { page: page + 1, pages, keys: `${key('pageup')}/${key('pagedown')}` })} · ${close}` : `${t('help.title')} · ${close}`, inner);
  let pages = 1;
  let perPage = Math.max(1, room - heading(0, 1).length);
  if (body.length > perPage) {
    perPage = Math.max(1, room - heading(0, 2).length);
    pages = Math.ceil(body.length / perPage);
  }
  const current = Math.min(page, pages - 1);

  useKeys((e) => {
    if (e.name === 'escape' || e.name === 'return' || commandFor(keymap, e, ['help'])) return onClose();
    if (e.name === 'pagedown') setPage(Math.min(pages - 1, current + 1));
    if (e.name === 'pageup') setPage(Math.max(0, current - 1));
  });

  return (
    <Box flexDirection="column" height={height} width={width} borderStyle={framed ? 'single' : undefined} paddingX={framed ? 1 : 0}>
      {heading(current, pages).map((line, i) => (
        <Text key={`h${i}`} bold>{line}</Text>
      ))}
      {body.slice(current * perPage, (current + 1) * perPage).map((r, i) => (
        <Text key={i} bold={r.kind === 'title'}>{r.text}</Text>
      ))}
    </Box>
  );
}

import { isManager } from '../../app/session';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Legend, LEGEND_ROWS } from '../components/Legend';
import { Wrapped, wrappedRows } from '../components/Wrapped';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { commandFor } from '../keymap';
import type { BackroomProps } from './registry';
import { menuIndex, menuKey } from './menuKeys';
import { BACKROOM_SCREENS } from './screens';

/**
 * The back-office menu: its screens, ↑↓ and Enter to open one, Esc back to the till. `initial`:
 * a screen opened directly from the till by its key; leaving it goes back to the till.
 */
export function BackRoom({ onBack, initial, ...props }: BackroomProps & { initial?: string }) {
  const { t, keymap } = useUi();
  const screens = BACKROOM_SCREENS.filter((s) => (!s.managerOnly || isManager(props.operator)) && (!s.adminOnly || props.operator.role === 'admin'));
  const [index, setIndex] = useState(0);
  const [open, setOpen] = useState<string | null>(initial ?? null);

  useKeys((e) => {
    if (e.name === 'escape' || commandFor(keymap, e, ['backroom'])) return onBack();
    if (e.name === 'up' || e.name === 'down') return setIndex((i) => Math.min(screens.length - 1, Math.max(0, i + (e.name === 'up' ? -1 : 1))));
    if (e.name === 'return' && screens[index]) return setOpen(screens[index]!.id);
    const chosen = screens[menuIndex(e.text)];
    if (chosen) setOpen(chosen.id);
  }, open === null);

  const screen = screens.find((s) => s.id === open);
  if (screen) return screen.render({ ...props, onBack: () => (initial ? onBack() : setOpen(null)) });
  // The entries get what the title, the hint and the legend leave; the chosen one stays in view,
  // and those scrolled away keep their keys.
  const hint = t('backroom.hint');
  const rows = Math.max(1, props.height - 2 - wrappedRows(hint, props.width) - LEGEND_ROWS);
  const first = Math.max(0, Math.min(index - rows + 1, screens.length - rows));
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t('backroom.title')}</Text>
        <Text> </Text>
        {screens.length === 0 && <Text dimColor>{t('backroom.empty')}</Text>}
        {screens.slice(first, first + rows).map((s, i) => (
          <Text key={s.id} inverse={first + i === index} wrap="truncate-end">{` ${menuKey(first + i)}. ${t(s.title)} `}</Text>
        ))}
      </Box>
      <Wrapped text={hint} width={props.width} dimColor />
      <Legend commands={['backroom']} width={props.width} />
    </Box>
  );
}

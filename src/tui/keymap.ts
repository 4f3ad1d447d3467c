import type { Command, Config } from '../config/schema';
import { keyLabel, type KeyEvent } from './keys';

export type Keymap = Config['keys'];

/** The command a key triggers among those the current screen offers. */
export function commandFor(keymap: Keymap, event: KeyEvent, offered: readonly Command[]): Command | null {
  const label = keyLabel(event);
  if (!label) return null;
  return offered.find((c) => keymap[c].includes(label)) ?? null;
}

/** "F12", "Ctrl+T": how a key is printed on the legend and in the help. */
export function displayKey(name: string): string {
  return name
    .split('+')
    .map((p) => (p === 'ctrl' ? 'Ctrl' : /^f\d+$/.test(p) ? p.toUpperCase() : p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join('+');
}

export function keysOf(keymap: Keymap, command: Command): string {
  return displayKey(keymap[command][0]!);
}

import type { Command, Config } from '../config/schema';
import type { Lang } from '../domain/money';
import { isMessageKey, t } from '../i18n/messages';
import { keyLabel, type KeyEvent } from './keys';

export type Keymap = Config['keys'];

/** The command a key triggers among those the current screen offers. */
export function commandFor(keymap: Keymap, event: KeyEvent, offered: readonly Command[]): Command | null {
  const label = keyLabel(event);
  if (!label) return null;
  return offered.find((c) => keymap[c].includes(label)) ?? null;
}

/** A key's name as printed on the keyboard of the screen's language: "Suppr", "PgSuiv", "Échap". */
function partName(part: string, lang: Lang): string {
  if (part === 'ctrl') return 'Ctrl';
  if (part === 'return') return t(lang, 'key.enterName');
  if (part === 'escape') return t(lang, 'key.escName');
  if (/^f\d+$/.test(part) || part.length === 1) return part.toUpperCase();
  const key = `key.name.${part}`;
  return isMessageKey(key) ? t(lang, key) : part[0]!.toUpperCase() + part.slice(1);
}

/** "F12", "Ctrl+T", "Suppr": how a key of the keymap is printed on the legend and in the help. */
export function displayKey(name: string, lang: Lang): string {
  return name
    .split('+')
    .map((p) => partName(p, lang))
    .join('+');
}

/** The first key of a command, as printed. */
export function keysOf(keymap: Keymap, command: Command, lang: Lang): string {
  return displayKey(keymap[command][0]!, lang);
}

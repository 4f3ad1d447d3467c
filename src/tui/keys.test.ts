import { describe, expect, it } from 'vitest';
import { decodeKeys, keyLabel } from './keys';
import { commandFor, displayKey } from './keymap';
import { loadConfig } from '../config/load';

describe('key decoding', () => {
  it('splits a scanner burst into the code and Enter, whatever the terminator', () => {
    expect(decodeKeys('3760000000017\r')).toEqual([{ name: 'char', ctrl: false, text: '3760000000017' }, { name: 'return', ctrl: false, text: '' }]);
    expect(decodeKeys('123\r\n456\n').map((k) => k.name)).toEqual(['char', 'return', 'char', 'return']);
    expect(decodeKeys('123\r\n456\n')[2]!.text).toBe('456');
  });

  it('names function keys in xterm, VT220 and Linux console forms', () => {
    for (const [seq, name] of [['\x1bOP', 'f1'], ['\x1b[11~', 'f1'], ['\x1b[[A', 'f1'], ['\x1b[15~', 'f5'], ['\x1b[24~', 'f12'], ['\x1b[3~', 'delete'], ['\x1b[A', 'up'], ['\x1b', 'escape']] as const) {
      expect(decodeKeys(seq)).toEqual([{ name, ctrl: false, text: '' }]);
    }
    expect(decodeKeys('\x1b[1;5A')).toEqual([{ name: 'up', ctrl: true, text: '' }]);
    expect(decodeKeys('\x1b[24;5~')).toEqual([{ name: 'f12', ctrl: true, text: '' }]);
  });

  it('reads Ctrl+letters, backspace and tab', () => {
    expect(decodeKeys('\x11')).toEqual([{ name: 'char', ctrl: true, text: 'q' }]);
    expect(decodeKeys('ab\x7f').map((k) => k.name)).toEqual(['char', 'backspace']);
    expect(decodeKeys('\t')[0]!.name).toBe('tab');
    expect(keyLabel(decodeKeys('\x14')[0]!)).toBe('ctrl+t');
    expect(keyLabel(decodeKeys('a')[0]!)).toBeNull();
  });

  it('maps keys to the commands the screen offers, from the configured keymap', () => {
    const keymap = loadConfig({ root: new URL('../..', import.meta.url).pathname, env: {} }).keys;
    expect(commandFor(keymap, decodeKeys('\x1b[24~')[0]!, ['tender', 'help'])).toBe('tender');
    expect(commandFor(keymap, decodeKeys('\x14')[0]!, ['tender'])).toBe('tender');
    // F2 is "search" on the sale screen and "cash" on the tender screen.
    expect(commandFor(keymap, decodeKeys('\x1bOQ')[0]!, ['search'])).toBe('search');
    expect(commandFor(keymap, decodeKeys('\x1bOQ')[0]!, ['cash', 'card'])).toBe('cash');
    expect(commandFor(keymap, decodeKeys('x')[0]!, ['tender'])).toBeNull();
    expect(displayKey('ctrl+q', 'fr')).toBe('Ctrl+Q');
    expect(displayKey('f12', 'fr')).toBe('F12');
  });

  it('names keys as the keyboard of the screen’s language prints them', () => {
    expect(['delete', 'pageup', 'pagedown', 'return', 'escape', 'insert', 'ctrl+home'].map((k) => displayKey(k, 'fr'))).toEqual(['Suppr', 'PgPréc', 'PgSuiv', 'Entrée', 'Échap', 'Inser', 'Ctrl+Début']);
    expect(['delete', 'pageup', 'pagedown', 'return', 'escape', 'insert', 'ctrl+home'].map((k) => displayKey(k, 'en'))).toEqual(['Del', 'PgUp', 'PgDn', 'Enter', 'Esc', 'Ins', 'Ctrl+Home']);
  });
});

// Turns what Ink reads from the terminal into key events. Ink's own useInput hides function
// keys (F1…F12 arrive as empty input), and a keyboard-wedge scanner sends its code and the
// final CR in one chunk; both are handled here.

export type KeyName =
  | 'char' | 'return' | 'escape' | 'backspace' | 'delete' | 'insert' | 'tab'
  | 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end'
  | 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

export interface KeyEvent {
  name: KeyName;
  ctrl: boolean;
  /** The characters typed, for `char` events (a whole scanned code arrives as one). */
  text: string;
}

const SEQUENCES: Record<string, KeyName> = {
  // xterm / VT220
  '\x1bOP': 'f1', '\x1bOQ': 'f2', '\x1bOR': 'f3', '\x1bOS': 'f4',
  '\x1b[11~': 'f1', '\x1b[12~': 'f2', '\x1b[13~': 'f3', '\x1b[14~': 'f4',
  '\x1b[15~': 'f5', '\x1b[17~': 'f6', '\x1b[18~': 'f7', '\x1b[19~': 'f8',
  '\x1b[20~': 'f9', '\x1b[21~': 'f10', '\x1b[23~': 'f11', '\x1b[24~': 'f12',
  // Linux console
  '\x1b[[A': 'f1', '\x1b[[B': 'f2', '\x1b[[C': 'f3', '\x1b[[D': 'f4', '\x1b[[E': 'f5',
  '\x1b[A': 'up', '\x1b[B': 'down', '\x1b[C': 'right', '\x1b[D': 'left',
  '\x1bOA': 'up', '\x1bOB': 'down', '\x1bOC': 'right', '\x1bOD': 'left',
  '\x1b[H': 'home', '\x1b[F': 'end', '\x1bOH': 'home', '\x1bOF': 'end',
  '\x1b[1~': 'home', '\x1b[4~': 'end', '\x1b[7~': 'home', '\x1b[8~': 'end',
  '\x1b[2~': 'insert', '\x1b[3~': 'delete', '\x1b[5~': 'pageup', '\x1b[6~': 'pagedown',
  '\x1b': 'escape', '\x1b\x1b': 'escape',
};

const key = (name: KeyName, ctrl = false, text = ''): KeyEvent => ({ name, ctrl, text });

/** Decodes one input event as Ink delivers it (an escape sequence, or a run of plain text). */
export function decodeKeys(data: string): KeyEvent[] {
  if (data.startsWith('\x1b')) {
    const known = SEQUENCES[data];
    if (known) return [key(known)];
    // Modified keys: ESC [ 1 ; 5 A (ctrl+up), ESC [ 15 ; 5 ~ (ctrl+F5)…
    const mod = /^\x1b\[(\d+)?;(\d+)([A-Z~])$/.exec(data);
    if (mod) {
      const base = SEQUENCES[mod[3] === '~' ? `\x1b[${mod[1]}~` : mod[1] === '1' && 'PQRS'.includes(mod[3]!) ? `\x1bO${mod[3]}` : `\x1b[${mod[3]}`];
      if (base) return [key(base, ((Number(mod[2]) - 1) & 4) !== 0)];
    }
    return [];
  }
  const out: KeyEvent[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(key('char', false, text));
    text = '';
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\r' || ch === '\n') {
      flush();
      if (ch === '\r' && data[i + 1] === '\n') i++;
      out.push(key('return'));
    } else if (ch === '\x7f' || ch === '\b') {
      flush();
      out.push(key('backspace'));
    } else if (ch === '\t') {
      flush();
      out.push(key('tab'));
    } else if (code >= 1 && code <= 26) {
      flush();
      out.push(key('char', true, String.fromCharCode(code + 96)));
    } else if (code >= 32) {
      text += ch;
    }
  }
  flush();
  return out;
}

/** The keymap's name for an event: "f12", "ctrl+t", "delete"… (plain characters have none). */
export function keyLabel(e: KeyEvent): string | null {
  if (e.name === 'char') return e.ctrl ? `ctrl+${e.text}` : null;
  return e.ctrl ? `ctrl+${e.name}` : e.name;
}

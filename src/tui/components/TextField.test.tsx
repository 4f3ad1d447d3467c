import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import TextInput from 'ink-text-input';
import { useLayoutEffect, useState, type MutableRefObject } from 'react';
import { describe, expect, it } from 'vitest';
import { ScanContextValue } from '../devicesContext';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useKeys } from '../hooks/useKeys';
import { useTickState } from '../hooks/useTickState';
import { useTextField } from '../hooks/useTextField';
import { settled } from '../../testing/tui';
import { TextField, useScanGuard } from './TextField';

/** Sends each piece as its own chunk, each once the screen has drawn what the one before changed, as a person types. */
async function typeEach(ui: { stdin: { write(s: string): void }; frames: string[] }, ...pieces: string[]) {
  for (const p of pieces) {
    ui.stdin.write(p);
    await settled(ui.frames);
  }
}

type Ui = { stdin: { write(s: string): void } };

/**
 * For a screen: `early(chunk)` draws it again and sends the chunk in the same commit, before the
 * effects of that frame have run, as a terminal's chunk meets a loaded machine.
 */
function useEarly(ui: MutableRefObject<Ui | null>, early?: MutableRefObject<(chunk: string) => void>) {
  const [chunk, setChunk] = useState<{ text: string } | null>(null);
  if (early) early.current = (text) => setChunk({ text });
  useLayoutEffect(() => {
    if (chunk) ui.current?.stdin.write(chunk.text);
  }, [chunk, ui]);
}

function Probe({ log, maxLength, mask, ui = { current: null }, early }: { log: string[]; maxLength?: number; mask?: boolean; ui?: MutableRefObject<Ui | null>; early?: MutableRefObject<(chunk: string) => void> }) {
  const [value, setValue] = useState('');
  useEarly(ui, early);
  return (
    <Box flexDirection="column">
      <TextField
        label="Code"
        value={value}
        maxLength={maxLength}
        mask={mask}
        onChange={(v) => {
          log.push(`change ${v}`);
          setValue(v);
        }}
        onSubmit={() => log.push('submit')}
        onTypeAhead={(text) => log.push(`ahead ${JSON.stringify(text)}`)}
      />
      <Text>{`[${value}]`}</Text>
    </Box>
  );
}

describe('ink-text-input, as it is', () => {
  it('puts the CR of a chunk (a wedge scan: code and CR at once) into the value and calls onChange, not onSubmit: the split can be made in onChange', async () => {
    const log: string[] = [];
    function Bare() {
      const [value, setValue] = useState('');
      return <TextInput value={value} onChange={(v) => (log.push(`change ${JSON.stringify(v)}`), setValue(v))} onSubmit={(v) => log.push(`submit ${JSON.stringify(v)}`)} />;
    }
    const ui = render(<Bare />);
    await typeEach(ui, '3760000000017\r');
    expect(log).toEqual(['change "3760000000017\\r"']);
    ui.unmount();
  });

  it('loses characters that reach it before React redraws: each change is made from the value last drawn (why the entry line keeps its own editor)', async () => {
    const seen: string[] = [];
    function Bare() {
      const [value, setValue] = useState('');
      return <TextInput value={value} onChange={(v) => (seen.push(v), setValue(v))} />;
    }
    const bare = render(<Bare />);
    await settled(bare.frames);
    // A scanner sending its code one character per chunk, the chunks read back to back.
    const drawn = bare.frames.length;
    for (const ch of '3760000000017') bare.stdin.write(ch);
    await settled(bare.frames, drawn);
    expect(seen.at(-1)).not.toBe('3760000000017');
    expect(seen.at(-1)).toBe('7');
    bare.unmount();

    // The entry line's editor (useKeys + useTextField) keeps its state in a ref: every character counts.
    const submitted: string[] = [];
    function Entry() {
      const field = useTextField('', 40);
      useKeys((e) => {
        const s = field.apply(e);
        if (s !== undefined) submitted.push(s);
      });
      return <Text>{field.value}</Text>;
    }
    const entry = render(<Entry />);
    await settled(entry.frames);
    const drawn2 = entry.frames.length;
    for (const ch of '3760000000017\r') entry.stdin.write(ch);
    await settled(entry.frames, drawn2);
    expect(submitted).toEqual(['3760000000017']);
    entry.unmount();
  });
});

describe('TextField (ink-text-input for the till)', () => {
  it('takes typed text, and Enter alone submits it', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} />);
    await typeEach(ui, 'A', 'B', '\r');
    expect(log).toEqual(['change A', 'change AB', 'submit']);
    expect(ui.lastFrame()).toContain('[AB]');
    ui.unmount();
  });

  it('splits a scanner’s code and its CR sent in one chunk: the code is the value, then Enter (CRLF and LF too)', async () => {
    for (const end of ['\r', '\r\n', '\n']) {
      const log: string[] = [];
      const ui = render(<Probe log={log} />);
      await typeEach(ui, `FID-000001${end}`);
      expect(log).toEqual(['change FID-000001', 'submit']);
      expect(ui.lastFrame()).toContain('[FID-000001]');
      ui.unmount();
    }
  });

  it('gives what was typed ahead after the first Enter of a chunk (code and PIN in one burst) to the next field', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} />);
    await typeEach(ui, '1\r1234\r');
    expect(log).toEqual(['change 1', 'submit', 'ahead "1234\\r"']);
    ui.unmount();
  });

  it('types no letter for Ctrl+letter, Alt+letter or Delete (keys of the screen), and goes on typing at the end', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} />);
    await typeEach(ui, 'ab', '\x14', '\x1bx', '\x1b[3~', 'c');
    expect(log).toEqual(['change ab', 'change abc']);
    expect(ui.lastFrame()).toContain('[abc]');
    await typeEach(ui, '\x7f');
    expect(ui.lastFrame()).toContain('[ab]');
    ui.unmount();
  });

  it('keeps to its maximum length, and a Tab inside a chunk is no text', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} maxLength={4} />);
    await typeEach(ui, 'ab\tcdef', 'g');
    expect(ui.lastFrame()).toContain('[abcd]');
    expect(log).toEqual(['change abcd']);
    ui.unmount();
  });

  it('keeps every character of a scanner typing faster than the screen draws (what ink-text-input alone loses)', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} />);
    await settled(ui.frames);
    const drawn = ui.frames.length;
    for (const ch of '3760000000017') ui.stdin.write(ch);
    await settled(ui.frames, drawn);
    expect(ui.lastFrame()).toContain('[3760000000017]');
    // The cursor is at the end: what is typed next goes there.
    await typeEach(ui, '9', '\x7f', '\r');
    expect(ui.lastFrame()).toContain('[3760000000017]');
    expect(log.at(-1)).toBe('submit');
    ui.unmount();
  });

  it('keeps a key typed as the field appears, before ink-text-input has subscribed, and the field left does not take it', async () => {
    const log: string[] = [];
    function Two() {
      const [focus, setFocus] = useState<'a' | 'b'>('a');
      const [a, setA] = useState('');
      const [b, setB] = useState('');
      const field = (name: 'a' | 'b', value: string, set: (v: string) => void) => (
        <TextField
          label={name}
          value={value}
          focus={focus === name}
          onChange={(v) => (log.push(`${name} ${v}`), set(v))}
          onSubmit={() => setFocus('b')}
        />
      );
      // The next key comes as soon as field b is drawn, before the effects that follow the frame.
      useLayoutEffect(() => {
        if (focus === 'b') queueMicrotask(() => ui.stdin.write('y'));
      }, [focus]);
      return (
        <Box flexDirection="column">
          {field('a', a, setA)}
          {field('b', b, setB)}
        </Box>
      );
    }
    const ui = render(<Two />);
    await typeEach(ui, 'x\r');
    await settled(ui.frames);
    expect(log).toEqual(['a x', 'b y']);
    expect(ui.lastFrame()).toContain('b › y');
    ui.unmount();
  });

  it('keeps its cursor at the end when a key of the screen (F12) reaches it before the frame of what was just typed', async () => {
    const log: string[] = [];
    const ui = render(<Probe log={log} />);
    await settled(ui.frames);
    // "abc", then F12 at once: ink-text-input's handler of the frame before (empty, its cursor at 0) hears F12.
    const drawn = ui.frames.length;
    ui.stdin.write('abc');
    ui.stdin.write('\x1b[24~');
    await settled(ui.frames, drawn);
    await typeEach(ui, '\x7f', 'd');
    expect(ui.lastFrame()).toContain('[abd]');
    ui.unmount();
  });

  it('removes one character for each Backspace of a chunk (a held key repeating), at the cursor, heard at once or before its frame', async () => {
    const log: string[] = [];
    const ui = { current: null as Ui | null };
    const early = { current: (_: string) => {} };
    const probe = render(<Probe log={log} ui={ui} early={early} />);
    ui.current = probe;
    await typeEach(probe, 'abcd');
    await typeEach(probe, '\x7f\x7f\x7f');
    expect(probe.lastFrame()).toContain('[a]');
    await typeEach(probe, 'bcd', '\x1b[D', '\x1b[D', '\x7f\x7f');
    expect(probe.lastFrame()).toContain('[cd]');
    await typeEach(probe, 'ef\x7fgh\x7f\x7f');
    expect(probe.lastFrame()).toContain('[cde]');
    early.current('\x7f\x7f\x7f');
    await settled(probe.frames);
    expect(probe.lastFrame()).toContain('[]');
    await typeEach(probe, 'x');
    expect(probe.lastFrame()).toContain('[x]');
    probe.unmount();
  });

  it('types the text of a chunk before the command key that follows it in the same chunk (an amount, then F3; a code, then Enter), heard at once or before its frame', async () => {
    const CARD = '\x1bOR';
    function Till({ log, ui, early }: { log: string[]; ui: MutableRefObject<Ui | null>; early: MutableRefObject<(chunk: string) => void> }) {
      const amount = useTickState(() => '');
      useEarly(ui, early);
      const enter = () => {
        log.push(`cash ${amount.current()}`);
        amount.set('');
      };
      // As the payment screen: the amount field has the keys; F3 takes what it holds.
      const keys = useFieldKeys(
        amount.shown,
        amount.current,
        (value) => ({ field: 'amount', value }),
        (input) => (input.type === 'submit' ? enter() : amount.set(input.value)),
        (e) => {
          if (e.name !== 'f3') return;
          log.push(`card ${amount.current()}`);
          amount.set('');
        },
      );
      useKeys(keys.key, true, () => false);
      return (
        <Box flexDirection="column">
          <TextField label="Montant" value={amount.shown} onChange={amount.set} onSubmit={enter} holds={keys.holds('amount')} onTypeAhead={keys.ahead} />
          <Text>{`[${amount.shown}]`}</Text>
        </Box>
      );
    }
    for (const chunk of [`1${CARD}`, '12\r', `3\x7f4${CARD}`]) {
      const log: string[] = [];
      const ui = { current: null as Ui | null };
      const early = { current: (_: string) => {} };
      const till = render(
        <ScanContextValue.Provider value={{ hub: null, wedge: { gapMs: 30, minLength: 8 } }}>
          <Till log={log} ui={ui} early={early} />
        </ScanContextValue.Provider>,
      );
      ui.current = till;
      await settled(till.frames);
      const drawn = till.frames.length;
      till.stdin.write(chunk);
      await settled(till.frames, drawn);
      early.current(chunk);
      await settled(till.frames);
      const expected = chunk === '12\r' ? 'cash 12' : chunk.startsWith('1') ? 'card 1' : 'card 4';
      expect(log, JSON.stringify(chunk)).toEqual([expected, expected]);
      expect(till.lastFrame()).toContain('[]');
      till.unmount();
    }
  });

  it('masks a PIN with bullets', async () => {
    const ui = render(<Probe log={[]} mask />);
    await typeEach(ui, '1234');
    expect(ui.lastFrame()).toContain('Code › ••••');
    expect(ui.lastFrame()).not.toContain('Code › 1234');
    ui.unmount();
  });

  it('leaves out a wedge scan the screen took, sent in one chunk or one character at a time: nothing typed, nothing submitted', async () => {
    const CODE = 'BA4KQ7M2XC';
    const log: string[] = [];
    function Screen() {
      const [value, setValue] = useState('');
      const scans = useScanGuard();
      // As the payment screen: useKeys tells scans by timing; one the screen takes is marked.
      useKeys(() => undefined, true, (code) => {
        if (code !== CODE) return false;
        log.push(`scan ${code}`);
        scans.took(code);
        return true;
      });
      return (
        <Box flexDirection="column">
          <TextField label="Montant" value={value} scans={scans} onChange={(v) => (log.push(`change ${v}`), setValue(v))} onSubmit={() => log.push('submit')} />
          <Text>{`[${value}]`}</Text>
        </Box>
      );
    }
    const ui = render(
      <ScanContextValue.Provider value={{ hub: null, wedge: { gapMs: 400, minLength: 8 } }}>
        <Screen />
      </ScanContextValue.Provider>,
    );
    await typeEach(ui, '2');
    await new Promise((r) => setTimeout(r, 500)); // typed by a person: not part of what follows
    await typeEach(ui, `${CODE}\r`);
    expect(ui.lastFrame()).toContain('[2]');
    for (const ch of `${CODE}\r`) {
      ui.stdin.write(ch);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(ui.lastFrame()).toContain('[2]');
    expect(log.filter((l) => l === 'submit')).toEqual([]);
    expect(log.filter((l) => l.startsWith('scan'))).toEqual([`scan ${CODE}`, `scan ${CODE}`]);
    // Typed slowly, the same characters are text, and Enter submits.
    await typeEach(ui, '0', '\r');
    expect(ui.lastFrame()).toContain('[20]');
    expect(log.at(-1)).toBe('submit');
    ui.unmount();
  });
});

import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TextField } from '../components/TextField';
import { useFieldKeys } from './useFieldKeys';
import { useKeys } from './useKeys';
import { useTickState } from './useTickState';
import { settled } from '../../testing/tui';

interface S {
  focus: 'a' | 'b' | 'list';
  a: string;
  b: string;
}

/** Two fields and a list, as a back-office screen: Enter in a goes to b, Enter in b to the list. */
function Screen({ log }: { log: string[] }) {
  const store = useTickState<S>(() => ({ focus: 'a', a: '', b: '' }));
  const s = store.shown;
  const edit = (field: 'a' | 'b', value: string) => store.set({ ...store.current(), [field]: value });
  const submit = () => {
    const now = store.current();
    store.set({ ...now, focus: now.focus === 'a' ? 'b' : 'list' });
  };
  const keys = useFieldKeys(
    s,
    store.current,
    (st) => (st.focus === 'list' ? null : { field: st.focus, value: st[st.focus] }),
    (input) => (input.type === 'submit' ? submit() : edit(input.field as 'a' | 'b', input.value)),
    (e) => {
      log.push(`screen ${e.name}`);
      if (e.name === 'escape') store.set({ ...store.current(), focus: 'a' });
    },
  );
  useKeys(keys.key);
  const field = (name: 'a' | 'b') => (
    <TextField label={name} value={s[name]} focus={s.focus === name} holds={keys.holds(name)} onChange={(v) => edit(name, v)} onSubmit={submit} onTypeAhead={keys.ahead} />
  );
  return (
    <Box flexDirection="column">
      {field('a')}
      {field('b')}
      <Text>{`[${s.a}|${s.b}|${s.focus}]`}</Text>
    </Box>
  );
}


describe('which field has the keys (useFieldKeys)', () => {
  it('gives keys read before the screen is drawn again to the field the state says, not to the one drawn', async () => {
    const log: string[] = [];
    const ui = render(<Screen log={log} />);
    await settled(ui.frames);
    // No frame between these: Enter in a moves the focus to b in the state only.
    const drawn = ui.frames.length;
    ui.stdin.write('x\r');
    ui.stdin.write('y');
    ui.stdin.write('\r');
    ui.stdin.write('\x1b[B');
    await settled(ui.frames, drawn);
    expect(ui.lastFrame()).toContain('[x|y|list]');
    expect(log).toEqual(['screen down']);
    ui.unmount();
  });

  it('gives keys typed ahead in one chunk to the fields that follow, and to the screen once no field has the keys', async () => {
    const log: string[] = [];
    const ui = render(<Screen log={log} />);
    await settled(ui.frames);
    let drawn = ui.frames.length;
    ui.stdin.write('x\ry\r\r');
    await settled(ui.frames, drawn);
    expect(ui.lastFrame()).toContain('[x|y|list]');
    expect(log).toEqual(['screen return']);
    log.length = 0;
    drawn = ui.frames.length;
    ui.stdin.write('\x1b');
    await settled(ui.frames, drawn);
    drawn = ui.frames.length;
    ui.stdin.write('z');
    await settled(ui.frames, drawn);
    expect(ui.lastFrame()).toContain('[xz|y|a]');
    expect(log).toEqual(['screen escape']);
    ui.unmount();
  });
});

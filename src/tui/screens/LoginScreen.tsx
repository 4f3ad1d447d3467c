import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { Command } from '../../config/schema';
import { TextField } from '../components/TextField';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { Legend } from '../components/Legend';
import { MessageLine } from '../components/MessageLine';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { useFocus } from '../hooks/useFocus';
import { useTickState } from '../hooks/useTickState';
import { commandFor, displayKey } from '../keymap';
import type { Message } from '../state/saleState';

interface Props {
  /** Resolves to null when signed in, or to the refusal to show. */
  onLogin(code: string, pin: string): Promise<Message | null>;
  onQuit(): void;
  /** A message from outside (database state at start). */
  notice: Message | null;
  ready: boolean;
  width: number;
  height: number;
}

const COMMANDS: readonly Command[] = ['quit'];
const FIELD_LENGTH = 12;

export function LoginScreen({ onLogin, onQuit, notice, ready, width, height }: Props) {
  const { t, lang, keymap } = useUi();
  // Read at once by what follows in the same burst (code and PIN typed ahead), not as last drawn.
  const code = useTickState(() => '');
  const pin = useTickState(() => '');
  const focus = useFocus<'code' | 'pin'>('code');
  const [message, setMessage] = useState<Message | null>(null);
  // busy in a ref too: an Enter following in the same burst must not sign in twice.
  const [busy, setBusy] = useState(false);
  const busyNow = useRef(false);
  const fields = { code, pin };

  const submit = () => {
    if (focus.current() === 'code') {
      if (code.current().trim()) focus.set('pin');
      return;
    }
    if (busyNow.current || !ready) return;
    busyNow.current = true;
    setBusy(true);
    void onLogin(code.current(), pin.current()).then((refusal) => {
      busyNow.current = false;
      setBusy(false);
      setMessage(refusal);
      if (refusal) pin.set('');
    });
  };
  const keys = useFieldKeys(
    { focus: focus.focus, code: code.shown, pin: pin.shown, busy },
    () => ({ focus: focus.current(), code: code.current(), pin: pin.current(), busy: busyNow.current }),
    (st) => (st.busy ? null : { field: st.focus, value: st[st.focus] }),
    (input) => (input.type === 'submit' ? submit() : fields[input.field as 'code' | 'pin'].set(input.value.slice(0, FIELD_LENGTH))),
    (e) => {
      if (commandFor(keymap, e, COMMANDS) === 'quit' || (e.ctrl && e.text === 'c')) return onQuit();
      if (busyNow.current || e.name !== 'escape') return;
      code.set('');
      pin.set('');
      setMessage(null);
      focus.set('code');
    },
  );
  useKeys(keys.key);

  const field = (name: 'code' | 'pin') => (
    <TextField
      label={t(name === 'code' ? 'login.code' : 'login.pin').padEnd(15)}
      value={fields[name].shown}
      focus={!busy && focus.focus === name}
      mask={name === 'pin'}
      maxLength={FIELD_LENGTH}
      onChange={fields[name].set}
      onSubmit={submit}
      holds={keys.holds(name)}
      onTypeAhead={keys.ahead}
    />
  );

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box flexDirection="column" flexGrow={1} alignItems="center" justifyContent="center">
        <Box flexDirection="column" borderStyle="round" paddingX={2} width={Math.min(width, 44)}>
          <Text bold>{t('login.title')}</Text>
          <Text> </Text>
          {field('code')}
          {field('pin')}
        </Box>
      </Box>
      <MessageLine message={message ?? notice} width={width} />
      <Text dimColor>{t('login.hint', { quit: displayKey(keymap.quit[0]!, lang) })}</Text>
      <Legend commands={COMMANDS} width={width} />
    </Box>
  );
}

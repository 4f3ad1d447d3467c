import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Command } from '../../config/schema';
import { Field } from '../components/Field';
import { Legend } from '../components/Legend';
import { MessageLine } from '../components/MessageLine';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { useFocus } from '../hooks/useFocus';
import { useTextField } from '../hooks/useTextField';
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

export function LoginScreen({ onLogin, onQuit, notice, ready, width, height }: Props) {
  const { t, lang, keymap } = useUi();
  const code = useTextField('', 12);
  const pin = useTextField('', 12);
  const focus = useFocus<'code' | 'pin'>('code');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  useKeys((e) => {
    if (commandFor(keymap, e, COMMANDS) === 'quit' || (e.ctrl && e.text === 'c')) return onQuit();
    if (busy) return;
    if (e.name === 'escape') {
      code.set('');
      pin.set('');
      setMessage(null);
      return focus.set('code');
    }
    if (focus.current() === 'code') {
      const submitted = code.apply(e);
      if (submitted !== undefined) {
        code.set(submitted);
        if (submitted.trim()) focus.set('pin');
      }
      return;
    }
    const submitted = pin.apply(e);
    if (submitted === undefined || !ready) return;
    setBusy(true);
    void onLogin(code.current(), submitted).then((refusal) => {
      setBusy(false);
      setMessage(refusal);
      if (refusal) pin.set('');
    });
  });

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box flexDirection="column" flexGrow={1} alignItems="center" justifyContent="center">
        <Box flexDirection="column" borderStyle="round" paddingX={2} width={Math.min(width, 44)}>
          <Text bold>{t('login.title')}</Text>
          <Text> </Text>
          <Field label={t('login.code').padEnd(15)} value={code.value} cursor={code.cursor} active={focus.focus === 'code'} />
          <Field label={t('login.pin').padEnd(15)} value={pin.value} cursor={pin.cursor} active={focus.focus === 'pin'} mask />
        </Box>
      </Box>
      <MessageLine message={message ?? notice} width={width} />
      <Text dimColor>{t('login.hint', { quit: displayKey(keymap.quit[0]!, lang) })}</Text>
      <Legend commands={COMMANDS} width={width} />
    </Box>
  );
}

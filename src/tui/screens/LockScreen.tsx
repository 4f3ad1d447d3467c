import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { TextField } from '../components/TextField';
import { MessageLine } from '../components/MessageLine';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import { useFieldKeys } from '../hooks/useFieldKeys';
import { useTickState } from '../hooks/useTickState';
import type { Message } from '../state/saleState';

interface Props {
  /** Who the till is locked for: only their PIN lifts it. */
  name: string;
  /** Resolves to null when the PIN was right, or to the refusal to show. */
  onUnlock(pin: string): Promise<Message | null>;
  width: number;
  height: number;
}

const FIELD_LENGTH = 12;

/** The till locked after idle time: the operator's PIN again, the ticket kept behind. */
export function LockScreen({ name, onUnlock, width, height }: Props) {
  const { t } = useUi();
  const pin = useTickState(() => '');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const busyNow = useRef(false);

  const submit = () => {
    if (busyNow.current) return;
    busyNow.current = true;
    setBusy(true);
    void onUnlock(pin.current()).then((refusal) => {
      busyNow.current = false;
      setBusy(false);
      setMessage(refusal);
      pin.set('');
    });
  };
  const keys = useFieldKeys(
    { pin: pin.shown, busy },
    () => ({ pin: pin.current(), busy: busyNow.current }),
    (st) => (st.busy ? null : { field: 'pin', value: st.pin }),
    (input) => (input.type === 'submit' ? submit() : pin.set(input.value.slice(0, FIELD_LENGTH))),
    () => undefined,
  );
  useKeys(keys.key);

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box flexDirection="column" flexGrow={1} alignItems="center" justifyContent="center">
        <Box flexDirection="column" borderStyle="round" paddingX={2} width={Math.min(width, 60)}>
          <Text bold>{t('lock.title')}</Text>
          <Text>{t('lock.prompt', { name })}</Text>
          <Text> </Text>
          <TextField
            label={t('login.pin').padEnd(15)}
            value={pin.shown}
            focus={!busy}
            mask
            maxLength={FIELD_LENGTH}
            onChange={pin.set}
            onSubmit={submit}
            holds={keys.holds('pin')}
            onTypeAhead={keys.ahead}
          />
        </Box>
      </Box>
      <MessageLine message={message} width={width} />
    </Box>
  );
}

import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { faultDetail, Refusal } from '../../../app/errors';
import { unlock } from '../../../app/session';
import { MessageLine } from '../../components/MessageLine';
import { TextField } from '../../components/TextField';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';

const FIELD_LENGTH = 20;

/**
 * A manager lifts an operator's lock-out (too many wrong PINs): the operator's code, then the
 * manager's own PIN again (the one signed in may have left the till open). Logged by the database.
 */
export function UnlockScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t } = useUi();
  const code = useTickState(() => '');
  const pin = useTickState(() => '');
  const [focus, setFocus] = useState<'code' | 'pin'>('code');
  const focusNow = useRef<'code' | 'pin'>('code');
  const [message, setMessage] = useState<Message | null>(null);
  const busy = useRef(false);
  const fields = { code, pin };
  const moveTo = (f: 'code' | 'pin') => {
    focusNow.current = f;
    setFocus(f);
  };

  const submit = () => {
    if (focusNow.current === 'code') {
      if (code.current().trim()) moveTo('pin');
      return;
    }
    if (busy.current) return;
    busy.current = true;
    const typed = { code: code.current(), pin: pin.current() };
    pin.set('');
    void unlock(till, typed.code, { code: operator.code, pin: typed.pin }).then(
      (r) => {
        setMessage({ key: 'unlock.done', params: { name: r.operator.name }, tone: 'ok' });
        code.set('');
        moveTo('code');
      },
      (e: unknown) => setMessage(e instanceof Refusal ? { key: e.key, params: e.params, tone: 'error' } : { key: 'fault', params: { detail: faultDetail(e), log: '' }, tone: 'error' }),
    ).finally(() => {
      busy.current = false;
    });
  };
  const keys = useFieldKeys(
    { focus, code: code.shown, pin: pin.shown },
    () => ({ focus: focusNow.current, code: code.current(), pin: pin.current() }),
    (st) => ({ field: st.focus, value: st[st.focus] }),
    (input) => (input.type === 'submit' ? submit() : fields[input.field as 'code' | 'pin'].set(input.value.slice(0, FIELD_LENGTH))),
    (e) => {
      if (e.name === 'escape') onBack();
    },
  );
  useKeys(keys.key);

  const field = (name: 'code' | 'pin') => (
    <TextField
      label={t(name === 'code' ? 'unlock.code' : 'approval.pin').padEnd(16)}
      value={fields[name].shown}
      focus={focus === name}
      mask={name === 'pin'}
      maxLength={FIELD_LENGTH}
      onChange={fields[name].set}
      onSubmit={submit}
      holds={keys.holds(name)}
      onTypeAhead={keys.ahead}
    />
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t('unlock.title')}</Text>
        <Text> </Text>
        {field('code')}
        {field('pin')}
      </Box>
      <MessageLine message={message} width={width} />
    </Box>
  );
}

import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { switchTrainingMode } from '../../../data/training';
import { setTrainingShown } from '../../../app/trainingState';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';

/**
 * Training mode ("mode école") of this till, switched by the manager signed in (the back room
 * is theirs): Enter switches it, journalled in the till's technical journal. The status line
 * says it on every screen; every document printed meanwhile is marked FACTICE.
 */
export function TrainingScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t } = useUi();
  const [on, setOn] = useState(till.terminal.trainingMode);
  const [message, setMessage] = useState<Message | null>(null);
  const busy = useRef(false);

  const toggle = () => {
    if (busy.current) return;
    busy.current = true;
    const wanted = !till.terminal.trainingMode;
    switchTrainingMode(till.db, till.terminal.id, wanted, operator.id).then(
      () => {
        setTrainingShown(till.terminal, wanted);
        setOn(wanted);
        setMessage({ key: wanted ? 'training.cli.on' : 'training.cli.off', params: { till: till.terminal.code }, tone: 'ok' });
      },
      (e: unknown) => setMessage(failureMessage(e, till.config.dataDir)),
    ).finally(() => {
      busy.current = false;
    });
  };

  useKeys((e) => {
    if (e.name === 'escape') onBack();
    else if (e.name === 'return') toggle();
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{t('training.screen.title', { till: till.terminal.code })}</Text>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text> </Text>
        <Text bold color={on ? 'red' : undefined}>{t('training.cli.state', { till: till.terminal.code, state: t(on ? 'training.state.on' : 'training.state.off') })}</Text>
        <Text> </Text>
        <Text wrap="wrap">{t('training.screen.rules')}</Text>
      </Box>
      <MessageLine message={message} width={width} />
      <Text dimColor wrap="truncate-end">{t(on ? 'training.screen.hintOff' : 'training.screen.hintOn')}</Text>
    </Box>
  );
}

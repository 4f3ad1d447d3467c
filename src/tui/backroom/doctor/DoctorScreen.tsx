import { Box, Text } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { describeFinding, summary } from '../../../app/doctor/describe';
import { runDoctor } from '../../../app/doctor/doctor';
import { worst, type Finding } from '../../../app/doctor/findings';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';

const COLOR = { ok: 'green', warn: 'yellow', fail: 'red', skip: 'gray' } as const;

/**
 * `pos doctor` in the back room: the same checks on the running till (its connection, its
 * devices as the hub sees them), each finding with what to do. Enter checks again.
 */
export function DoctorScreen({ till, devices, width, height, onBack }: BackroomProps) {
  const { t, lang } = useUi();
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const check = useCallback(() => {
    setFindings(null);
    setMessage(null);
    runDoctor({ config: till.config, db: till.db, hub: devices.hub }).then(setFindings, (e: unknown) => setMessage(failureMessage(e, till.config.dataDir)));
  }, [till, devices]);
  useEffect(check, [check]);

  useKeys((e) => {
    if (e.name === 'escape') onBack();
    else if (e.name === 'return' && findings) check();
  });

  const said = (findings ?? []).map((f) => ({ f, s: describeFinding(lang, f) }));
  const label = Math.max(0, ...said.map(({ s }) => s.label.length));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{t('doctor.title', { till: till.terminal.code })}</Text>
      <Box flexDirection="column" flexGrow={1}>
        {findings === null && !message && <Text dimColor>{t('doctor.running')}</Text>}
        {said.map(({ f, s }, i) => (
          <Box key={i} flexDirection="column">
            <Text wrap="truncate-end">
              <Text color={COLOR[f.status]}>{s.mark}</Text> {s.label.padEnd(label)}  {s.found}
            </Text>
            {s.advice && <Text wrap="truncate-end" dimColor>{`  ${' '.repeat(label)}  → ${s.advice}`}</Text>}
          </Box>
        ))}
        {findings && <Text bold color={COLOR[worst(findings)]}>{summary(lang, findings)}</Text>}
      </Box>
      <MessageLine message={message} width={width} />
      <Text dimColor wrap="truncate-end">{t('doctor.hint')}</Text>
    </Box>
  );
}

import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useUi } from '../context';

export type DbState = 'ok' | 'down' | 'connecting';

interface Props {
  store: string;
  terminal: string;
  operator: string | null;
  db: DbState;
  pending: boolean;
  width: number;
}

function clock(timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date());
}

/** Top line: where, who, and whether the database answers. */
export function StatusBar({ store, terminal, operator, db, pending, width }: Props) {
  const { t, timeZone } = useUi();
  const [time, setTime] = useState(() => clock(timeZone));
  useEffect(() => {
    const timer = setInterval(() => setTime(clock(timeZone)), 15_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  const left = ` ${store} · ${terminal}${operator ? ` · ${operator}` : ''} · `;
  const dbText = t(db === 'ok' ? 'status.db.ok' : db === 'down' ? 'status.db.down' : 'status.db.connecting');
  const pend = pending ? ` · ${t('status.pending')}` : '';
  const fill = Math.max(1, width - left.length - dbText.length - pend.length - time.length - 1);
  return (
    <Box width={width}>
      <Text inverse>{left}</Text>
      <Text inverse bold color={db === 'down' ? 'red' : undefined}>{dbText}</Text>
      <Text inverse color="yellow">{pend}</Text>
      <Text inverse>{' '.repeat(fill)}{time} </Text>
    </Box>
  );
}

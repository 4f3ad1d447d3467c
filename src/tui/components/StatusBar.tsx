import { Box, Text } from 'ink';
import { memo, useEffect, useState } from 'react';
import { clip } from '../columns';
import { useUi } from '../context';
import { displayKey } from '../keymap';

export type DbState = 'ok' | 'down' | 'connecting';

interface Props {
  store: string;
  terminal: string;
  operator: string | null;
  db: DbState;
  /** Paid sales waiting for the database to have them. */
  waiting: number;
  /** Offline sales the database refused, for a manager (listed in the back office). */
  rejected?: number;
  /** This till sells offline when the database is away (offline.enabled): said instead of the database's absence. */
  offline?: boolean;
  /** What needs attention on the devices (a printer away, receipts to print), if anything. */
  devices?: { text: string; error: boolean } | null;
  /** The till's listening connection (live stock, prices, codes): said only when it is lost. */
  live?: 'connecting' | 'live' | 'lost' | null;
  /** The till is in training mode ("mode école"): said on every screen, this line being on every screen. */
  training?: boolean;
  width: number;
}

/** Local time: the till sets TZ to the shop's zone (Intl would cost ≈ 16 ms at the first frame). */
function clock(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Top line: where, who, and whether the database answers. */
export const StatusBar = memo(function StatusBar({ store, terminal, operator, db, waiting, rejected = 0, offline, devices, live, training, width }: Props) {
  const { t, keymap, lang } = useUi();
  const [time, setTime] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setTime(clock()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const dbText = t(db === 'ok' ? 'status.db.ok' : db === 'down' ? (offline ? 'status.db.offline' : 'status.db.down') : 'status.db.connecting');
  // The database's own word comes first: a listener lost with it says nothing more.
  const pend = (waiting > 0 ? ` · ${t('status.pending', { n: waiting })}` : '') +
    (rejected > 0 ? ` · ${t('status.offlineRejected', { n: rejected, key: displayKey(keymap.backroom?.[0] ?? 'f11', lang) })}` : '') +
    (live === 'lost' && db === 'ok' ? ` · ${t('status.live.lost')}` : '');
  const school = training ? ` ${t('training.status')} ` : '';
  const who = ` · ${terminal}${operator ? ` · ${operator}` : ''} · `;
  // A long store name gives way first: the line must never wrap and push the screen down.
  const left = ` ${clip(store, width - who.length - school.length - dbText.length - pend.length - time.length - 3)}${who}`;
  // Devices get what is left of the line; the clock keeps its place.
  const room = width - left.length - school.length - dbText.length - pend.length - time.length - 5;
  const dev = devices && room > 3 ? ` · ${clip(devices.text, room)}` : '';
  const fill = Math.max(1, width - left.length - school.length - dbText.length - pend.length - dev.length - time.length - 1);
  return (
    <Box width={width}>
      {/* Never the one to give way: the mode must show whatever else is cut. */}
      {school && <Box flexShrink={0}><Text bold color="white" backgroundColor="red">{school}</Text></Box>}
      <Text wrap="truncate" inverse>{left}</Text>
      <Text wrap="truncate" inverse bold color={db === 'down' ? 'red' : undefined}>{dbText}</Text>
      <Text wrap="truncate" inverse color="yellow">{pend}</Text>
      <Text wrap="truncate" inverse bold={devices?.error} color={devices?.error ? 'red' : 'yellow'}>{dev}</Text>
      <Text wrap="truncate" inverse>{' '.repeat(fill)}{time} </Text>
    </Box>
  );
});

import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { faultDetail } from '../../../app/errors';
import { offlineFolder } from '../../../app/offline/journal';
import { listRejected, type RejectedSale } from '../../../app/offline/rejected';
import { formatEuros } from '../../../domain/money';
import { formatDateTime } from '../../../domain/receipt';
import { clip } from '../../columns';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';

/**
 * The offline sales the database refused when they were sent (rejected.jsonl): their number,
 * when they were sold, their total and what the database said, for a manager to see to. Read
 * from the till's own folder: shown with the server away too. ↑↓ move through a long list.
 */
export function RejectedScreen({ till, width, height, onBack }: BackroomProps) {
  const { t, lang } = useUi();
  const [sales, setSales] = useState<RejectedSale[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [top, setTop] = useState(0);
  useEffect(() => {
    let live = true;
    listRejected(offlineFolder(till.config.dataDir, till.terminal.code), till.terminal.code).then(
      (s) => live && setSales(s),
      (e: unknown) => live && setMessage({ key: 'fault', params: { detail: faultDetail(e), log: '' }, tone: 'error' }),
    );
    return () => {
      live = false;
    };
  }, []);
  // Each sale takes two lines: its figures, then the reason.
  const rows = Math.max(1, Math.floor((height - 5) / 2));
  useKeys((e) => {
    if (e.name === 'escape') return onBack();
    if (e.name === 'up') setTop((i) => Math.max(0, i - 1));
    if (e.name === 'down') setTop((i) => Math.max(0, Math.min((sales?.length ?? 0) - rows, i + 1)));
  });
  const shown = (sales ?? []).slice(top, top + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{t('offline.rejectedTitle')}</Text>
        <Text> </Text>
        {sales?.length === 0 && <Text>{t('offline.rejectedNone')}</Text>}
        {shown.map((s) => (
          <Box key={s.key} flexDirection="column">
            <Text>{clip(`${s.ticket}  ${s.soldAt ? formatDateTime(new Date(s.soldAt), lang, till.config.timeZone) : '—'}  ${formatEuros(s.totalCents, lang)}`, width - 4)}</Text>
            <Text color="red">{clip(`  ${s.reason}`, width - 4)}</Text>
          </Box>
        ))}
      </Box>
      <MessageLine message={message} width={width} />
      <Text dimColor>{clip(t('offline.rejectedHint'), width)}</Text>
    </Box>
  );
}

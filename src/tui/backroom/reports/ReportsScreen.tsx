import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { readSide, readSourceLine } from '../../../app/readDb';
import { readReportQuery, runReport } from '../../../app/reports/reports';
import { todayIn } from '../../../domain/report/period';
import type { MessageKey } from '../../../i18n/messages';
import { clip } from '../../columns';
import { Field } from '../../components/Field';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import type { BackroomProps } from '../registry';
import { failureMessage } from '../vouchers/useJob';
import { reportLines } from './reportLines';
import { firstOrder, initialReports, REPORT_KEYS, reportsReducer, type ReportsEvent, type RunOrder } from './reportsState';

/**
 * The reports in the back office: the one picked (F2–F5) over the days typed, its chart of sales
 * by hour or by day, and its tables; the same figures as `pos report`.
 */
export function ReportsScreen({ till, width, height, onBack }: BackroomProps) {
  const { t, lang, say } = useUi();
  const { timeZone } = till.config;
  const store = useTickState(() => initialReports(todayIn(timeZone)));
  const s = store.shown;

  const work = (order: RunOrder) => {
    // On a standby when db.readUrls names one, its lag said under the title.
    readSide(till)
      .then(async ({ db, source }) => ({ r: await runReport(db, order.kind, await readReportQuery(db, { from: order.from, to: order.to }, timeZone)), source }))
      .then(
        ({ r, source }) => {
          const [title = '', ...rest] = reportLines(r, lang, width);
          apply({ type: 'shown', lines: [title, ...readSourceLine(source, lang), ...rest] });
        },
        (e: unknown) => apply({ type: 'failed', message: failureMessage(e, till.config.dataDir) }),
      );
  };

  const apply = (e: ReportsEvent) => {
    const r = reportsReducer(store.current(), e);
    store.set(r.state);
    if (r.effect?.kind === 'back') onBack();
    if (r.effect?.kind === 'run') work(r.effect.order);
  };

  // Today's sales as the screen opens; again when the window changes width (the tables are fitted to it).
  useEffect(() => work(firstOrder(store.current())), [width]);

  const hint = t('report.screen.hint');
  const message: Message | null = s.busy ? { key: 'report.screen.busy', tone: 'info' } : s.message;
  const chrome = 3 + messageRows(message ? say(message) : '', width) + wrappedRows(hint, width);
  const page = Math.max(1, height - chrome);
  useKeys((key) => apply({ type: 'key', key, page }));

  const visible = s.lines.slice(s.top, s.top + page);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        {REPORT_KEYS.map((r, i) => (
          <Text key={r.key}>
            {i > 0 ? ' ' : ''}
            <Text inverse={r.kind === s.kind} bold={r.kind === s.kind}>{`${r.key.toUpperCase()} ${t(`report.screen.kind.${r.kind}` as MessageKey)}`}</Text>
          </Text>
        ))}
      </Text>
      <Box>
        <Field label={t('report.screen.from')} value={s.from.value} cursor={s.from.cursor} active={s.focus === 'from'} />
        <Text>{'  '}</Text>
        <Field label={t('report.screen.to')} value={s.to.value} cursor={s.to.cursor} active={s.focus === 'to'} />
      </Box>
      <Box flexDirection="column" height={page}>
        {visible.map((line, i) => (
          <Text key={s.top + i} bold={s.top + i === 0}>{clip(line, width) || ' '}</Text>
        ))}
      </Box>
      <Text> </Text>
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}

import { Text } from 'ink';
import Spinner from 'ink-spinner';
import type { MessageKey } from '../../i18n/messages';
import { useUi } from '../context';
import { countText, percentOf, progressLine } from './progressText';

/**
 * Long work in the back office, on one line: a spinner (the screen is alive), what is done of
 * how much and a bar. `label` is a message taking {done}, {total} and {percent}.
 */
export function ProgressLine({ label, done, total, width }: { label: MessageKey; done: number; total: number; width: number }) {
  const { t, lang } = useUi();
  const text = t(label, { done: countText(done, lang), total: countText(total, lang), percent: percentOf(done, total) });
  return (
    <Text wrap="truncate">
      <Text color="cyan">
        <Spinner type="dots" />
      </Text>{' '}
      {progressLine(text, done, total, width - 2)}
    </Text>
  );
}

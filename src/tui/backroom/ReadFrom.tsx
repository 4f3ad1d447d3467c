import { Text } from 'ink';
import { readSourceLine, type ReadSource } from '../../app/readDb';
import { useUi } from '../context';

/** Under a back-office list read on a standby (db.readUrls): where it was read and how far behind; nothing otherwise. */
export function ReadFrom({ source }: { source: ReadSource | null }) {
  const { lang } = useUi();
  const [line] = readSourceLine(source, lang);
  return line ? <Text dimColor wrap="truncate-end">{line}</Text> : null;
}

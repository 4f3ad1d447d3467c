import { Text } from 'ink';

interface Props {
  label: string;
  value: string;
  cursor: number;
  active?: boolean;
  mask?: boolean;
}

/**
 * A one-line text field drawn from a value and cursor the screen edits itself (textEdit, with
 * useKeys): the sale screen's entry line only, which must take a scanner's burst through the
 * wedge filter before anything is typed (see TextField.test). Every other field, the forms over
 * the entry line included, is ink-text-input's: components/TextField.
 */
export function Field({ label, value, cursor, active = true, mask = false }: Props) {
  const shown = mask ? '•'.repeat(value.length) : value;
  return (
    <Text wrap="truncate-end">
      <Text bold>{label} › </Text>
      {active ? (
        <Text>
          {shown.slice(0, cursor)}
          <Text inverse>{shown[cursor] ?? ' '}</Text>
          {shown.slice(cursor + 1)}
        </Text>
      ) : (
        <Text dimColor>{shown}</Text>
      )}
    </Text>
  );
}

import { Text } from 'ink';

interface Props {
  label: string;
  value: string;
  cursor: number;
  active?: boolean;
  mask?: boolean;
}

/** A one-line text field: label, value, and a block cursor when it has the keys. */
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

import { Box, Text } from 'ink';
import { TextField } from '../../components/TextField';
import { useUi } from '../../context';
import type { FieldKeys } from '../../hooks/useFieldKeys';
import type { Form, FormEvent } from './form';

/** A form's fields, as many as fit in `rows`, scrolled to keep the one being typed in view. */
export function FormView({ form, rows, width, active, keys, onEvent }: { form: Form; rows: number; width: number; active: boolean; keys: FieldKeys; onEvent(e: FormEvent): void }) {
  const { t } = useUi();
  const labelWidth = Math.min(30, Math.max(...form.fields.map((f) => t(f.label).length)) + 1);
  const first = Math.min(Math.max(0, form.focus - Math.floor(rows / 2)), Math.max(0, form.fields.length - rows));
  return (
    <Box flexDirection="column" width={width}>
      {form.fields.slice(first, first + rows).map((f, i) => {
        const focused = first + i === form.focus;
        const label = t(f.label).padEnd(labelWidth);
        if (f.kind === 'text') {
          return (
            <TextField
              key={f.id}
              label={label}
              value={f.value}
              focus={active && focused}
              maxLength={f.max}
              placeholder={f.placeholder && t(f.placeholder)}
              onChange={(value) => onEvent({ type: 'edit', id: f.id, value })}
              onSubmit={() => onEvent({ type: 'submit' })}
              holds={keys.holds(f.id)}
              onTypeAhead={keys.ahead}
            />
          );
        }
        return (
          <Text key={f.id} wrap="truncate-end">
            <Text bold>{label} › </Text>
            <Text inverse={focused}>{` ${t(f.options[f.index]!.label)} ${focused ? '◂▸ ' : ''}`}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

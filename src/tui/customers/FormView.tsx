import { Box, Text } from 'ink';
import { TextField } from '../components/TextField';
import type { FieldKeys } from '../hooks/useFieldKeys';
import type { FormEvent, FormState } from './form';

/** A form's fields, one a line: the focused text field with its cursor, a choice with ◂▸. */
export function FormView({ form, title, width, active = true, keys, onEvent }: { form: FormState; title?: string; width: number; active?: boolean; keys: FieldKeys; onEvent(e: FormEvent): void }) {
  const labelWidth = Math.min(32, Math.max(...form.fields.map((f) => f.label.length)));
  return (
    <Box flexDirection="column" width={width}>
      {title !== undefined && <Text bold>{title}</Text>}
      {form.fields.map((f, i) => {
        const label = f.label.slice(0, labelWidth).padEnd(labelWidth);
        const focused = i === form.focus;
        const field = f.options ? (
          <Text wrap="truncate-end">
            <Text bold>{label} › </Text>
            {f.options.map((o) => (
              <Text key={o.value} inverse={o.value === f.value} dimColor={!focused && o.value !== f.value}>{` ${o.label} `}</Text>
            ))}
            {focused && !f.locked ? <Text> ◂▸</Text> : null}
          </Text>
        ) : (
          <TextField
            label={label}
            value={f.value}
            focus={active && focused && !f.locked}
            maxLength={f.maxLength ?? 60}
            placeholder={f.placeholder}
            onChange={(value) => onEvent({ type: 'edit', field: f.name, value })}
            onSubmit={() => onEvent({ type: 'submit' })}
            holds={keys.holds(f.name)}
            onTypeAhead={keys.ahead}
          />
        );
        return (
          <Box key={f.name}>
            {field}
            {f.locked ? <Text dimColor> ✗</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}

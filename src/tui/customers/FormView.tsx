import { Box, Text } from 'ink';
import { Field } from '../components/Field';
import type { FormState } from './form';

/** A form's fields, one a line, the focused one with its cursor. */
export function FormView({ form, title, width }: { form: FormState; title: string; width: number }) {
  const labelWidth = Math.min(32, Math.max(...form.fields.map((f) => f.label.length)));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{title}</Text>
      {form.fields.map((f, i) => (
        <Box key={f.name}>
          <Field label={f.label.slice(0, labelWidth).padEnd(labelWidth)} value={f.value.value} cursor={f.value.cursor} active={i === form.focus} />
          {f.locked ? <Text dimColor> ✗</Text> : null}
        </Box>
      ))}
    </Box>
  );
}

import type { KeyEvent } from '../keys';
import { isFieldKey } from '../textEdit';

// A form of one-line fields, as the customer screens use it: text fields (ink-text-input's, see
// components/TextField: their text and Enter come as events of their own) and choices (←→).
// Tab or ↓ to the next field, ↑ to the one before, Enter to the next and, on the last, to
// submit. A pure reducer: the screen draws it and acts on submit.

export interface FormField {
  name: string;
  label: string;
  value: string;
  /** A choice: ←→ (or Space) picks among these, `value` is one of theirs. */
  options?: { value: string; label: string }[];
  /** Shown but not editable (a manager's field for a cashier). */
  locked?: boolean;
  maxLength?: number;
  /** Said in the field while it is empty (the form a day is typed in). */
  placeholder?: string;
}

export interface FormState {
  fields: FormField[];
  focus: number;
}

export type FormEvent = { type: 'key'; key: KeyEvent } | { type: 'edit'; field: string; value: string } | { type: 'submit' };

export function makeForm(fields: (Omit<FormField, 'value'> & { value?: string | null })[]): FormState {
  const out = fields.map((f) => ({ ...f, value: f.value ?? f.options?.[0]?.value ?? '' }));
  return { fields: out, focus: Math.max(0, out.findIndex((f) => !f.locked)) };
}

/** The text field that has the keys, if any (a choice or a locked field takes none). */
export function formTextFocus(s: FormState): FormField | null {
  const f = s.fields[s.focus];
  return f && !f.locked && !f.options ? f : null;
}

function move(s: FormState, by: 1 | -1): number | null {
  for (let i = s.focus + by; i >= 0 && i < s.fields.length; i += by) if (!s.fields[i]!.locked) return i;
  return null;
}

function update(s: FormState, index: number, value: string): FormState {
  const fields = s.fields.slice();
  fields[index] = { ...fields[index]!, value };
  return { ...s, fields };
}

/** Enter: the next field, or the form submitted from the last. */
function enter(s: FormState): { form: FormState; submit?: true } {
  const next = move(s, 1);
  return next === null ? { form: s, submit: true } : { form: { ...s, focus: next } };
}

/** One event: the form as it becomes, and whether it was submitted or left. */
export function formEvent(s: FormState, e: FormEvent): { form: FormState; submit?: true; cancel?: true } {
  if (e.type === 'edit') {
    const i = s.fields.findIndex((f) => f.name === e.field);
    const f = s.fields[i];
    if (!f || f.locked || f.options) return { form: s };
    return { form: update(s, i, e.value.slice(0, f.maxLength ?? 60)) };
  }
  if (e.type === 'submit') return formTextFocus(s) ? enter(s) : { form: s };
  const k = e.key;
  if (k.name === 'escape') return { form: s, cancel: true };
  if (k.name === 'tab' || k.name === 'down') return { form: { ...s, focus: move(s, 1) ?? s.focus } };
  if (k.name === 'up') return { form: { ...s, focus: move(s, -1) ?? s.focus } };
  // A text field takes its own keys, and its Enter comes as a submit.
  if (formTextFocus(s) && isFieldKey(k)) return { form: s };
  if (k.name === 'return') return enter(s);
  const field = s.fields[s.focus];
  const step = k.name === 'left' ? -1 : k.name === 'right' || (k.name === 'char' && k.text === ' ') ? 1 : 0;
  if (!field?.options || field.locked || step === 0) return { form: s };
  return { form: update(s, s.focus, cycle(field.options, field.value, step)) };
}

/** The option after (or before) `value`, round the list. */
export function cycle<T extends { value: string }>(options: readonly T[], value: string, step: 1 | -1): string {
  const i = options.findIndex((o) => o.value === value);
  return options[(i + step + options.length) % options.length]!.value;
}

export function formValues(s: FormState): Record<string, string> {
  return Object.fromEntries(s.fields.map((f) => [f.name, f.value]));
}

/** Puts the focus on a field (the one a refusal is about). */
export function focusOn(s: FormState, name: string): FormState {
  const i = s.fields.findIndex((f) => f.name === name);
  return i < 0 ? s : { ...s, focus: i };
}

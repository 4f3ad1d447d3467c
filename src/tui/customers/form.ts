import type { KeyEvent } from '../keys';
import { applyEdit, type TextState } from '../textEdit';

// A form of one-line fields, as the customer screens use it: Tab or ↓ to the next field, ↑ to
// the one before, Enter to the next and, on the last, to submit. A pure reducer: the screen
// draws it and acts on submit.

export interface FormField {
  name: string;
  label: string;
  value: TextState;
  /** Shown but not editable (a manager's field for a cashier). */
  locked?: boolean;
  maxLength?: number;
}

export interface FormState {
  fields: FormField[];
  focus: number;
}

export function makeForm(fields: { name: string; label: string; value?: string; locked?: boolean; maxLength?: number }[]): FormState {
  const out = fields.map((f) => ({ ...f, value: { value: f.value ?? '', cursor: (f.value ?? '').length } }));
  return { fields: out, focus: Math.max(0, out.findIndex((f) => !f.locked)) };
}

function move(s: FormState, by: 1 | -1): number | null {
  for (let i = s.focus + by; i >= 0 && i < s.fields.length; i += by) if (!s.fields[i]!.locked) return i;
  return null;
}

/** One key: the form as it becomes, and whether it was submitted or left. */
export function formKey(s: FormState, e: KeyEvent): { form: FormState; submit?: true; cancel?: true } {
  if (e.name === 'escape') return { form: s, cancel: true };
  if (e.name === 'tab' || e.name === 'down') return { form: { ...s, focus: move(s, 1) ?? s.focus } };
  if (e.name === 'up') return { form: { ...s, focus: move(s, -1) ?? s.focus } };
  if (e.name === 'return') {
    const next = move(s, 1);
    return next === null ? { form: s, submit: true } : { form: { ...s, focus: next } };
  }
  const field = s.fields[s.focus];
  if (!field || field.locked) return { form: s };
  const fields = s.fields.slice();
  fields[s.focus] = { ...field, value: applyEdit(field.value, e, field.maxLength ?? 60).state };
  return { form: { ...s, fields } };
}

export function formValues(s: FormState): Record<string, string> {
  return Object.fromEntries(s.fields.map((f) => [f.name, f.value.value]));
}

/** Puts the focus on a field (the one a refusal is about). */
export function focusOn(s: FormState, name: string): FormState {
  const i = s.fields.findIndex((f) => f.name === name);
  return i < 0 ? s : { ...s, focus: i };
}

import type { MessageKey } from '../../../i18n/messages';
import { dayForEdit } from '../../../domain/day';
import { cycle } from '../../customers/form';
import type { KeyEvent } from '../../keys';

// A form of one-line fields, as the back room's screens need: text fields (ink-text-input's,
// components/TextField: their text and Enter come as events of their own) and choices cycled
// with ←→. ↑↓ (or Tab, or Enter) move between fields; F12 saves, Esc leaves.

export type FormField =
  | { id: string; label: MessageKey; kind: 'text'; value: string; max: number; placeholder?: MessageKey }
  | { id: string; label: MessageKey; kind: 'choice'; options: { value: string; label: MessageKey }[]; index: number };

export interface Form {
  fields: FormField[];
  focus: number;
}

export type FormOutcome = { form: Form; submit?: true; cancel?: true };

export type FormEvent = { type: 'key'; key: KeyEvent } | { type: 'edit'; id: string; value: string } | { type: 'submit' };

export function textField(id: string, label: MessageKey, value: string, max = 60): FormField {
  return { id, label, kind: 'text', value, max };
}

/** A day, shown JJ/MM/AAAA to be edited, with the form it is typed in said while empty. */
export function dayField(id: string, label: MessageKey, day: string | null): FormField {
  return { id, label, kind: 'text', value: dayForEdit(day), max: 10, placeholder: 'day.pattern' };
}

export function choiceField(id: string, label: MessageKey, options: { value: string; label: MessageKey }[], value: string): FormField {
  return { id, label, kind: 'choice', options, index: Math.max(0, options.findIndex((o) => o.value === value)) };
}

export function form(fields: FormField[]): Form {
  return { fields, focus: 0 };
}

export function formValue(f: Form, id: string): string {
  const field = f.fields.find((x) => x.id === id);
  if (!field) return '';
  return field.kind === 'text' ? field.value : field.options[field.index]!.value;
}

export function formValues(f: Form): Record<string, string> {
  return Object.fromEntries(f.fields.map((x) => [x.id, formValue(f, x.id)]));
}

function move(f: Form, delta: number): Form {
  return { ...f, focus: Math.min(f.fields.length - 1, Math.max(0, f.focus + delta)) };
}

function update(f: Form, field: FormField): Form {
  const fields = f.fields.slice();
  fields[f.focus] = field;
  return { ...f, fields };
}

/** The text field that has the keys, if any. */
export function textFocus(f: Form): Extract<FormField, { kind: 'text' }> | null {
  const field = f.fields[f.focus];
  return field?.kind === 'text' ? field : null;
}

export function formEvent(f: Form, e: FormEvent): FormOutcome {
  if (e.type === 'edit') {
    const i = f.fields.findIndex((x) => x.id === e.id);
    const field = f.fields[i];
    if (field?.kind !== 'text') return { form: f };
    const fields = f.fields.slice();
    fields[i] = { ...field, value: e.value.slice(0, field.max) };
    return { form: { ...f, fields } };
  }
  if (e.type === 'submit') return { form: textFocus(f) ? move(f, 1) : f };
  const k = e.key;
  if (k.name === 'escape') return { form: f, cancel: true };
  if (k.name === 'f12') return { form: f, submit: true };
  if (k.name === 'up') return { form: move(f, -1) };
  if (k.name === 'down' || k.name === 'tab') return { form: move(f, 1) };
  // A text field takes its own keys; its Enter comes as a submit.
  const field = f.fields[f.focus]!;
  if (field.kind === 'text') return { form: f };
  if (k.name === 'return') return { form: move(f, 1) };
  const step = k.name === 'left' ? -1 : k.name === 'right' || (k.name === 'char' && k.text === ' ') ? 1 : 0;
  if (step === 0) return { form: f };
  const value = cycle(field.options, field.options[field.index]!.value, step);
  return { form: update(f, { ...field, index: field.options.findIndex((o) => o.value === value) }) };
}

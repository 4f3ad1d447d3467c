import type { MessageKey } from '../../../i18n/messages';
import type { KeyEvent } from '../../keys';
import { applyEdit, type TextState } from '../../textEdit';

// A form of one-line fields, as the back room's screens need: text fields edited in place and
// choices cycled with ←→. ↑↓ (or Tab, or Enter) move between fields; F12 saves, Esc leaves.

export type FormField =
  | { id: string; label: MessageKey; kind: 'text'; input: TextState; max: number }
  | { id: string; label: MessageKey; kind: 'choice'; options: { value: string; label: MessageKey }[]; index: number };

export interface Form {
  fields: FormField[];
  focus: number;
}

export type FormOutcome = { form: Form; submit?: true; cancel?: true };

export function textField(id: string, label: MessageKey, value: string, max = 60): FormField {
  return { id, label, kind: 'text', input: { value, cursor: value.length }, max };
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
  return field.kind === 'text' ? field.input.value : field.options[field.index]!.value;
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

export function formKey(f: Form, e: KeyEvent): FormOutcome {
  if (e.name === 'escape') return { form: f, cancel: true };
  if (e.name === 'f12') return { form: f, submit: true };
  if (e.name === 'up') return { form: move(f, -1) };
  if (e.name === 'down' || e.name === 'tab' || e.name === 'return') return { form: move(f, 1) };
  const field = f.fields[f.focus]!;
  if (field.kind === 'choice') {
    const step = e.name === 'left' ? -1 : e.name === 'right' || (e.name === 'char' && e.text === ' ') ? 1 : 0;
    if (step === 0) return { form: f };
    const n = field.options.length;
    return { form: update(f, { ...field, index: (field.index + step + n) % n }) };
  }
  return { form: update(f, { ...field, input: applyEdit(field.input, e, field.max).state }) };
}

import type { KeyEvent } from '../../keys';
import { isFieldKey } from '../../textEdit';

// A manager's code and PIN typed in a back-office form (issuing a voucher, cancelling one).
// The fields are ink-text-input's (components/TextField): their text and Enter come as events.

export type ApprovalField = 'code' | 'pin';

export interface Approval {
  code: string;
  pin: string;
  focus: ApprovalField;
}

export const newApproval = (): Approval => ({ code: '', pin: '', focus: 'code' });

export type ApprovalEvent =
  | { type: 'key'; key: KeyEvent }
  | { type: 'edit'; field: ApprovalField; value: string }
  | { type: 'submit' };

/** The approval's fields as a screen names them among its others (useFieldKeys). */
export const approvalFieldName = (f: ApprovalField) => `approval.${f}`;

/** The approval's field that has the keys, named for the screen. */
export function approvalFocus(a: Approval): { field: string; value: string } {
  return { field: approvalFieldName(a.focus), value: a[a.focus] };
}

/** An edit or Enter given by the screen (useFieldKeys), as the approval's event; null if it is another field's. */
export function approvalInput(e: { type: 'edit'; field: string; value: string } | { type: 'submit' }): ApprovalEvent | null {
  if (e.type === 'submit') return e;
  const field = (['code', 'pin'] as const).find((f) => approvalFieldName(f) === e.field);
  return field ? { type: 'edit', field, value: e.value } : null;
}

/** Enter on the code moves to the PIN; Enter on the PIN gives both to check. ↑↓ and Tab move too. */
export function approvalEvent(a: Approval, e: ApprovalEvent): { approval: Approval; submit?: { code: string; pin: string } } {
  switch (e.type) {
    case 'edit':
      return { approval: { ...a, [e.field]: e.value.slice(0, 12) } };
    case 'submit':
      if (a.focus === 'code') return { approval: a.code.trim() ? { ...a, focus: 'pin' } : a };
      return { approval: newApproval(), submit: { code: a.code, pin: a.pin } };
    case 'key':
      if (isFieldKey(e.key)) return { approval: a };
      if (e.key.name === 'tab' || e.key.name === 'down' || e.key.name === 'up') return { approval: { ...a, focus: a.focus === 'code' ? 'pin' : 'code' } };
      return { approval: a };
  }
}

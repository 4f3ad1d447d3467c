import type { KeyEvent } from '../../keys';
import { applyEdit, type TextState } from '../../textEdit';

// A manager's code and PIN typed in a back-office form (issuing a voucher, cancelling one).

export interface Approval {
  code: TextState;
  pin: TextState;
  focus: 'code' | 'pin';
}

const EMPTY: TextState = { value: '', cursor: 0 };

export const newApproval = (): Approval => ({ code: EMPTY, pin: EMPTY, focus: 'code' });

/** One key: Enter on the code moves to the PIN; Enter on the PIN gives both to check. */
export function approvalKey(a: Approval, e: KeyEvent): { approval: Approval; submit?: { code: string; pin: string } } {
  if (a.focus === 'code') {
    const r = applyEdit(a.code, e, 12);
    if (r.submitted === undefined) return { approval: { ...a, code: r.state } };
    return { approval: r.submitted.trim() ? { ...a, code: { value: r.submitted, cursor: r.submitted.length }, focus: 'pin' } : a };
  }
  const r = applyEdit(a.pin, e, 12);
  if (r.submitted === undefined) return { approval: { ...a, pin: r.state } };
  return { approval: newApproval(), submit: { code: a.code.value, pin: r.submitted } };
}

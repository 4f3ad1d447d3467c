import type { Operator } from '../../../app/session';
import { parseDay } from '../../../domain/day';
import { parseEuros } from '../../../domain/money';
import type { Voucher } from '../../../domain/voucher';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';
import { approvalKey, newApproval, type Approval } from './approvalState';

// The form that issues a voucher for a trade-in or by hand: a manager approves first (unless
// the operator is one), then the kind, amount, customer, what was taken back, last day.

export const ISSUE_FIELDS = ['origin', 'amount', 'customer', 'note', 'expires'] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];
type TextField = Exclude<IssueField, 'origin'>;

export interface IssueState {
  step: 'approval' | 'form' | 'done';
  approval: Approval;
  approver: Operator | null;
  origin: 'trade_in' | 'manual';
  fields: Record<TextField, TextState>;
  focus: IssueField;
  busy: boolean;
  message: Message | null;
  issued: Voucher | null;
}

export interface IssueOrderInput {
  origin: 'trade_in' | 'manual';
  amountCents: number;
  customerCode: string | null;
  note: string;
  expiresOn: string | null;
}

export type IssueEvent =
  | { type: 'key'; key: KeyEvent }
  | { type: 'approved'; manager: Operator }
  | { type: 'busy' }
  | { type: 'issued'; voucher: Voucher }
  | { type: 'message'; message: Message };

export type IssueEffect = { kind: 'approve'; code: string; pin: string } | { kind: 'issue'; order: IssueOrderInput } | null;

const EMPTY: TextState = { value: '', cursor: 0 };

export function initialIssue(operator: Operator): IssueState {
  const manager = operator.role === 'manager';
  return {
    step: manager ? 'form' : 'approval',
    approval: newApproval(),
    approver: manager ? operator : null,
    origin: 'trade_in',
    fields: { amount: EMPTY, customer: EMPTY, note: EMPTY, expires: EMPTY },
    focus: 'amount',
    busy: false,
    message: null,
    issued: null,
  };
}

const error = (key: Message['key'], params?: Message['params']): Message => ({ key, params, tone: 'error' });

/** What the form holds, read: the amount and the day checked, or the message saying what is wrong. */
export function readIssueForm(s: IssueState): { order: IssueOrderInput } | { error: Message } {
  const amountText = s.fields.amount.value.trim();
  const amountCents = parseEuros(amountText);
  if (amountText === '' || amountCents === null) return { error: error('amount.invalid', { text: amountText }) };
  if (amountCents === 0) return { error: error('voucher.amountZero') };
  if (amountCents < 0) return { error: error('voucher.amountNegative') };
  const expiresText = s.fields.expires.value.trim();
  const expiresOn = expiresText === '' ? null : parseDay(expiresText);
  if (expiresText !== '' && !expiresOn) return { error: error('cli.dateInvalid', { text: expiresText }) };
  return { order: { origin: s.origin, amountCents, customerCode: s.fields.customer.value.trim() || null, note: s.fields.note.value.trim(), expiresOn } };
}

/** Applies an event; says what the screen must do about it (check a PIN, issue the voucher). */
export function issueReducer(s: IssueState, e: IssueEvent): { state: IssueState; effect: IssueEffect } {
  const none = (state: IssueState) => ({ state, effect: null });
  switch (e.type) {
    case 'approved':
      return none({ ...s, step: 'form', approver: e.manager, busy: false, message: null });
    case 'busy':
      return none({ ...s, busy: true, message: null });
    case 'issued':
      return none({ ...s, step: 'done', busy: false, issued: e.voucher, message: null });
    case 'message':
      return none({ ...s, busy: false, message: e.message });
    case 'key': {
      if (s.busy || s.step === 'done') return none(s);
      const k = e.key;
      if (s.step === 'approval') {
        const r = approvalKey(s.approval, k);
        return { state: { ...s, approval: r.approval, message: null }, effect: r.submit ? { kind: 'approve', ...r.submit } : null };
      }
      if (k.name === 'tab' || k.name === 'down' || k.name === 'up') {
        const i = ISSUE_FIELDS.indexOf(s.focus) + (k.name === 'up' ? -1 : 1);
        return none({ ...s, focus: ISSUE_FIELDS[(i + ISSUE_FIELDS.length) % ISSUE_FIELDS.length]! });
      }
      if (k.name === 'return') {
        const read = readIssueForm(s);
        if ('error' in read) return none({ ...s, message: read.error });
        return { state: { ...s, busy: true, message: null }, effect: { kind: 'issue', order: read.order } };
      }
      if (s.focus === 'origin') {
        if (k.name === 'left' || k.name === 'right' || (k.name === 'char' && k.text === ' ')) return none({ ...s, origin: s.origin === 'trade_in' ? 'manual' : 'trade_in' });
        return none(s);
      }
      const field = s.focus;
      return none({ ...s, fields: { ...s.fields, [field]: applyEdit(s.fields[field], k, field === 'note' ? 60 : 20).state } });
    }
  }
}

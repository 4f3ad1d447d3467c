import { isManager } from '../../../app/session';
import type { Operator } from '../../../app/session';
import { readDay } from '../../../domain/day';
import { parseEuros } from '../../../domain/money';
import type { Voucher } from '../../../domain/voucher';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { approvalEvent, newApproval, type Approval, type ApprovalEvent } from './approvalState';

// The form that issues a voucher for a trade-in or by hand: a manager approves first (unless
// the operator is one), then the kind, amount, customer, what was taken back, last day. The
// text fields are ink-text-input's: their text and Enter come as events of their own.

export const ISSUE_FIELDS = ['origin', 'amount', 'customer', 'note', 'expires'] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];
export type IssueText = Exclude<IssueField, 'origin'>;

/** How many characters each text field takes. */
export const ISSUE_LENGTH: Record<IssueText, number> = { amount: 20, customer: 20, note: 60, expires: 10 };

export interface IssueState {
  step: 'approval' | 'form' | 'done';
  approval: Approval;
  approver: Operator | null;
  origin: 'trade_in' | 'manual';
  fields: Record<IssueText, string>;
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
  | { type: 'edit'; field: IssueText; value: string }
  /** Enter in the text field that has the focus. */
  | { type: 'submit' }
  | { type: 'approval'; event: ApprovalEvent }
  | { type: 'approved'; manager: Operator }
  | { type: 'busy' }
  | { type: 'issued'; voucher: Voucher }
  | { type: 'message'; message: Message };

export type IssueEffect = { kind: 'approve'; code: string; pin: string } | { kind: 'issue'; order: IssueOrderInput } | null;

export function initialIssue(operator: Operator): IssueState {
  const manager = isManager(operator);
  return {
    step: manager ? 'form' : 'approval',
    approval: newApproval(),
    approver: manager ? operator : null,
    origin: 'trade_in',
    fields: { amount: '', customer: '', note: '', expires: '' },
    focus: 'amount',
    busy: false,
    message: null,
    issued: null,
  };
}

const error = (key: Message['key'], params?: Message['params']): Message => ({ key, params, tone: 'error' });

/** What the form holds, read: the amount and the day checked, or the message saying what is wrong. */
export function readIssueForm(s: IssueState): { order: IssueOrderInput } | { error: Message } {
  const amountText = s.fields.amount.trim();
  const amountCents = parseEuros(amountText);
  if (amountText === '' || amountCents === null) return { error: error('amount.invalid', { text: amountText }) };
  if (amountCents === 0) return { error: error('voucher.amountZero') };
  if (amountCents < 0) return { error: error('voucher.amountNegative') };
  let expiresOn: string | null = null;
  if (s.fields.expires.trim() !== '') {
    const day = readDay(s.fields.expires);
    if ('error' in day) return { error: error(day.error, day.params) };
    expiresOn = day.day;
  }
  return { order: { origin: s.origin, amountCents, customerCode: s.fields.customer.trim() || null, note: s.fields.note.trim(), expiresOn } };
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
    case 'approval': {
      if (s.busy || s.step !== 'approval') return none(s);
      const r = approvalEvent(s.approval, e.event);
      return { state: { ...s, approval: r.approval, message: null }, effect: r.submit ? { kind: 'approve', ...r.submit } : null };
    }
    case 'edit':
      return none(s.busy || s.step !== 'form' ? s : { ...s, fields: { ...s.fields, [e.field]: e.value.slice(0, ISSUE_LENGTH[e.field]) }, message: null });
    case 'submit':
      return s.busy || s.step !== 'form' ? none(s) : issue(s);
    case 'key': {
      if (s.busy || s.step === 'done') return none(s);
      const k = e.key;
      if (s.step === 'approval') return issueReducer(s, { type: 'approval', event: { type: 'key', key: k } });
      if (k.name === 'tab' || k.name === 'down' || k.name === 'up') {
        const i = ISSUE_FIELDS.indexOf(s.focus) + (k.name === 'up' ? -1 : 1);
        return none({ ...s, focus: ISSUE_FIELDS[(i + ISSUE_FIELDS.length) % ISSUE_FIELDS.length]! });
      }
      // A text field takes its own keys (and Enter, as a submit).
      if (s.focus !== 'origin') return none(s);
      if (k.name === 'return') return issue(s);
      if (k.name === 'left' || k.name === 'right' || (k.name === 'char' && k.text === ' ')) return none({ ...s, origin: s.origin === 'trade_in' ? 'manual' : 'trade_in' });
      return none(s);
    }
  }
}

function issue(s: IssueState): { state: IssueState; effect: IssueEffect } {
  const read = readIssueForm(s);
  if ('error' in read) return { state: { ...s, message: read.error }, effect: null };
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'issue', order: read.order } };
}

/** The text field that has the keys, if any. */
export function issueTextFocus(s: IssueState): IssueText | null {
  return s.step === 'form' && s.focus !== 'origin' ? s.focus : null;
}

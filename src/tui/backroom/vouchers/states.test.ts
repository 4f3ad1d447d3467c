import { describe, expect, it } from 'vitest';
import type { Operator } from '../../../app/session';
import type { Voucher } from '../../../domain/voucher';
import { typeInto } from '../../../testing/typeInto';
import type { ApprovalEvent } from './approvalState';
import { browserReducer, initialBrowser, textFocus, type BrowserEffect, type BrowserEvent, type BrowserState } from './browserState';
import { initialIssue, issueReducer, issueTextFocus, type IssueEffect, type IssueEvent, type IssueState } from './issueState';

const CASHIER: Operator = { id: 1, code: '1', name: 'Camille', role: 'cashier' };
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

const issueKeys = (s: IssueState, text: string) =>
  typeInto<IssueState, IssueEffect>(s, text, {
    focus: (st) => (st.step === 'approval' ? { field: st.approval.focus, value: st.approval[st.approval.focus] } : issueTextFocus(st) ? { field: st.focus, value: st.fields[issueTextFocus(st)!] } : null),
    step: (st, e) => {
      if (st.step === 'approval' && e.type !== 'key') return issueReducer(st, { type: 'approval', event: e as ApprovalEvent });
      return issueReducer(st, e as IssueEvent);
    },
  });

describe('issuing a voucher, as a form', () => {
  it('asks a cashier for a manager first, then takes the kind, amount, customer, note and last day', () => {
    let s = initialIssue(CASHIER);
    expect(s.step).toBe('approval');
    const asked = issueKeys(s, '2\r9999\r');
    expect(asked.effects).toEqual([{ kind: 'approve', code: '2', pin: '9999' }]);
    s = issueReducer(asked.state, { type: 'approved', manager: MANAGER }).state;
    expect(s).toMatchObject({ step: 'form', approver: MANAGER, focus: 'amount', origin: 'trade_in' });
    // Up to the kind, switch it to "by hand", then down through the fields.
    const filled = issueKeys(s, '\x1b[A\x1b[C\t12,50\tC-1001\tgeste\t31/12/2030\r');
    expect(filled.effects).toEqual([{ kind: 'issue', order: { origin: 'manual', amountCents: 1250, customerCode: 'C-1001', note: 'geste', expiresOn: '2030-12-31' } }]);
    expect(filled.state.busy).toBe(true);
  });

  it('a manager fills it at once; each bad value is said and nothing is issued', () => {
    const s = initialIssue(MANAGER);
    expect(s.step).toBe('form');
    for (const [typed, key] of [['\r', 'amount.invalid'], ['0\r', 'voucher.amountZero'], ['-4\r', 'voucher.amountNegative'], ['abc\r', 'amount.invalid']] as const) {
      const r = issueKeys(s, typed);
      expect(r.effects).toEqual([]);
      expect(r.state.message?.key).toBe(key);
    }
    const badDay = issueKeys(s, '10\t\t\t31/02/2030\r');
    expect(badDay.effects).toEqual([]);
    expect(badDay.state.message).toMatchObject({ key: 'day.noSuchDay', params: { text: '31/02/2030', days: 28 } });
  });
});

const browse = (s: BrowserState, text: string, opts: { manager?: boolean } = {}) =>
  typeInto<BrowserState, BrowserEffect>(s, text, {
    focus: (st) => (st.mode === 'approval' ? { field: st.approval.focus, value: st.approval[st.approval.focus] } : textFocus(st) ? { field: st.focus, value: st.filters[textFocus(st)!] } : null),
    step: (st, e) => {
      if (e.type === 'key') return browserReducer(st, { type: 'key', key: e.key, pageSize: 2, cancelKey: e.key.name === 'f8', reprintKey: e.key.name === 'f9', isManager: opts.manager ?? false });
      if (st.mode === 'approval') return browserReducer(st, { type: 'approval', event: e as ApprovalEvent });
      return browserReducer(st, e as BrowserEvent);
    },
  });

const voucher = (code: string): Voucher => ({
  id: 1, code, origin: 'manual', initialCents: 1000, balanceCents: 600, status: 'active', customer: null, storeCode: 'M01', terminalCode: 'T01', ticket: null,
  createdAt: new Date('2026-11-01T10:00:00Z'), expiresOn: '2030-01-01', expiresAt: new Date('2030-01-02'), closedAt: null, note: '',
});

describe('the voucher browser, as a reducer', () => {
  it('searches with the filters typed, pages through with the same query, opens a voucher, goes back', () => {
    let s = initialBrowser();
    const typed = browse(s, 'petit\t\t01/01/2026\t\t\x1b[C\r');
    const query = { code: 'petit', customer: '', from: '01/01/2026', to: '', status: 'active' };
    expect(typed.effects).toEqual([{ kind: 'search', query, page: 0 }]);
    s = browserReducer(typed.state, { type: 'results', query, page: 0, result: { total: 3, vouchers: [voucher('A'), voucher('B')] } }).state;
    expect(s).toMatchObject({ mode: 'list', index: 0, busy: false });
    // The fields edited meanwhile do not change the query the next page is read with.
    const paged = browse(s, '\x1b[B\x1b[6~');
    expect(paged.state.index).toBe(1);
    expect(paged.effects).toEqual([{ kind: 'search', query, page: 1 }]);
    s = browserReducer(paged.state, { type: 'results', query, page: 1, result: { total: 3, vouchers: [voucher('C')] } }).state;
    expect(browse(s, '\x1b[6~').effects).toEqual([]); // no page after the last
    expect(browse(s, '\r').effects).toEqual([{ kind: 'open', code: 'C' }]);
    s = browserReducer(s, { type: 'detail', voucher: voucher('C'), movements: [] }).state;
    expect(s.mode).toBe('detail');
    expect(browse(s, '\x1b[20~').effects).toEqual([{ kind: 'reprint', voucher: voucher('C') }]);
    expect(browse(s, '\x1b').state.mode).toBe('list');
    expect(browse(browse(s, '\x1b').state, '\x1b').effects).toEqual([{ kind: 'back' }]);
  });

  it('cancels after a confirmation, asking a cashier for a manager; Esc steps back', () => {
    const s = browserReducer(initialBrowser(), { type: 'detail', voucher: voucher('C'), movements: [] }).state;
    expect(browse(s, '\x1b[19~').state.mode).toBe('confirmCancel');
    expect(browse(s, '\x1b[19~\x1b').state.mode).toBe('detail');
    expect(browse(s, '\x1b[19~\r', { manager: true }).effects).toEqual([{ kind: 'cancel', code: 'C', approval: null }]);
    const cashier = browse(s, '\x1b[19~\r2\r9999\r');
    expect(cashier.effects).toEqual([{ kind: 'cancel', code: 'C', approval: { code: '2', pin: '9999' } }]);
    const refused = browserReducer(cashier.state, { type: 'message', message: { key: 'login.failed', tone: 'error' } }).state;
    expect(refused).toMatchObject({ mode: 'detail', busy: false, message: { key: 'login.failed' } });
  });

  it('opens on the newest vouchers, the keys left on the code filter', () => {
    const opened = browserReducer(initialBrowser(), { type: 'start' });
    const query = { code: '', customer: '', from: '', to: '', status: '' };
    expect(opened.effect).toEqual({ kind: 'search', query, page: 0, opening: true });
    // Keys are taken while the page is read: Tab moves on, and back.
    expect(browse(opened.state, '\t').state.focus).toBe('customer');
    const s = browserReducer(opened.state, { type: 'results', query, page: 0, result: { total: 3, vouchers: [voucher('C'), voucher('B')] }, opening: true }).state;
    expect(s).toMatchObject({ mode: 'filters', focus: 'code', busy: false, result: { total: 3 } });
    // ↓ goes to the rows; a code typed and Enter searches it.
    expect(browse(s, '\x1b[B').state.mode).toBe('list');
    const searched = browse(s, 'BA\r');
    expect(searched.effects).toEqual([{ kind: 'search', query: { ...query, code: 'BA' }, page: 0 }]);
    // The opening page, late, does not replace what was asked since.
    const late = browserReducer(browse(opened.state, 'BA\r').state, { type: 'results', query, page: 0, result: { total: 3, vouchers: [voucher('C')] }, opening: true }).state;
    expect(late).toMatchObject({ busy: true, result: null });
  });

  it('says when nothing matches and stays on the filters', () => {
    const s = browserReducer(initialBrowser(), { type: 'results', query: { code: 'ZZ', customer: '', from: '', to: '', status: '' }, page: 0, result: { total: 0, vouchers: [] } }).state;
    expect(s).toMatchObject({ mode: 'filters', message: { key: 'voucher.none' } });
  });
});

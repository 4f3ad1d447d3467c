import type { VoucherPage } from '../../../data/vouchers';
import { VOUCHER_STATUSES, type Voucher, type VoucherMovement, type VoucherStatus } from '../../../domain/voucher';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { isFieldKey } from '../../textEdit';
import { approvalEvent, newApproval, type Approval, type ApprovalEvent } from './approvalState';

// The back-office voucher screen: filters (code, customer, validity period, status), a page of
// results, a voucher's detail with every movement; cancel and reprint from the detail. It opens
// on the newest vouchers. The text filters are ink-text-input fields: their text and Enter come
// as events of their own, the other keys as keys.

export const FILTER_FIELDS = ['code', 'customer', 'from', 'to', 'status'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type TextFilter = Exclude<FilterField, 'status'>;

export interface Filters {
  code: string;
  customer: string;
  from: string;
  to: string;
  status: VoucherStatus | null;
}

/** How many characters each text filter takes. */
export const FILTER_LENGTH: Record<TextFilter, number> = { code: 20, customer: 30, from: 10, to: 10 };

export interface BrowserState {
  mode: 'filters' | 'list' | 'detail' | 'confirmCancel' | 'approval';
  filters: Filters;
  focus: FilterField;
  /** The filters of the results shown: paging keeps them even if the fields were edited since. */
  query: QueryInput | null;
  page: number;
  result: VoucherPage | null;
  index: number;
  detail: { voucher: Voucher; movements: VoucherMovement[] } | null;
  approval: Approval;
  busy: boolean;
  /** The newest vouchers are being read as the screen opens: keys are taken meanwhile, and stay on the filters. */
  opening: boolean;
  message: Message | null;
}

export interface QueryInput {
  code: string;
  customer: string;
  from: string;
  to: string;
  status: string;
}

export type BrowserEvent =
  /** The screen opens: the newest vouchers are shown. */
  | { type: 'start' }
  | { type: 'key'; key: KeyEvent; pageSize: number; cancelKey: boolean; reprintKey: boolean; isManager: boolean }
  | { type: 'edit'; field: TextFilter; value: string }
  /** Enter in the text filter that has the focus. */
  | { type: 'submit' }
  | { type: 'approval'; event: ApprovalEvent }
  /** `opening`: the newest vouchers, read as the screen opened. */
  | { type: 'results'; query: QueryInput; page: number; result: VoucherPage; opening?: boolean }
  | { type: 'detail'; voucher: Voucher; movements: VoucherMovement[] }
  | { type: 'message'; message: Message | null };

export type BrowserEffect =
  | { kind: 'search'; query: QueryInput; page: number; opening?: true }
  | { kind: 'open'; code: string }
  | { kind: 'cancel'; code: string; approval: { code: string; pin: string } | null }
  | { kind: 'reprint'; voucher: Voucher }
  | { kind: 'back' }
  | null;

export function initialBrowser(): BrowserState {
  return {
    mode: 'filters', filters: { code: '', customer: '', from: '', to: '', status: null }, focus: 'code', query: null,
    page: 0, result: null, index: 0, detail: null, approval: newApproval(), busy: false, opening: false, message: null,
  };
}

function queryOf(f: Filters): QueryInput {
  return { code: f.code, customer: f.customer, from: f.from, to: f.to, status: f.status ?? '' };
}

/** The text filter that has the keys, if any. */
export function textFocus(s: BrowserState): TextFilter | null {
  return s.mode === 'filters' && s.focus !== 'status' ? s.focus : null;
}

export function pageCount(s: BrowserState, pageSize: number): number {
  return Math.max(1, Math.ceil((s.result?.total ?? 0) / pageSize));
}

/** The status filter's next value: all, then each status in turn. */
function cycleStatus(current: VoucherStatus | null, step: 1 | -1): VoucherStatus | null {
  const all: (VoucherStatus | null)[] = [null, ...VOUCHER_STATUSES];
  return all[(all.indexOf(current) + step + all.length) % all.length]!;
}

function filtersKey(s: BrowserState, k: KeyEvent): { state: BrowserState; effect: BrowserEffect } {
  const none = (state: BrowserState) => ({ state, effect: null });
  if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
  if (k.name === 'tab') return none({ ...s, focus: FILTER_FIELDS[(FILTER_FIELDS.indexOf(s.focus) + 1) % FILTER_FIELDS.length]! });
  if (k.name === 'down' && s.result && s.result.vouchers.length > 0) return none({ ...s, mode: 'list' });
  // A text filter takes its own keys (and Enter, as a submit).
  if (s.focus !== 'status') return none(s);
  if (k.name === 'return') return search(s);
  if (k.name === 'left' || k.name === 'right' || (k.name === 'char' && k.text === ' ')) return none({ ...s, filters: { ...s.filters, status: cycleStatus(s.filters.status, k.name === 'left' ? -1 : 1) } });
  return none(s);
}

function search(s: BrowserState): { state: BrowserState; effect: BrowserEffect } {
  return { state: { ...s, busy: true, opening: false, message: null }, effect: { kind: 'search', query: queryOf(s.filters), page: 0 } };
}

export function browserReducer(s: BrowserState, e: BrowserEvent): { state: BrowserState; effect: BrowserEffect } {
  const none = (state: BrowserState) => ({ state, effect: null });
  switch (e.type) {
    case 'start':
      return { state: { ...s, opening: true }, effect: { kind: 'search', query: queryOf(s.filters), page: 0, opening: true } };
    case 'edit':
      return none(s.busy ? s : { ...s, filters: { ...s.filters, [e.field]: e.value.slice(0, FILTER_LENGTH[e.field]) }, message: null });
    case 'submit':
      return s.busy || textFocus(s) === null ? none(s) : search(s);
    case 'approval': {
      if (s.busy || s.mode !== 'approval') return none(s);
      const r = approvalEvent(s.approval, e.event);
      if (!r.submit) return none({ ...s, approval: r.approval, message: null });
      return { state: { ...s, approval: r.approval, busy: true }, effect: { kind: 'cancel', code: s.detail!.voucher.code, approval: r.submit } };
    }
    case 'results':
      if (e.opening) {
        // A search asked meanwhile has the last word.
        if (!s.opening) return none(s);
        return none({ ...s, opening: false, query: e.query, page: e.page, result: e.result, index: 0, message: e.result.total === 0 ? { key: 'voucher.none', tone: 'info' } : null });
      }
      return none({ ...s, busy: false, query: e.query, page: e.page, result: e.result, index: 0, mode: e.result.vouchers.length > 0 ? 'list' : 'filters', message: e.result.total === 0 ? { key: 'voucher.none', tone: 'info' } : null });
    case 'detail':
      return none({ ...s, busy: false, mode: 'detail', detail: { voucher: e.voucher, movements: e.movements } });
    case 'message':
      return none({ ...s, busy: false, message: e.message, mode: s.mode === 'approval' || s.mode === 'confirmCancel' ? 'detail' : s.mode });
    case 'key': {
      if (s.busy) return none(s);
      const k = e.key;
      switch (s.mode) {
        case 'filters':
          if (textFocus(s) !== null && isFieldKey(k)) return none(s);
          return filtersKey({ ...s, message: null }, k);
        case 'list': {
          const vouchers = s.result?.vouchers ?? [];
          if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
          if (k.name === 'tab') return none({ ...s, mode: 'filters' });
          if (k.name === 'up' && s.index === 0) return none({ ...s, mode: 'filters' });
          if (k.name === 'up' || k.name === 'down') return none({ ...s, index: Math.min(vouchers.length - 1, Math.max(0, s.index + (k.name === 'up' ? -1 : 1))) });
          if ((k.name === 'pagedown' || k.name === 'pageup') && s.query) {
            const page = Math.min(pageCount(s, e.pageSize) - 1, Math.max(0, s.page + (k.name === 'pagedown' ? 1 : -1)));
            if (page === s.page) return none(s);
            return { state: { ...s, busy: true, opening: false }, effect: { kind: 'search', query: s.query, page } };
          }
          if (k.name === 'return' && vouchers[s.index]) return { state: { ...s, busy: true, message: null }, effect: { kind: 'open', code: vouchers[s.index]!.code } };
          return none(s);
        }
        case 'detail': {
          if (k.name === 'escape') return none({ ...s, mode: 'list', message: null });
          const v = s.detail!.voucher;
          if (e.cancelKey) return none({ ...s, mode: 'confirmCancel', message: null });
          if (e.reprintKey) return { state: { ...s, message: null }, effect: { kind: 'reprint', voucher: v } };
          return none(s);
        }
        case 'confirmCancel': {
          if (k.name === 'escape') return none({ ...s, mode: 'detail' });
          if (k.name !== 'return') return none(s);
          if (!e.isManager) return none({ ...s, mode: 'approval', approval: newApproval() });
          return { state: { ...s, busy: true }, effect: { kind: 'cancel', code: s.detail!.voucher.code, approval: null } };
        }
        case 'approval': {
          if (k.name === 'escape') return none({ ...s, mode: 'detail' });
          return browserReducer(s, { type: 'approval', event: { type: 'key', key: k } });
        }
      }
    }
  }
}

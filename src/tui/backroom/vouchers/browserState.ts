import type { VoucherPage } from '../../../data/vouchers';
import { VOUCHER_STATUSES, type Voucher, type VoucherMovement, type VoucherStatus } from '../../../domain/voucher';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';
import { approvalKey, newApproval, type Approval } from './approvalState';

// The back-office voucher screen: filters (code, customer, validity period, status), a page of
// results, a voucher's detail with every movement; cancel and reprint from the detail.

export const FILTER_FIELDS = ['code', 'customer', 'from', 'to', 'status'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
type TextFilter = Exclude<FilterField, 'status'>;

export interface Filters {
  code: TextState;
  customer: TextState;
  from: TextState;
  to: TextState;
  status: VoucherStatus | null;
}

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
  | { type: 'key'; key: KeyEvent; pageSize: number; cancelKey: boolean; reprintKey: boolean; isManager: boolean }
  | { type: 'results'; query: QueryInput; page: number; result: VoucherPage }
  | { type: 'detail'; voucher: Voucher; movements: VoucherMovement[] }
  | { type: 'message'; message: Message | null };

export type BrowserEffect =
  | { kind: 'search'; query: QueryInput; page: number }
  | { kind: 'open'; code: string }
  | { kind: 'cancel'; code: string; approval: { code: string; pin: string } | null }
  | { kind: 'reprint'; voucher: Voucher }
  | { kind: 'back' }
  | null;

const EMPTY: TextState = { value: '', cursor: 0 };

export function initialBrowser(): BrowserState {
  return {
    mode: 'filters', filters: { code: EMPTY, customer: EMPTY, from: EMPTY, to: EMPTY, status: null }, focus: 'code', query: null,
    page: 0, result: null, index: 0, detail: null, approval: newApproval(), busy: false, message: null,
  };
}

function queryOf(f: Filters): QueryInput {
  return { code: f.code.value, customer: f.customer.value, from: f.from.value, to: f.to.value, status: f.status ?? '' };
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
  if (k.name === 'return') {
    const query = queryOf(s.filters);
    return { state: { ...s, busy: true, message: null }, effect: { kind: 'search', query, page: 0 } };
  }
  if (k.name === 'down' && s.result && s.result.vouchers.length > 0) return none({ ...s, mode: 'list' });
  if (s.focus === 'status') {
    if (k.name === 'left' || k.name === 'right' || (k.name === 'char' && k.text === ' ')) return none({ ...s, filters: { ...s.filters, status: cycleStatus(s.filters.status, k.name === 'left' ? -1 : 1) } });
    return none(s);
  }
  const field: TextFilter = s.focus;
  return none({ ...s, filters: { ...s.filters, [field]: applyEdit(s.filters[field], k, field === 'customer' ? 30 : 20).state } });
}

export function browserReducer(s: BrowserState, e: BrowserEvent): { state: BrowserState; effect: BrowserEffect } {
  const none = (state: BrowserState) => ({ state, effect: null });
  switch (e.type) {
    case 'results':
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
            return { state: { ...s, busy: true }, effect: { kind: 'search', query: s.query, page } };
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
          const r = approvalKey(s.approval, k);
          if (!r.submit) return none({ ...s, approval: r.approval, message: null });
          return { state: { ...s, approval: r.approval, busy: true }, effect: { kind: 'cancel', code: s.detail!.voucher.code, approval: r.submit } };
        }
      }
    }
  }
}

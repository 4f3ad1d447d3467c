import type { DefinitionFields } from '../../../app/coupons/definitionFields';
import type { CodeRecord } from '../../../data/couponCodes';
import type { DefinitionRecord } from '../../../data/coupons';
import type { UseRecord } from '../../../data/couponUses';
import type { MessageKey } from '../../../i18n/messages';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { choiceField, dayField, form, formEvent, formValues, textField, type Form, type FormEvent } from './form';

// The coupons' back room: the list of definitions, a definition's form, its codes (a page at a
// time), a code's form (to make codes, or change one), a code's uses. A pure reducer: keys and
// answers in, the state and the database work to do out.

export type Mode = 'list' | 'definition' | 'codes' | 'generate' | 'code' | 'confirmBlock' | 'uses';

/** The modes that show a form. */
export const FORM_MODES: readonly Mode[] = ['definition', 'generate', 'code'];

export interface CodesPage {
  def: DefinitionRecord;
  page: number;
  total: number;
  rows: CodeRecord[];
  index: number;
}

export interface CouponsState {
  mode: Mode;
  defs: DefinitionRecord[];
  defIndex: number;
  codes: CodesPage | null;
  form: Form | null;
  /** The definition being edited (null: a new one), or the code being changed. */
  editing: string | null;
  uses: { code: string; rows: UseRecord[] } | null;
  message: Message | null;
  busy: boolean;
  /** Codes being made: how many written of how many, and whether the operator asked to stop. */
  progress: GenerateProgress | null;
}

export interface GenerateProgress {
  done: number;
  total: number;
  /** Esc was pressed: the screen asks whether to stop (Enter) or go on (Esc). */
  confirmStop: boolean;
  /** Stop confirmed: the batch under way ends, then the whole run is rolled back. */
  stopping: boolean;
}

export type CouponsEffect =
  | { kind: 'back' }
  /** `select`: the definition to put the cursor on (the one just saved). */
  | { kind: 'loadDefinitions'; select?: string }
  | { kind: 'openDefinition'; symbol: string | null }
  | { kind: 'saveDefinition'; symbol: string | null; fields: DefinitionFields }
  | { kind: 'loadCodes'; def: DefinitionRecord; page: number }
  | { kind: 'generate'; symbol: string; values: Record<string, string> }
  | { kind: 'saveCode'; code: string; values: Record<string, string> }
  | { kind: 'setStatus'; code: string; status: 'active' | 'blocked' }
  | { kind: 'loadUses'; code: string }
  /** Stop the codes being made: nothing of them is kept. */
  | { kind: 'stopGenerate' }
  | null;

export type CouponsEvent =
  | { type: 'key'; key: KeyEvent; pageSize: number }
  /** The text of the form's field that has the keys, and its Enter (TextField). */
  | { type: 'edit'; id: string; value: string }
  | { type: 'submit' }
  | { type: 'definitions'; defs: DefinitionRecord[]; select?: string }
  | { type: 'definitionForm'; symbol: string | null; fields: DefinitionFields }
  | { type: 'codes'; page: CodesPage }
  | { type: 'uses'; code: string; rows: UseRecord[] }
  | { type: 'done'; message: Message; then: CouponsEffect }
  /** Codes being made: `done` of `total` written so far. */
  | { type: 'progress'; done: number; total: number }
  | { type: 'message'; message: Message | null };

export function initialCoupons(): CouponsState {
  return { mode: 'list', defs: [], defIndex: 0, codes: null, form: null, editing: null, uses: null, message: null, busy: true, progress: null };
}

const opt = (value: string, label: MessageKey) => ({ value, label });

/** The definition's form: every field of the seed, the choices the table offers. */
export function definitionForm(f: DefinitionFields, editing: boolean): Form {
  const fields = [
    ...(editing ? [] : [textField('symbol', 'coupon.field.symbol', f.symbol, 20)]),
    textField('name', 'coupon.field.name', f.name, 80),
    choiceField('type', 'coupon.field.type', [opt('ticket', 'coupon.type.ticket'), opt('customer', 'coupon.type.customer'), opt('customer_group', 'coupon.type.customer_group'), opt('bundle', 'coupon.type.bundle'), opt('threshold', 'coupon.type.threshold')], f.type),
    choiceField('valueKind', 'coupon.field.valueKind', [opt('percent', 'coupon.kind.percent'), opt('amount', 'coupon.kind.amount'), opt('price', 'coupon.kind.price')], f.valueKind),
    textField('value', 'coupon.field.value', f.value, 12),
    textField('items', 'coupon.field.items', f.items, 200),
    textField('minQty', 'coupon.field.minQty', f.minQty, 6),
    textField('minAmount', 'coupon.field.minAmount', f.minAmount, 12),
    textField('parts', 'coupon.field.parts', f.parts, 200),
    textField('maxBundles', 'coupon.field.maxBundles', f.maxBundles, 4),
    choiceField('holder', 'coupon.field.holder', [opt('', 'coupon.holder.default'), opt('none', 'coupon.holder.none'), opt('customer', 'coupon.holder.customer'), opt('group', 'coupon.holder.group')], f.holder),
    choiceField('customerRule', 'coupon.field.customerRule', [opt('', 'coupon.rule.default'), opt('optional', 'coupon.rule.optional'), opt('required', 'coupon.rule.required'), opt('matching', 'coupon.rule.matching')], f.customerRule),
    choiceField('limitScope', 'coupon.field.limitScope', [opt('', 'coupon.scope.none'), opt('global', 'coupon.scope.global'), opt('store', 'coupon.scope.store'), opt('customer', 'coupon.scope.customer')], f.limitScope),
    textField('limit', 'coupon.field.limit', f.limit, 7),
    dayField('validFrom', 'coupon.field.validFrom', f.validFrom),
    dayField('validUntil', 'coupon.field.validUntil', f.validUntil),
    textField('schedule', 'coupon.field.schedule', f.schedule, 120),
    choiceField('exclusive', 'coupon.field.exclusive', [opt('no', 'coupon.no'), opt('yes', 'coupon.yes')], f.exclusive ? 'yes' : 'no'),
    textField('stores', 'coupon.field.stores', f.stores, 120),
    textField('conditions', 'coupon.field.conditions', f.conditions, 500),
    textField('scheme', 'coupon.field.scheme', f.scheme, 20),
    choiceField('active', 'coupon.field.active', [opt('yes', 'coupon.yes'), opt('no', 'coupon.no')], f.active ? 'yes' : 'no'),
  ];
  return form(fields);
}

export function definitionFromForm(f: Form, symbol: string | null): DefinitionFields {
  const v = formValues(f);
  return {
    symbol: symbol ?? v.symbol!, name: v.name!, type: v.type!, valueKind: v.valueKind!, value: v.value!, items: v.items!, minQty: v.minQty!,
    minAmount: v.minAmount!, parts: v.parts!, maxBundles: v.maxBundles!, holder: v.holder!, customerRule: v.customerRule!, limitScope: v.limitScope!,
    limit: v.limit!, validFrom: v.validFrom!, validUntil: v.validUntil!, schedule: v.schedule!, exclusive: v.exclusive === 'yes', stores: v.stores!,
    conditions: v.conditions!, scheme: v.scheme!, active: v.active === 'yes',
  };
}

/** Making codes: how many, or for whom; the days and status they start with. */
export function generateForm(): Form {
  return form([
    textField('count', 'coupon.field.count', '1', 7),
    textField('customers', 'coupon.field.customers', '', 200),
    textField('membersOf', 'coupon.field.membersOf', '', 20),
    textField('groups', 'coupon.field.groups', '', 120),
    textField('code', 'coupon.field.code', '', 40),
    dayField('validFrom', 'coupon.field.validFrom', null),
    dayField('validUntil', 'coupon.field.validUntil', null),
    choiceField('status', 'coupon.field.status', [opt('inactive', 'coupon.status.inactive'), opt('active', 'coupon.status.active')], 'inactive'),
    textField('description', 'coupon.field.description', '', 120),
  ]);
}

export function codeForm(c: CodeRecord): Form {
  return form([
    dayField('validFrom', 'coupon.field.validFrom', c.validFrom),
    dayField('validUntil', 'coupon.field.validUntil', c.validUntil),
    choiceField('status', 'coupon.field.status', [opt('inactive', 'coupon.status.inactive'), opt('active', 'coupon.status.active'), opt('blocked', 'coupon.status.blocked')], c.status),
    textField('customer', 'coupon.field.customer', c.customerCode ?? '', 40),
    textField('group', 'coupon.field.group', c.groupCode ?? '', 20),
    textField('description', 'coupon.field.description', c.description, 120),
  ]);
}

type Result = { state: CouponsState; effect: CouponsEffect };

const stay = (state: CouponsState): Result => ({ state, effect: null });
const clamp = (i: number, n: number) => Math.min(Math.max(0, n - 1), Math.max(0, i));

function listKey(s: CouponsState, e: KeyEvent): Result {
  const def = s.defs[s.defIndex];
  switch (e.name) {
    case 'escape':
      return { state: s, effect: { kind: 'back' } };
    case 'up':
    case 'down':
      return stay({ ...s, defIndex: clamp(s.defIndex + (e.name === 'up' ? -1 : 1), s.defs.length), message: null });
    case 'return':
      return def ? { state: { ...s, busy: true, message: null }, effect: { kind: 'loadCodes', def, page: 0 } } : stay(s);
    case 'f2':
      return { state: { ...s, busy: true, message: null }, effect: { kind: 'openDefinition', symbol: null } };
    case 'f3':
      return def ? { state: { ...s, busy: true, message: null }, effect: { kind: 'openDefinition', symbol: def.symbol } } : stay(s);
    default:
      return stay(s);
  }
}

function codesKey(s: CouponsState, e: KeyEvent, pageSize: number): Result {
  const c = s.codes!;
  const code = c.rows[c.index];
  const pages = Math.max(1, Math.ceil(c.total / pageSize));
  switch (e.name) {
    case 'escape':
      return stay({ ...s, mode: 'list', codes: null, message: null });
    case 'up':
    case 'down':
      return stay({ ...s, codes: { ...c, index: clamp(c.index + (e.name === 'up' ? -1 : 1), c.rows.length) }, message: null });
    case 'pageup':
    case 'pagedown': {
      const page = Math.min(pages - 1, Math.max(0, c.page + (e.name === 'pageup' ? -1 : 1)));
      return page === c.page ? stay(s) : { state: { ...s, busy: true }, effect: { kind: 'loadCodes', def: c.def, page } };
    }
    case 'return':
      return code ? { state: { ...s, busy: true, message: null }, effect: { kind: 'loadUses', code: code.code } } : stay(s);
    case 'f2':
      return stay({ ...s, mode: 'generate', form: generateForm(), message: null });
    case 'f3':
      return code && code.status !== 'blocked' ? stay({ ...s, mode: 'code', form: codeForm(code), editing: code.code, message: null }) : stay(s);
    case 'f4':
      return code && code.status !== 'blocked' ? stay({ ...s, mode: 'confirmBlock', editing: code.code, message: null }) : stay(s);
    case 'f5':
      return code && code.status === 'inactive' ? { state: { ...s, busy: true }, effect: { kind: 'setStatus', code: code.code, status: 'active' } } : stay(s);
    default:
      return stay(s);
  }
}

function formKeyed(s: CouponsState, e: FormEvent): Result {
  const r = formEvent(s.form!, e);
  const back: Mode = s.mode === 'definition' ? 'list' : 'codes';
  if (r.cancel) return stay({ ...s, mode: back, form: null, editing: null, message: null });
  if (!r.submit) return stay({ ...s, form: r.form });
  const busy = { ...s, form: r.form, busy: true, message: null };
  if (s.mode === 'definition') return { state: busy, effect: { kind: 'saveDefinition', symbol: s.editing, fields: definitionFromForm(r.form, s.editing) } };
  if (s.mode === 'generate') return { state: { ...busy, progress: { done: 0, total: 0, confirmStop: false, stopping: false } }, effect: { kind: 'generate', symbol: s.codes!.def.symbol, values: formValues(r.form) } };
  return { state: busy, effect: { kind: 'saveCode', code: s.editing!, values: formValues(r.form) } };
}

/** While codes are made: Esc asks whether to stop; then Enter stops, Esc goes on. */
function progressKey(s: CouponsState, e: KeyEvent): Result {
  const p = s.progress!;
  if (p.stopping) return stay(s);
  if (!p.confirmStop) return e.name === 'escape' ? stay({ ...s, progress: { ...p, confirmStop: true } }) : stay(s);
  if (e.name === 'return') return { state: { ...s, progress: { ...p, confirmStop: false, stopping: true } }, effect: { kind: 'stopGenerate' } };
  if (e.name === 'escape') return stay({ ...s, progress: { ...p, confirmStop: false } });
  return stay(s);
}

function keyed(s: CouponsState, e: KeyEvent, pageSize: number): Result {
  // While the database answers, keys are dropped (nothing acts on a screen about to change),
  // but for codes being made, which can be stopped.
  if (s.busy) return s.progress ? progressKey(s, e) : stay(s);
  switch (s.mode) {
    case 'list':
      return listKey(s, e);
    case 'codes':
      return codesKey(s, e, pageSize);
    case 'definition':
    case 'generate':
    case 'code':
      return formKeyed(s, { type: 'key', key: e });
    case 'confirmBlock':
      if (e.name === 'return') return { state: { ...s, mode: 'codes', busy: true }, effect: { kind: 'setStatus', code: s.editing!, status: 'blocked' } };
      if (e.name === 'escape') return stay({ ...s, mode: 'codes', editing: null });
      return stay(s);
    case 'uses':
      return e.name === 'escape' || e.name === 'return' ? stay({ ...s, mode: 'codes', uses: null }) : stay(s);
  }
}

export function couponsReducer(s: CouponsState, e: CouponsEvent): Result {
  switch (e.type) {
    case 'key':
      return keyed(s, e.key, e.pageSize);
    case 'edit':
    case 'submit':
      return s.busy || !s.form || !FORM_MODES.includes(s.mode) ? stay(s) : formKeyed(s, e);
    case 'definitions':
      return stay({ ...s, defs: e.defs, defIndex: clamp(e.select === undefined ? s.defIndex : e.defs.findIndex((d) => d.symbol === e.select), e.defs.length), busy: false });
    case 'definitionForm':
      return stay({ ...s, mode: 'definition', form: definitionForm(e.fields, e.symbol !== null), editing: e.symbol, busy: false });
    case 'codes':
      return stay({ ...s, mode: 'codes', codes: e.page, busy: false });
    case 'uses':
      return stay({ ...s, mode: 'uses', uses: { code: e.code, rows: e.rows }, busy: false });
    case 'done':
      // A definition saved goes back to the list; codes made or changed, to the codes.
      return { state: { ...s, mode: s.mode === 'definition' ? 'list' : 'codes', form: null, editing: null, message: e.message, progress: null }, effect: e.then };
    case 'progress':
      return stay(s.progress ? { ...s, progress: { ...s.progress, done: e.done, total: e.total } } : s);
    case 'message':
      return stay({ ...s, message: e.message, busy: false, progress: null });
  }
}

import type { KeyPageRow } from '../../../app/itemKeys/pages';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { applyEdit, type TextState } from '../../textEdit';

// The back office's item keys: the pages of the store (every till) or of this till alone, a
// page at a time, and on it a key set (F2), removed (F4), moved (F5), a page made (F6) or
// deleted (F8, confirmed). What is typed is checked by the use case, which refuses it whole.

export type KeysAction = 'set' | 'remove' | 'move' | 'addPage' | 'removePage';
export type KeysField = 'label' | 'item' | 'caption' | 'to' | 'name';

const ACTION_KEYS: Partial<Record<KeyEvent['name'], KeysAction>> = { f2: 'set', f4: 'remove', f5: 'move', f6: 'addPage', f8: 'removePage' };
const FIELDS: Record<KeysAction, readonly KeysField[]> = { set: ['label', 'item', 'caption'], remove: ['label'], move: ['label', 'to'], addPage: ['name'], removePage: [] };
const MAX: Record<KeysField, number> = { label: 1, item: 40, caption: 20, to: 1, name: 30 };

export interface KeysForm {
  action: KeysAction;
  fields: Record<KeysField, TextState>;
  focus: KeysField | null;
}

export interface KeysState {
  /** The store's pages (false) or this till's own (true). */
  tillOnly: boolean;
  pages: readonly KeyPageRow[];
  index: number;
  form: KeysForm | null;
  busy: boolean;
  message: Message | null;
}

export interface KeysOrder {
  action: KeysAction;
  tillOnly: boolean;
  page: string;
  values: Record<KeysField, string>;
}

export type KeysEvent =
  | { type: 'pages'; pages: readonly KeyPageRow[] }
  | { type: 'key'; key: KeyEvent }
  | { type: 'done'; message: Message; page?: string }
  | { type: 'failed'; message: Message };

export type KeysEffect = { kind: 'save'; order: KeysOrder } | { kind: 'load'; tillOnly: boolean } | { kind: 'back' } | null;

const EMPTY: TextState = { value: '', cursor: 0 };
const FORM_FIELDS = { label: EMPTY, item: EMPTY, caption: EMPTY, to: EMPTY, name: EMPTY };

export const initialKeys: KeysState = { tillOnly: false, pages: [], index: 0, form: null, busy: false, message: null };

export function fieldsOf(action: KeysAction): readonly KeysField[] {
  return FIELDS[action];
}

function save(s: KeysState, form: KeysForm): { state: KeysState; effect: KeysEffect } {
  const page = s.pages[s.index];
  const values = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, v.value])) as Record<KeysField, string>;
  // A page is named by its number: the use case refuses it if it is gone meanwhile.
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'save', order: { action: form.action, tillOnly: s.tillOnly, page: page ? String(page.position) : '', values } } };
}

function formKey(s: KeysState, form: KeysForm, k: KeyEvent): { state: KeysState; effect: KeysEffect } {
  const none = (state: KeysState) => ({ state, effect: null });
  const fields = FIELDS[form.action];
  if (k.name === 'escape') return none({ ...s, form: null, message: null });
  if (form.focus === null) return k.name === 'return' ? save(s, form) : none(s);
  if (k.name === 'tab' || k.name === 'up' || k.name === 'down') {
    const i = (fields.indexOf(form.focus) + (k.name === 'up' ? -1 : 1) + fields.length) % fields.length;
    return none({ ...s, form: { ...form, focus: fields[i]! } });
  }
  if (k.name === 'return') {
    const at = fields.indexOf(form.focus);
    if (at < fields.length - 1 && form.fields[fields[at + 1]!].value === '' && fields[at + 1] !== 'caption') return none({ ...s, form: { ...form, focus: fields[at + 1]! } });
    return save(s, form);
  }
  const edited = applyEdit(form.fields[form.focus], k, MAX[form.focus]).state;
  return none({ ...s, form: { ...form, fields: { ...form.fields, [form.focus]: edited } } });
}

export function keysReducer(s: KeysState, e: KeysEvent): { state: KeysState; effect: KeysEffect } {
  const none = (state: KeysState) => ({ state, effect: null });
  switch (e.type) {
    case 'pages':
      return none({ ...s, pages: e.pages, index: Math.max(0, Math.min(s.index, e.pages.length - 1)) });
    case 'done': {
      const at = e.page === undefined ? -1 : s.pages.findIndex((p) => p.name === e.page);
      return none({ ...s, busy: false, form: null, message: e.message, index: at >= 0 ? at : s.index });
    }
    case 'failed':
      return none({ ...s, busy: false, message: e.message });
    case 'key': {
      const k = e.key;
      if (s.busy) return none(s);
      if (s.form) return formKey(s, s.form, k);
      if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
      if (k.name === 'tab') return { state: { ...s, tillOnly: !s.tillOnly, index: 0, pages: [], message: null }, effect: { kind: 'load', tillOnly: !s.tillOnly } };
      if (k.name === 'left' || k.name === 'right') {
        const n = s.pages.length;
        return none(n === 0 ? s : { ...s, index: (s.index + (k.name === 'left' ? -1 : 1) + n) % n, message: null });
      }
      const action = ACTION_KEYS[k.name];
      if (!action) return none(s);
      if (action !== 'addPage' && s.pages.length === 0) return none({ ...s, message: { key: 'keys.screen.noPage', tone: 'error' } });
      const fields = FIELDS[action];
      return none({ ...s, form: { action, fields: FORM_FIELDS, focus: fields[0] ?? null }, message: null });
    }
  }
}

import type { StoreRow, TerminalRow } from '../../../data/stores';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { isFieldKey } from '../../textEdit';

// The back room's stores and tills (admins): this till's store, its settings changed (F2); the
// tills, a new one made (F3), the selected one retired (F4, its code typed again to confirm).
// Lines (address, header, footer) are typed on one field, separated by " | ".

export type PlacesForm =
  | { kind: 'store'; fields: Record<StoreField, string>; focus: StoreField }
  | { kind: 'till'; fields: Record<TillField, string>; focus: TillField }
  | { kind: 'retire'; fields: Record<'confirm', string>; focus: 'confirm'; code: string };

export type StoreField = 'name' | 'address' | 'siret' | 'timeZone' | 'header' | 'footer';
export type TillField = 'code' | 'name';

export const FIELDS = {
  store: ['name', 'address', 'siret', 'timeZone', 'header', 'footer'],
  till: ['code', 'name'],
  retire: ['confirm'],
} as const;

export const FIELD_LENGTH = 200;
export const LINE_SEPARATOR = ' | ';

export interface PlacesState {
  store: StoreRow | null;
  tills: readonly TerminalRow[];
  index: number;
  form: PlacesForm | null;
  busy: boolean;
  message: Message | null;
}

export type PlacesOrder =
  | { kind: 'store'; code: string; name: string; address: string[]; siret: string; timeZone: string; header: string[]; footer: string[] }
  | { kind: 'till'; code: string; name: string }
  | { kind: 'retire'; code: string };

export type PlacesEvent =
  | { type: 'loaded'; store: StoreRow | null; tills: readonly TerminalRow[] }
  | { type: 'key'; key: KeyEvent; page: number }
  | { type: 'edit'; field: string; value: string }
  | { type: 'submit' }
  | { type: 'done'; message: Message }
  | { type: 'failed'; message: Message };

export type PlacesEffect = { kind: 'save'; order: PlacesOrder } | { kind: 'back' } | null;

export const initialPlaces: PlacesState = { store: null, tills: [], index: 0, form: null, busy: false, message: null };

const lines = (text: string) => text.split('|').map((l) => l.trim()).filter((l) => l !== '');

export function placesFocus(s: PlacesState): { field: string; value: string } | null {
  if (s.busy || !s.form) return null;
  const f = s.form;
  return { field: f.focus, value: (f.fields as Record<string, string>)[f.focus]! };
}

function openForm(s: PlacesState, key: KeyEvent['name']): PlacesState {
  if (key === 'f2' && s.store) {
    const st = s.store;
    return {
      ...s, message: null,
      form: { kind: 'store', focus: 'name', fields: { name: st.name, address: st.address.join(LINE_SEPARATOR), siret: st.siret ?? '', timeZone: st.timeZone ?? '', header: st.header.join(LINE_SEPARATOR), footer: st.footer.join(LINE_SEPARATOR) } },
    };
  }
  if (key === 'f3') return { ...s, message: null, form: { kind: 'till', focus: 'code', fields: { code: '', name: '' } } };
  const till = s.tills[s.index];
  if (key === 'f4' && till && !till.retiredAt) return { ...s, message: null, form: { kind: 'retire', focus: 'confirm', fields: { confirm: '' }, code: till.code } };
  return s;
}

function orderOf(s: PlacesState, f: PlacesForm): PlacesOrder | Message {
  switch (f.kind) {
    case 'store': {
      const v = f.fields;
      return { kind: 'store', code: s.store!.code, name: v.name, address: lines(v.address), siret: v.siret, timeZone: v.timeZone, header: lines(v.header), footer: lines(v.footer) };
    }
    case 'till':
      return { kind: 'till', code: f.fields.code, name: f.fields.name };
    case 'retire':
      return f.fields.confirm.trim().toUpperCase() === f.code ? { kind: 'retire', code: f.code } : { key: 'places.retireConfirm', params: { code: f.code }, tone: 'error' };
  }
}

function submit(s: PlacesState, f: PlacesForm): { state: PlacesState; effect: PlacesEffect } {
  const fields: readonly string[] = FIELDS[f.kind];
  const at = fields.indexOf(f.focus);
  if (at < fields.length - 1) return { state: { ...s, form: { ...f, focus: fields[at + 1]! } as PlacesForm }, effect: null };
  const order = orderOf(s, f);
  if ('key' in order) return { state: { ...s, message: order }, effect: null };
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'save', order } };
}

export function placesReducer(s: PlacesState, e: PlacesEvent): { state: PlacesState; effect: PlacesEffect } {
  const none = (state: PlacesState) => ({ state, effect: null });
  switch (e.type) {
    case 'loaded':
      return none({ ...s, store: e.store, tills: e.tills, index: Math.max(0, Math.min(s.index, e.tills.length - 1)) });
    case 'done':
      return none({ ...s, busy: false, form: null, message: e.message });
    case 'failed':
      return none({ ...s, busy: false, message: e.message });
    case 'edit': {
      if (s.busy || !s.form || !(FIELDS[s.form.kind] as readonly string[]).includes(e.field)) return none(s);
      return none({ ...s, form: { ...s.form, fields: { ...s.form.fields, [e.field]: e.value.slice(0, FIELD_LENGTH) } } as PlacesForm });
    }
    case 'submit':
      return s.busy || !s.form ? none(s) : submit(s, s.form);
    case 'key': {
      const k = e.key;
      if (s.busy) return none(s);
      if (s.form) {
        if (isFieldKey(k)) return none(s);
        if (k.name === 'escape') return none({ ...s, form: null, message: null });
        if (k.name === 'tab' || k.name === 'up' || k.name === 'down') {
          const fields: readonly string[] = FIELDS[s.form.kind];
          const i = (fields.indexOf(s.form.focus) + (k.name === 'up' ? -1 : 1) + fields.length) % fields.length;
          return none({ ...s, form: { ...s.form, focus: fields[i]! } as PlacesForm });
        }
        return none(s);
      }
      if (k.name === 'escape') return { state: s, effect: { kind: 'back' } };
      if (k.name === 'f2' || k.name === 'f3' || k.name === 'f4') return none(openForm(s, k.name));
      const step = k.name === 'up' ? -1 : k.name === 'down' ? 1 : k.name === 'pageup' ? -e.page : k.name === 'pagedown' ? e.page : 0;
      if (step !== 0) return none({ ...s, index: Math.max(0, Math.min(s.tills.length - 1, s.index + step)), message: null });
      return none(s);
    }
  }
}

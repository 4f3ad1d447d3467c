import type { StoreRow, TerminalRow } from '../../../data/stores';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { isFieldKey } from '../../textEdit';

// The back room's stores and tills (admins): the tills of every store, the selected one's store
// shown; that store changed (F2), a new till (F3, in that store unless another is typed), the
// selected till retired (F4, its code typed again to confirm), a new store (F5), the selected
// till's name and devices (F6). Lines (address, header, footer) are typed on one field,
// separated by " | "; scanners by spaces.

export type PlacesForm =
  | { kind: 'store'; fields: Record<StoreField, string>; focus: StoreField; code: string }
  | { kind: 'newStore'; fields: Record<NewStoreField, string>; focus: NewStoreField }
  | { kind: 'till'; fields: Record<TillField, string>; focus: TillField }
  | { kind: 'editTill'; fields: Record<EditTillField, string>; focus: EditTillField; code: string }
  | { kind: 'retire'; fields: Record<'confirm', string>; focus: 'confirm'; code: string };

export type StoreField = 'name' | 'address' | 'siret' | 'timeZone' | 'header' | 'footer';
export type NewStoreField = 'code' | StoreField;
export type TillField = 'code' | 'name' | 'store';
export type EditTillField = 'name' | 'printer' | 'drawer' | 'display' | 'scanners';

export const FIELDS = {
  store: ['name', 'address', 'siret', 'timeZone', 'header', 'footer'],
  newStore: ['code', 'name', 'address', 'siret', 'timeZone', 'header', 'footer'],
  till: ['code', 'name', 'store'],
  editTill: ['name', 'printer', 'drawer', 'display', 'scanners'],
  retire: ['confirm'],
} as const;

export const FIELD_LENGTH = 200;
export const LINE_SEPARATOR = ' | ';

export interface PlacesState {
  stores: readonly StoreRow[];
  /** The store of the till this screen runs on: shown while no till is selected. */
  home: string;
  tills: readonly TerminalRow[];
  index: number;
  form: PlacesForm | null;
  busy: boolean;
  message: Message | null;
}

export interface StoreOrder { code: string; name: string; address: string[]; siret: string; timeZone: string; header: string[]; footer: string[] }

export type PlacesOrder =
  | ({ kind: 'store' } & StoreOrder)
  | ({ kind: 'newStore' } & StoreOrder)
  | { kind: 'till'; code: string; name: string; store: string }
  | { kind: 'editTill'; code: string; name: string; devices: { printer: string; drawer: string; display: string; scanners: string[] } }
  | { kind: 'retire'; code: string };

export type PlacesEvent =
  | { type: 'loaded'; stores: readonly StoreRow[]; tills: readonly TerminalRow[] }
  | { type: 'key'; key: KeyEvent; page: number }
  | { type: 'edit'; field: string; value: string }
  | { type: 'submit' }
  | { type: 'done'; message: Message }
  | { type: 'failed'; message: Message };

export type PlacesEffect = { kind: 'save'; order: PlacesOrder } | { kind: 'back' } | null;

export function initialPlaces(home: string): PlacesState {
  return { stores: [], home, tills: [], index: 0, form: null, busy: false, message: null };
}

/** The store shown: the selected till's, else this till's. */
export function shownStore(s: PlacesState): StoreRow | null {
  const code = s.tills[s.index]?.storeCode ?? s.home;
  return s.stores.find((x) => x.code === code) ?? null;
}

const lines = (text: string) => text.split('|').map((l) => l.trim()).filter((l) => l !== '');

export function placesFocus(s: PlacesState): { field: string; value: string } | null {
  if (s.busy || !s.form) return null;
  const f = s.form;
  return { field: f.focus, value: (f.fields as Record<string, string>)[f.focus]! };
}

function openForm(s: PlacesState, key: KeyEvent['name']): PlacesState {
  const st = shownStore(s);
  const till = s.tills[s.index];
  if (key === 'f2' && st) {
    return {
      ...s, message: null,
      form: { kind: 'store', code: st.code, focus: 'name', fields: { name: st.name, address: st.address.join(LINE_SEPARATOR), siret: st.siret ?? '', timeZone: st.timeZone ?? '', header: st.header.join(LINE_SEPARATOR), footer: st.footer.join(LINE_SEPARATOR) } },
    };
  }
  if (key === 'f3') return { ...s, message: null, form: { kind: 'till', focus: 'code', fields: { code: '', name: '', store: st?.code ?? s.home } } };
  if (key === 'f4' && till && !till.retiredAt) return { ...s, message: null, form: { kind: 'retire', focus: 'confirm', fields: { confirm: '' }, code: till.code } };
  if (key === 'f5') return { ...s, message: null, form: { kind: 'newStore', focus: 'code', fields: { code: '', name: '', address: '', siret: '', timeZone: '', header: '', footer: '' } } };
  if (key === 'f6' && till && !till.retiredAt) {
    const d = till.devices;
    return { ...s, message: null, form: { kind: 'editTill', code: till.code, focus: 'name', fields: { name: till.name, printer: d.printer ?? '', drawer: d.drawer ?? '', display: d.display ?? '', scanners: (d.scanners ?? []).join(' ') } } };
  }
  return s;
}

function orderOf(f: PlacesForm): PlacesOrder | Message {
  switch (f.kind) {
    case 'store':
    case 'newStore': {
      const v = f.fields;
      const code = f.kind === 'store' ? f.code : f.fields.code;
      return { kind: f.kind, code, name: v.name, address: lines(v.address), siret: v.siret, timeZone: v.timeZone, header: lines(v.header), footer: lines(v.footer) };
    }
    case 'till':
      return { kind: 'till', code: f.fields.code, name: f.fields.name, store: f.fields.store };
    case 'editTill': {
      const v = f.fields;
      return { kind: 'editTill', code: f.code, name: v.name, devices: { printer: v.printer, drawer: v.drawer, display: v.display, scanners: v.scanners.split(/\s+/).filter(Boolean) } };
    }
    case 'retire':
      return f.fields.confirm.trim().toUpperCase() === f.code ? { kind: 'retire', code: f.code } : { key: 'places.retireConfirm', params: { code: f.code }, tone: 'error' };
  }
}

function submit(s: PlacesState, f: PlacesForm): { state: PlacesState; effect: PlacesEffect } {
  const fields: readonly string[] = FIELDS[f.kind];
  const at = fields.indexOf(f.focus);
  if (at < fields.length - 1) return { state: { ...s, form: { ...f, focus: fields[at + 1]! } as PlacesForm }, effect: null };
  const order = orderOf(f);
  if ('key' in order) return { state: { ...s, message: order }, effect: null };
  return { state: { ...s, busy: true, message: null }, effect: { kind: 'save', order } };
}

export function placesReducer(s: PlacesState, e: PlacesEvent): { state: PlacesState; effect: PlacesEffect } {
  const none = (state: PlacesState) => ({ state, effect: null });
  switch (e.type) {
    case 'loaded':
      return none({ ...s, stores: e.stores, tills: e.tills, index: Math.max(0, Math.min(s.index, e.tills.length - 1)) });
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
      if (['f2', 'f3', 'f4', 'f5', 'f6'].includes(k.name)) return none(openForm(s, k.name));
      const step = k.name === 'up' ? -1 : k.name === 'down' ? 1 : k.name === 'pageup' ? -e.page : k.name === 'pagedown' ? e.page : 0;
      if (step !== 0) return none({ ...s, index: Math.max(0, Math.min(s.tills.length - 1, s.index + step)), message: null });
      return none(s);
    }
  }
}

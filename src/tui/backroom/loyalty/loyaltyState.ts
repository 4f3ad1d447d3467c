import type { ProgramText, RewardText } from '../../../app/loyalty/formInput';
import type { ItemPoints } from '../../../app/loyalty/itemPoints';
import type { ListedReward } from '../../../app/loyalty/rewardChanges';
import type { LoyaltyProgram, RewardUnit } from '../../../domain/loyalty/program';
import type { MessageKey } from '../../../i18n/messages';
import type { KeyEvent } from '../../keys';
import type { Message } from '../../state/saleState';
import { choiceField, form, formEvent, formValues, textField, textFocus, type Form, type FormEvent, type FormField } from '../coupons/form';

// The loyalty program in the back room, in three parts a Tab apart: the program's settings (a
// form to change them), the rewards (active and not; a form to add one, its threshold changed,
// taken out or put back) and the items' own points (found by name, SKU or barcode; those that
// earn some listed). A pure reducer: keys and answers in, the state and the work to do out.

export const SECTIONS = ['program', 'rewards', 'items'] as const;
export type Section = (typeof SECTIONS)[number];

/** `view`: the section itself; the others are its forms. */
export type Mode = 'view' | 'program' | 'reward' | 'cost' | 'points';

export interface ItemList {
  /** What the rows were found with; null: the items that earn points. */
  query: string | null;
  rows: ItemPoints[];
  /** How many there are (the rows may be fewer). */
  total: number;
}

export interface LoyaltyState {
  section: Section;
  mode: Mode;
  program: LoyaltyProgram | null;
  rewards: ListedReward[];
  rewardIndex: number;
  /** The items' search field. */
  search: string;
  /** The items that earn points, and the last search's (shown instead while there is one). */
  earning: ItemList;
  found: ItemList | null;
  itemIndex: number;
  form: Form | null;
  /** The reward whose threshold, or the item whose points, the form changes. */
  reward: ListedReward | null;
  item: ItemPoints | null;
  message: Message | null;
  busy: boolean;
}

export type LoyaltyEffect =
  | { kind: 'back' }
  /** Everything read again; `search` run again too; `select`: the reward to put the cursor on. */
  | { kind: 'load'; search: string | null; select?: number }
  | { kind: 'saveProgram'; program: ProgramText }
  | { kind: 'addReward'; reward: RewardText }
  | { kind: 'setCost'; reward: ListedReward; cost: string }
  | { kind: 'turnReward'; reward: ListedReward; active: boolean }
  | { kind: 'search'; text: string }
  | { kind: 'setPoints'; item: ItemPoints; points: string }
  | null;

export type LoyaltyEvent =
  | { type: 'key'; key: KeyEvent; pageSize: number }
  /** The text of the field that has the keys (a form's, or the search), and its Enter (TextField). */
  | { type: 'edit'; id: string; value: string }
  | { type: 'submit' }
  | { type: 'loaded'; program: LoyaltyProgram; rewards: ListedReward[]; earning: ItemList; found: ItemList | null; select?: number }
  | { type: 'found'; list: ItemList }
  /** A change made: its message; then what to read again. */
  | { type: 'done'; message: Message; then: LoyaltyEffect }
  /** A refusal or a failure: said; a form stays open, its cursor on the field the refusal is about. */
  | { type: 'message'; message: Message | null };

export function initialLoyalty(): LoyaltyState {
  return {
    section: 'program', mode: 'view', program: null, rewards: [], rewardIndex: 0, search: '', earning: { query: null, rows: [], total: 0 }, found: null,
    itemIndex: 0, form: null, reward: null, item: null, message: null, busy: true,
  };
}

type Result = { state: LoyaltyState; effect: LoyaltyEffect };

const stay = (state: LoyaltyState): Result => ({ state, effect: null });
const clamp = (i: number, n: number) => Math.min(Math.max(0, n - 1), Math.max(0, i));
const opt = (value: string, label: MessageKey) => ({ value, label });
const withPlaceholder = (f: FormField, placeholder: MessageKey): FormField => ({ ...f, placeholder }) as FormField;

/** The items the items' part lists: the last search's, or those that earn points. */
export const itemsShown = (s: LoyaltyState): ItemList => s.found ?? s.earning;

export function programForm(p: LoyaltyProgram): Form {
  return form([
    textField('pointsPerEuro', 'loyaltyBo.field.pointsPerEuro', String(p.pointsPerEuro), 4),
    choiceField('countVisits', 'loyaltyBo.field.visits', [opt('yes', 'loyaltyBo.yes'), opt('no', 'loyaltyBo.no')], p.countVisits ? 'yes' : 'no'),
    withPlaceholder(textField('expiry', 'loyaltyBo.field.expiry', p.expireMonths === null ? '' : String(p.expireMonths), 6), 'loyaltyBo.expiryEmpty'),
    withPlaceholder(textField('cardPrefix', 'loyaltyBo.field.cardPrefix', p.cardPrefix ?? '', 10), 'loyaltyBo.prefixEmpty'),
  ]);
}

/** The label of the gift's value says what to type: an amount, a percentage or an item. */
const VALUE_LABEL: Record<string, MessageKey> = { amount: 'loyaltyBo.field.amount', percent: 'loyaltyBo.field.percent', item: 'loyaltyBo.field.item' };

export function rewardForm(): Form {
  return form([
    textField('name', 'loyaltyBo.field.name', '', 40),
    choiceField('unit', 'loyaltyBo.field.unit', [opt('points', 'loyaltyBo.unit.points'), opt('visits', 'loyaltyBo.unit.visits')], 'points'),
    textField('cost', 'loyaltyBo.field.cost', '', 7),
    choiceField('gift', 'loyaltyBo.field.gift', [opt('amount', 'loyaltyBo.gift.amount'), opt('percent', 'loyaltyBo.gift.percent'), opt('item', 'loyaltyBo.gift.item')], 'amount'),
    textField('value', VALUE_LABEL.amount!, '', 40),
    choiceField('automatic', 'loyaltyBo.field.automatic', [opt('no', 'loyaltyBo.automatic.no'), opt('yes', 'loyaltyBo.automatic.yes')], 'no'),
  ]);
}

function relabel(f: Form): Form {
  const label = VALUE_LABEL[formValues(f).gift ?? ''];
  return label ? { ...f, fields: f.fields.map((x) => (x.id === 'value' ? { ...x, label } : x)) } : f;
}

export function costForm(r: ListedReward): Form {
  return form([textField('cost', r.unit === 'points' ? 'loyaltyBo.field.costPoints' : 'loyaltyBo.field.costVisits', String(r.cost), 7)]);
}

export function pointsForm(i: ItemPoints): Form {
  return form([textField('points', 'loyaltyBo.field.points', String(i.points), 6)]);
}

/** The text field that has the keys: a form's, or the items' search; none while the database answers. */
export function fieldFocus(s: LoyaltyState): { field: string; value: string } | null {
  if (s.busy) return null;
  if (s.mode !== 'view') {
    const f = s.form ? textFocus(s.form) : null;
    return f && { field: f.id, value: f.value };
  }
  return s.section === 'items' ? { field: 'search', value: s.search } : null;
}

/** The form's field a refusal is about, to put the cursor there. */
const FIELD_OF: Partial<Record<MessageKey, string>> = {
  'loyalty.pointsPerEuroInvalid': 'pointsPerEuro', 'loyalty.expiryInvalid': 'expiry', 'loyalty.prefixInvalid': 'cardPrefix',
  'loyalty.rewardNameInvalid': 'name', 'loyalty.costInvalid': 'cost', 'loyalty.giftInvalid': 'value', 'loyalty.giftItemMissing': 'value',
  'amount.invalid': 'value', 'cli.percentInvalid': 'value', 'item.unknownCode': 'value', 'item.badCheckDigit': 'value',
};

function focusOn(f: Form, key: MessageKey): Form {
  const i = f.fields.findIndex((x) => x.id === FIELD_OF[key]);
  return i < 0 ? f : { ...f, focus: i };
}

const nextSection = (s: Section, step: number): Section => SECTIONS[(SECTIONS.indexOf(s) + step + SECTIONS.length) % SECTIONS.length]!;

function open(s: LoyaltyState, mode: Mode, f: Form, more: Partial<LoyaltyState> = {}): Result {
  return stay({ ...s, mode, form: f, message: null, ...more });
}

function viewKey(s: LoyaltyState, e: KeyEvent, pageSize: number): Result {
  if (e.name === 'escape') return { state: s, effect: { kind: 'back' } };
  if (e.name === 'tab') return stay({ ...s, section: nextSection(s.section, 1) });
  const moves: Partial<Record<KeyEvent['name'], number>> = { up: -1, down: 1, pageup: -pageSize, pagedown: pageSize };
  const step = moves[e.name];
  switch (s.section) {
    case 'program':
      return (e.name === 'return' || e.name === 'f3') && s.program ? open(s, 'program', programForm(s.program)) : stay(s);
    case 'rewards': {
      const r = s.rewards[s.rewardIndex];
      if (step !== undefined) return stay({ ...s, rewardIndex: clamp(s.rewardIndex + step, s.rewards.length) });
      if (e.name === 'f2') return open(s, 'reward', rewardForm());
      if (e.name === 'f3' && r) return open(s, 'cost', costForm(r), { reward: r });
      if (e.name === 'f4' && r) return { state: { ...s, busy: true }, effect: { kind: 'turnReward', reward: r, active: !r.active } };
      return stay(s);
    }
    case 'items': {
      const rows = itemsShown(s).rows;
      if (step !== undefined) return stay({ ...s, itemIndex: clamp(s.itemIndex + step, rows.length) });
      const item = rows[s.itemIndex];
      if (e.name === 'f3' && item) return open(s, 'points', pointsForm(item), { item });
      // The search field takes the other keys; its Enter comes as a submit.
      return stay(s);
    }
  }
}

/** Enter in the search: a new search when its text changed (empty: the items that earn points), else the item chosen. */
function searchEnter(s: LoyaltyState): Result {
  const text = s.search.trim();
  const shown = itemsShown(s);
  if (text !== (shown.query ?? '')) {
    if (text === '') return stay({ ...s, found: null, itemIndex: 0, message: null });
    return { state: { ...s, busy: true, message: null }, effect: { kind: 'search', text } };
  }
  const item = shown.rows[s.itemIndex];
  return item ? open(s, 'points', pointsForm(item), { item }) : stay(s);
}

/** What a form asks for once saved. */
function saved(s: LoyaltyState, f: Form): LoyaltyEffect {
  const v = formValues(f);
  switch (s.mode) {
    case 'program':
      return { kind: 'saveProgram', program: { pointsPerEuro: v.pointsPerEuro!, countVisits: v.countVisits === 'yes', expiry: v.expiry!, cardPrefix: v.cardPrefix! } };
    case 'reward':
      return { kind: 'addReward', reward: { name: v.name!, unit: v.unit as RewardUnit, cost: v.cost!, gift: v.gift as RewardText['gift'], value: v.value!, automatic: v.automatic === 'yes' } };
    case 'cost':
      return { kind: 'setCost', reward: s.reward!, cost: v.cost! };
    default:
      return { kind: 'setPoints', item: s.item!, points: v.points! };
  }
}

/** A form's event: F12 saves, and so does Enter on its last field; Esc leaves it. */
function formKeyed(s: LoyaltyState, e: FormEvent): Result {
  const f = s.form!;
  const onLast = f.focus === f.fields.length - 1;
  const enter = e.type === 'submit' || (e.type === 'key' && e.key.name === 'return');
  const r = formEvent(f, e);
  if (r.cancel) return stay({ ...s, mode: 'view', form: null, reward: null, item: null, message: null });
  const next = relabel(r.form);
  if (!r.submit && !(enter && onLast)) return stay({ ...s, form: next });
  return { state: { ...s, form: next, busy: true, message: null }, effect: saved(s, next) };
}

function keyed(s: LoyaltyState, e: KeyEvent, pageSize: number): Result {
  // While the database answers, keys are dropped: nothing acts on a screen about to change.
  if (s.busy) return stay(s);
  // A message belongs to the action that caused it: the next key clears it.
  const next = { ...s, message: null };
  return s.mode === 'view' ? viewKey(next, e, pageSize) : formKeyed(next, { type: 'key', key: e });
}

function texted(s: LoyaltyState, e: { type: 'edit'; id: string; value: string } | { type: 'submit' }): Result {
  if (s.busy) return stay(s);
  if (s.mode !== 'view') return s.form ? formKeyed(s, e) : stay(s);
  if (s.section !== 'items') return stay(s);
  return e.type === 'edit' ? stay(e.id === 'search' ? { ...s, search: e.value.slice(0, 40) } : s) : searchEnter(s);
}

export function loyaltyReducer(s: LoyaltyState, e: LoyaltyEvent): Result {
  switch (e.type) {
    case 'key':
      return keyed(s, e.key, e.pageSize);
    case 'edit':
    case 'submit':
      return texted(s, e);
    case 'loaded': {
      const rewardIndex = e.select === undefined ? s.rewardIndex : e.rewards.findIndex((r) => r.id === e.select);
      const next = { ...s, program: e.program, rewards: e.rewards, rewardIndex: clamp(rewardIndex, e.rewards.length), earning: e.earning, found: e.found, busy: false };
      return stay({ ...next, itemIndex: clamp(s.itemIndex, itemsShown(next).rows.length) });
    }
    case 'found':
      return stay({ ...s, found: e.list, itemIndex: 0, busy: false });
    case 'done':
      return { state: { ...s, mode: 'view', form: null, reward: null, item: null, message: e.message, busy: e.then !== null }, effect: e.then };
    case 'message':
      return stay({ ...s, message: e.message, busy: false, form: s.form && e.message ? focusOn(s.form, e.message.key) : s.form });
  }
}

import { describe, expect, it } from 'vitest';
import type { ItemPoints } from '../../../app/loyalty/itemPoints';
import type { ListedReward } from '../../../app/loyalty/rewardChanges';
import type { LoyaltyProgram } from '../../../domain/loyalty/program';
import { typeInto } from '../../../testing/typeInto';
import { formValue } from '../coupons/form';
import { fieldFocus, initialLoyalty, itemsShown, loyaltyReducer, type LoyaltyEffect, type LoyaltyEvent, type LoyaltyState } from './loyaltyState';

const PROGRAM: LoyaltyProgram = { pointsPerEuro: 1, countVisits: true, expireMonths: null, cardPrefix: 'FID' };
const TEN: ListedReward = { id: 1, name: '10 € offerts', unit: 'points', cost: 200, gift: { kind: 'amount', cents: 1000 }, automatic: false, active: true };
const COFFEE: ListedReward = { id: 2, name: 'Café offert', unit: 'visits', cost: 10, gift: { kind: 'item', itemId: 9, itemName: 'Café expresso' }, automatic: false, active: false };
const BAGUETTE: ItemPoints = { id: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette tradition', points: 5 };
const CROISSANT: ItemPoints = { id: 6, sku: 'BOUL-006', barcode: null, name: 'Croissant', points: 0 };

type Step = LoyaltyEvent | { keys: string };

/** Feeds events, and keys as the screen hears them (a text field takes its own); the last state and every effect asked for. */
function run(events: Step[], from: LoyaltyState = initialLoyalty()) {
  let state = from;
  const effects: LoyaltyEffect[] = [];
  for (const e of events) {
    if ('keys' in e) {
      const r = typeInto<LoyaltyState, LoyaltyEffect>(state, e.keys, {
        focus: fieldFocus,
        step: (s, h) => loyaltyReducer(s, h.type === 'key' ? { type: 'key', key: h.key, pageSize: 5 } : h.type === 'edit' ? { type: 'edit', id: h.field, value: h.value } : h),
      });
      state = r.state;
      effects.push(...r.effects.filter(Boolean));
      continue;
    }
    const r = loyaltyReducer(state, e);
    state = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state, effects };
}

const keys = (text: string): Step => ({ keys: text });
const K = { f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', f12: '\x1b[24~', esc: '\x1b', down: '\x1b[B', up: '\x1b[A', right: '\x1b[C', tab: '\t' };
const loaded: LoyaltyEvent = { type: 'loaded', program: PROGRAM, rewards: [TEN, COFFEE], earning: { query: null, rows: [BAGUETTE], total: 1 }, found: null };

describe('the loyalty back-room reducer', () => {
  const ready = run([loaded]).state;

  it('drops keys while the database answers, then opens on the program; Tab goes round the parts, Esc leaves', () => {
    expect(run([keys(`${K.tab}\r`)]).effects).toEqual([]);
    expect(ready).toMatchObject({ busy: false, section: 'program', mode: 'view' });
    expect(run([keys(K.tab)], ready).state.section).toBe('rewards');
    expect(run([keys(K.tab + K.tab)], ready).state.section).toBe('items');
    expect(run([keys(K.tab + K.tab + K.tab)], ready).state.section).toBe('program');
    expect(run([keys(K.esc)], ready).effects).toEqual([{ kind: 'back' }]);
  });

  it('the program: its form holds the settings as they are, and saves what was typed, on F12 or Enter on its last field', () => {
    const open = run([keys('\r')], ready).state;
    expect(open.mode).toBe('program');
    expect(fieldFocus(open)).toEqual({ field: 'pointsPerEuro', value: '1' });
    // Points per euro 2, visits off (a choice: →), expiry 12 months, prefix kept; Enter on the last field saves.
    const r = run([keys('\x7f2\r'), keys(K.right + K.down), keys('12\r'), keys('\r')], open);
    expect(r.effects).toEqual([{ kind: 'saveProgram', program: { pointsPerEuro: '2', countVisits: false, expiry: '12', cardPrefix: 'FID' } }]);
    expect(r.state.busy).toBe(true);
    expect(run([keys(K.f12)], open).effects).toEqual([{ kind: 'saveProgram', program: { pointsPerEuro: '1', countVisits: true, expiry: '', cardPrefix: 'FID' } }]);
    // Refused: the form stays, its cursor on the field the refusal is about.
    const refused = run([{ type: 'message', message: { key: 'loyalty.expiryInvalid', tone: 'error' } }], r.state).state;
    expect(refused).toMatchObject({ mode: 'program', busy: false, message: { key: 'loyalty.expiryInvalid' } });
    expect(fieldFocus(refused)?.field).toBe('expiry');
    // Saved: back to the program, read again.
    const saved = run([{ type: 'done', message: { key: 'loyaltyBo.programSaved', tone: 'ok' }, then: { kind: 'load', search: null } }], refused);
    expect(saved.state).toMatchObject({ mode: 'view', form: null, busy: true });
    expect(saved.effects).toEqual([{ kind: 'load', search: null }]);
    expect(run([keys(K.esc)], open).state).toMatchObject({ mode: 'view', form: null });
  });

  it('the rewards: a new one from its form (the value field says what to type), its threshold changed, taken out or put back', () => {
    const rewards = run([keys(K.tab)], ready).state;
    const form = run([keys(K.f2)], rewards).state;
    expect(form.mode).toBe('reward');
    // Name; threshold in visits (→); 10; an item (→→); its SKU; automatic (→); F12.
    const r = run([keys('Café offert\r'), keys(K.right + K.down), keys('10\r'), keys(K.right + K.right + K.down)], form);
    expect(r.state.form!.fields.find((f) => f.id === 'value')!.label).toBe('loyaltyBo.field.item');
    const made = run([keys('SNAK-001\r'), keys(K.right), keys(K.f12)], r.state);
    expect(made.effects).toEqual([{ kind: 'addReward', reward: { name: 'Café offert', unit: 'visits', cost: '10', gift: 'item', value: 'SNAK-001', automatic: true } }]);
    const refused = run([{ type: 'message', message: { key: 'item.unknownCode', params: { code: 'SNAK-001' }, tone: 'error' } }], made.state).state;
    expect(fieldFocus(refused)).toEqual({ field: 'value', value: 'SNAK-001' });
    expect(formValue(refused.form!, 'unit')).toBe('visits');

    // F3: the selected reward's threshold; Enter saves it.
    const cost = run([keys(K.f3)], rewards).state;
    expect(cost).toMatchObject({ mode: 'cost', reward: { id: 1 } });
    expect(run([keys('\x7f\x7f\x7f150\r')], cost).effects).toEqual([{ kind: 'setCost', reward: TEN, cost: '150' }]);
    // F4 takes the active one out, puts the inactive one back.
    expect(run([keys(K.f4)], rewards).effects).toEqual([{ kind: 'turnReward', reward: TEN, active: false }]);
    expect(run([keys(K.down + K.f4)], rewards).effects).toEqual([{ kind: 'turnReward', reward: COFFEE, active: true }]);
    // The reward just added is selected once the list is read again.
    const again = run([{ ...loaded, rewards: [TEN, COFFEE, { ...COFFEE, id: 3, active: true }], select: 3 } as LoyaltyEvent], rewards).state;
    expect(again.rewardIndex).toBe(2);
  });

  it('the items: those that earn points first; a search shows what it finds, Enter on it opens the item’s points, an empty search goes back', () => {
    const items = run([keys(K.tab + K.tab)], ready).state;
    expect(itemsShown(items).rows).toEqual([BAGUETTE]);
    // Enter with the search as it is: the selected item's points.
    expect(run([keys('\r')], items).state).toMatchObject({ mode: 'points', item: BAGUETTE });
    const searching = run([keys('crois\r')], items);
    expect(searching.effects).toEqual([{ kind: 'search', text: 'crois' }]);
    const found = run([{ type: 'found', list: { query: 'crois', rows: [CROISSANT], total: 1 } }], searching.state).state;
    expect(itemsShown(found).rows).toEqual([CROISSANT]);
    const points = run([keys('\r')], found).state;
    expect(points).toMatchObject({ mode: 'points', item: CROISSANT });
    expect(fieldFocus(points)).toEqual({ field: 'points', value: '0' });
    expect(run([keys('\x7f3\r')], points).effects).toEqual([{ kind: 'setPoints', item: CROISSANT, points: '3' }]);
    // The search emptied: the items that earn points again, without asking the database.
    const back = run([keys('\x7f\x7f\x7f\x7f\x7f\r')], found);
    expect(back.effects).toEqual([]);
    expect(itemsShown(back.state).rows).toEqual([BAGUETTE]);
    // A refused search keeps the rows shown.
    const refused = run([keys('zz\r'), { type: 'message', message: { key: 'item.noMatch', params: { text: 'zz' }, tone: 'error' } }], found).state;
    expect(itemsShown(refused).rows).toEqual([CROISSANT]);
  });

  it('a message belongs to the action that caused it: the next key clears it', () => {
    const said = run([{ type: 'message', message: { key: 'loyaltyBo.programSaved', tone: 'ok' } }], ready).state;
    expect(said.message).not.toBeNull();
    expect(run([keys(K.tab)], said).state.message).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS } from '../../../app/coupons/definitionFields';
import type { CodeRecord } from '../../../data/couponCodes';
import type { DefinitionRecord } from '../../../data/coupons';
import { typeInto } from '../../../testing/typeInto';
import { couponsReducer, FORM_MODES, initialCoupons, type CouponsEffect, type CouponsEvent, type CouponsState } from './couponsState';
import { formValue, textFocus } from './form';

const DEF = { id: 1, symbol: 'NOEL', name: 'Noël' } as DefinitionRecord;
const code = (c: string, status: CodeRecord['status'] = 'inactive') => ({ id: c.length, code: c, status, validFrom: null, validUntil: null, customerCode: null, groupCode: null, description: '', uses: 0 }) as unknown as CodeRecord;

type Step = CouponsEvent | { keys: string };

/** Feeds events, and keys as the screen hears them (a form's text field takes its own, but while the database works); returns the last state and every effect asked for. */
function run(events: Step[], from: CouponsState = initialCoupons()) {
  let state = from;
  const effects: CouponsEffect[] = [];
  for (const e of events) {
    if ('keys' in e) {
      const r = typeInto<CouponsState, CouponsEffect>(state, e.keys, {
        focus: (s) => {
          const f = !s.busy && FORM_MODES.includes(s.mode) && s.form ? textFocus(s.form) : null;
          return f ? { field: f.id, value: f.value } : null;
        },
        step: (s, h) => couponsReducer(s, h.type === 'key' ? { type: 'key', key: h.key, pageSize: 10 } : h.type === 'edit' ? { type: 'edit', id: h.field, value: h.value } : h),
      });
      state = r.state;
      effects.push(...r.effects.filter(Boolean));
      continue;
    }
    const r = couponsReducer(state, e);
    state = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state, effects };
}

const keys = (text: string): Step[] => [{ keys: text }];
const F = { f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', f5: '\x1b[15~', f12: '\x1b[24~', esc: '\x1b', down: '\x1b[B', up: '\x1b[A', right: '\x1b[C', pgdn: '\x1b[6~' };

describe('the coupons back-room reducer', () => {
  const listed = run([{ type: 'definitions', defs: [DEF, { ...DEF, id: 2, symbol: 'ETE', name: 'Été' }] }]).state;

  it('keys wait while the database answers, then the list moves and opens', () => {
    expect(run(keys(F.f2)).effects).toEqual([]);
    expect(listed.busy).toBe(false);
    const r = run([...keys(F.down), ...keys('\r')], listed);
    expect(r.effects).toEqual([{ kind: 'loadCodes', def: expect.objectContaining({ symbol: 'ETE' }), page: 0 }]);
    expect(run(keys(F.f3), listed).effects).toEqual([{ kind: 'openDefinition', symbol: 'NOEL' }]);
    expect(run(keys(F.esc), listed).effects).toEqual([{ kind: 'back' }]);
  });

  it('a new definition: the form is typed into, choices cycle, F12 saves what was typed', () => {
    const opened = run([...keys(F.f2), { type: 'definitionForm', symbol: null, fields: EMPTY_FIELDS }], listed).state;
    expect(opened.mode).toBe('definition');
    // symbol, then name, then the type (a choice: → moves to the next one).
    const r = run([...keys('remise\r'), ...keys('Bienvenue\r'), ...keys(F.right), ...keys(F.down), ...keys(F.down), ...keys('5'), ...keys(F.f12)], opened);
    expect(formValue(r.state.form!, 'type')).toBe('customer');
    expect(r.effects).toEqual([{ kind: 'saveDefinition', symbol: null, fields: expect.objectContaining({ symbol: 'remise', name: 'Bienvenue', type: 'customer', value: '5', active: true }) }]);
    expect(r.state.busy).toBe(true);
    // Refused: the form stays, with the reason.
    const refused = run([{ type: 'message', message: { key: 'coupon.def.targetNeeded', tone: 'error' } }], r.state).state;
    expect(refused).toMatchObject({ mode: 'definition', busy: false, message: { key: 'coupon.def.targetNeeded' } });
    // Saved: back to the list, which is read again.
    const saved = run([{ type: 'done', message: { key: 'coupon.ui.saved', tone: 'ok' }, then: { kind: 'loadDefinitions' } }], refused);
    expect(saved.state.mode).toBe('list');
    expect(saved.effects).toEqual([{ kind: 'loadDefinitions' }]);
    expect(run(keys(F.esc), opened).state.mode).toBe('list');
  });

  it('codes: move, page, make, edit, block after confirming, activate, uses', () => {
    const codes = run([{ type: 'codes', page: { def: DEF, page: 0, total: 25, rows: [code('NOEL'), code('NOEL1', 'active'), code('NOEL2', 'blocked')], index: 0 } }], listed).state;
    expect(codes.mode).toBe('codes');
    expect(run(keys(F.pgdn), codes).effects).toEqual([{ kind: 'loadCodes', def: DEF, page: 1 }]);
    expect(run(keys(F.f5), codes).effects).toEqual([{ kind: 'setStatus', code: 'NOEL', status: 'active' }]);
    const confirm = run([...keys(F.down), ...keys(F.f4)], codes).state;
    expect(confirm).toMatchObject({ mode: 'confirmBlock', editing: 'NOEL1' });
    expect(run(keys(F.esc), confirm).state.mode).toBe('codes');
    expect(run(keys('\r'), confirm).effects).toEqual([{ kind: 'setStatus', code: 'NOEL1', status: 'blocked' }]);
    // A blocked code is final: nothing to edit, block or activate.
    expect(run([...keys(F.down), ...keys(F.down), ...keys(F.f4), ...keys(F.f3), ...keys(F.f5)], codes).effects).toEqual([]);
    const made = run([...keys(F.f2), ...keys('\x7f3'), ...keys(F.f12)], codes);
    expect(made.effects).toEqual([{ kind: 'generate', symbol: 'NOEL', values: expect.objectContaining({ count: '3', status: 'inactive' }) }]);
    const edited = run([...keys(F.f3), ...keys(F.down), ...keys(F.down), ...keys(F.right), ...keys(F.f12)], codes);
    expect(edited.effects).toEqual([{ kind: 'saveCode', code: 'NOEL', values: expect.objectContaining({ status: 'active' }) }]);
    expect(run(keys('\r'), codes).effects).toEqual([{ kind: 'loadUses', code: 'NOEL' }]);
    expect(run(keys(F.esc), codes).state.mode).toBe('list');
  });

  it('codes being made show their progress; Esc asks, Esc goes on, Enter stops; the end clears it', () => {
    const codes = run([{ type: 'codes', page: { def: DEF, page: 0, total: 0, rows: [], index: 0 } }], listed).state;
    const making = run([...keys(F.f2), ...keys('\x7f9'), ...keys(F.f12)], codes).state;
    expect(making).toMatchObject({ busy: true, progress: { done: 0, total: 0, confirmStop: false, stopping: false } });
    const halfway = run([{ type: 'progress', done: 4, total: 9 }], making).state;
    expect(halfway.progress).toMatchObject({ done: 4, total: 9 });
    // Other keys do nothing while it works.
    expect(run([...keys(F.f2), ...keys('\r')], halfway)).toEqual({ state: halfway, effects: [] });
    const asking = run(keys(F.esc), halfway).state;
    expect(asking.progress).toMatchObject({ confirmStop: true });
    expect(run(keys(F.esc), asking).state.progress).toMatchObject({ confirmStop: false, stopping: false });
    const stopping = run(keys('\r'), asking);
    expect(stopping.effects).toEqual([{ kind: 'stopGenerate' }]);
    expect(stopping.state.progress).toMatchObject({ confirmStop: false, stopping: true });
    // Stopping is final: no second ask.
    expect(run(keys(F.esc), stopping.state).state.progress).toMatchObject({ confirmStop: false, stopping: true });
    const ended = run([{ type: 'done', message: { key: 'coupon.ui.stopped', tone: 'info' }, then: { kind: 'loadCodes', def: DEF, page: 0 } }], stopping.state);
    expect(ended.state).toMatchObject({ mode: 'codes', progress: null, message: { key: 'coupon.ui.stopped' } });
    // A progress told after the end changes nothing.
    expect(run([{ type: 'progress', done: 9, total: 9 }], ended.state).state).toEqual(ended.state);
  });
});

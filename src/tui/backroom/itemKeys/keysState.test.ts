import { describe, expect, it } from 'vitest';
import type { KeyPageRow } from '../../../app/itemKeys/pages';
import type { KeyEvent } from '../../keys';
import { initialKeys, keysReducer, type KeysState } from './keysState';

const key = (name: KeyEvent['name'], text = ''): KeyEvent => ({ name, ctrl: false, text });
const page = (position: number, name: string): KeyPageRow => ({ id: position, position, name, terminalId: null, keys: [] });

function press(s: KeysState, ...keys: KeyEvent[]) {
  let r = { state: s, effect: null as ReturnType<typeof keysReducer>['effect'] };
  for (const k of keys) r = keysReducer(r.state, { type: 'key', key: k });
  return r;
}

describe('the item keys screen state', () => {
  const loaded = keysReducer(initialKeys, { type: 'pages', pages: [page(1, 'Boulangerie'), page(2, 'Café')] }).state;

  it('turns pages, and sends what the form says for the page shown', () => {
    const r = press(loaded, key('right'), key('f2'), key('char', 'd'), key('return'), key('char', 'BOUL-010'), key('return'));
    expect(r.effect).toEqual({ kind: 'save', order: { action: 'set', tillOnly: false, page: '2', values: { label: 'd', item: 'BOUL-010', caption: '', to: '', name: '' } } });
    expect(r.state.busy).toBe(true);
    // Busy: keys wait.
    expect(press(r.state, key('escape')).effect).toBeNull();
  });

  it('asks nothing more to delete a page than Enter; Esc leaves the form, then the screen', () => {
    expect(press(loaded, key('f8'), key('return')).effect).toMatchObject({ kind: 'save', order: { action: 'removePage', page: '1' } });
    const left = press(loaded, key('f8'), key('escape'));
    expect(left.state.form).toBeNull();
    expect(press(left.state, key('escape')).effect).toEqual({ kind: 'back' });
  });

  it('switches between the store\'s pages and this till\'s, and says when there is no page to edit', () => {
    const r = press(loaded, key('tab'));
    expect(r.effect).toEqual({ kind: 'load', tillOnly: true });
    expect(r.state.pages).toEqual([]);
    expect(press(r.state, key('f2')).state.message).toMatchObject({ key: 'keys.screen.noPage', tone: 'error' });
    expect(press(r.state, key('f6')).state.form?.action).toBe('addPage');
  });
});

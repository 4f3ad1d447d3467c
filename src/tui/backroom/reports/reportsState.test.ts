import { describe, expect, it } from 'vitest';
import type { KeyEvent, KeyName } from '../../keys';
import { initialReports, reportsReducer, type ReportsEvent, type ReportsState } from './reportsState';

const key = (name: KeyName, text = ''): ReportsEvent => ({ type: 'key', key: { name, ctrl: false, text } as KeyEvent, page: 5 });

function press(s: ReportsState, ...events: ReportsEvent[]) {
  let r = { state: s, effect: null as ReturnType<typeof reportsReducer>['effect'] };
  for (const e of events) r = reportsReducer(r.state, e);
  return r;
}

describe('the reports screen, without Ink', () => {
  const shown = reportsReducer(initialReports('2026-12-06'), { type: 'shown', lines: Array.from({ length: 12 }, (_, i) => `line ${i}`) }).state;

  it("opens on today's sales, the days written as the shop writes them", () => {
    expect(initialReports('2026-12-06')).toMatchObject({ kind: 'sales', from: { value: '06/12/2026' }, to: { value: '06/12/2026' }, busy: true });
  });

  it('F2–F5 pick a report and work it out at once, over the days typed', () => {
    expect(press(shown, key('f3')).effect).toEqual({ kind: 'run', order: { kind: 'payments', from: '06/12/2026', to: '06/12/2026' } });
    expect(press(shown, key('f5')).state).toMatchObject({ kind: 'giftcards', busy: true });
    const typed = press(shown, key('backspace'), key('backspace'), key('backspace'), key('backspace'), key('char', '2025'), key('tab'), key('backspace'), key('char', '7'), key('return'));
    expect(typed.effect).toEqual({ kind: 'run', order: { kind: 'sales', from: '06/12/2025', to: '06/12/2027' } });
  });

  it('scrolls by a line or a page, never past the last page; a refusal keeps the lines; Esc goes back', () => {
    expect(press(shown, key('down'), key('down')).state.top).toBe(2);
    expect(press(shown, key('pagedown'), key('pagedown'), key('pagedown')).state.top).toBe(7);
    expect(press(shown, key('up')).state.top).toBe(0);
    const refused = reportsReducer(shown, { type: 'failed', message: { key: 'report.periodInvalid', tone: 'error' } }).state;
    expect(refused).toMatchObject({ lines: shown.lines, busy: false, message: { key: 'report.periodInvalid' } });
    expect(press(shown, key('escape')).effect).toEqual({ kind: 'back' });
  });
});

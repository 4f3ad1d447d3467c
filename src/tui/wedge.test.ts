import { describe, expect, it } from 'vitest';
import { checkScan } from '../domain/scan';
import { decodeKeys } from './keys';
import { WedgeFilter, type WedgeOutput } from './wedge';

const opts = { gapMs: 30, minLength: 8 };
const keysOf = (out: WedgeOutput[]) => out.flatMap((o) => (o.kind === 'keys' ? o.events.map((e) => (e.name === 'char' ? e.text : `<${e.name}>`)) : [`[scan ${o.code}]`]));

describe('a keyboard-wedge scanner told from typing', () => {
  it('a code and its CR in one chunk is a scan', () => {
    const w = new WedgeFilter(opts);
    expect(keysOf(w.push(decodeKeys('3760000000017\r'), 0))).toEqual(['[scan 3760000000017]']);
  });

  it('a burst spread over several reads, a few ms apart, is a scan', () => {
    const w = new WedgeFilter(opts);
    expect(w.push(decodeKeys('3760'), 0)).toEqual([]);
    expect(w.push(decodeKeys('00000'), 4)).toEqual([]);
    expect(keysOf(w.push(decodeKeys('0017\r'), 9))).toEqual(['[scan 3760000000017]']);
  });

  it('typing (keys further apart than the gap) stays typing, in order, Enter included', () => {
    const w = new WedgeFilter(opts);
    const typed: string[] = [];
    let t = 0;
    for (const ch of '37600000') {
      typed.push(...keysOf(w.push(decodeKeys(ch), t)));
      t += 120;
    }
    typed.push(...keysOf(w.push(decodeKeys('\r'), t)));
    typed.push(...keysOf([{ kind: 'keys', events: w.flush() }]));
    expect(typed.join('')).toBe('37600000<return>');
  });

  it('a short fast burst (a PIN, "3*") is typing; a key other than Enter lets held characters through first', () => {
    const w = new WedgeFilter(opts);
    expect(keysOf(w.push(decodeKeys('1234\r'), 0))).toEqual(['1234', '<return>']);
    expect(keysOf(w.push(decodeKeys('abc'), 100))).toEqual([]);
    expect(w.holding).toBe(true);
    expect(keysOf(w.push(decodeKeys('\x1b[A'), 105))).toEqual(['abc', '<up>']);
  });

  it('held characters are released by the timer when the burst stops without Enter', () => {
    const w = new WedgeFilter(opts);
    w.push(decodeKeys('baguette'), 0);
    expect(w.flush()).toEqual([{ name: 'char', ctrl: false, text: 'baguette' }]);
    expect(w.holding).toBe(false);
  });
});

describe('a scanned code before lookup', () => {
  it('printable ASCII only', () => {
    expect(checkScan('3760000000017')).toBeNull();
    expect(checkScan('VCH-K7F2 9QXM')).toBeNull();
    expect(checkScan('37600\x0000017')).toBe('scan.unreadable');
    expect(checkScan('\xff\xfe\x80')).toBe('scan.unreadable');
    expect(checkScan('')).toBe('scan.unreadable');
    expect(checkScan(' 376')).toBe('scan.unreadable');
  });
});

import { describe, expect, it } from 'vitest';
import { typeChunk } from './textEdit';

describe('one input event typed into a text field (typeChunk)', () => {
  it('removes one character for each Backspace of a chunk, before the cursor', () => {
    expect(typeChunk('abcd', 4, '\x7f\x7f\x7f')).toEqual({ value: 'a', enter: false, ahead: '' });
    expect(typeChunk('abcd', 2, '\x7f\x7f\x7f')).toEqual({ value: 'cd', enter: false, ahead: '' });
    expect(typeChunk('ab', 2, 'c\b\x7fd')).toEqual({ value: 'ad', enter: false, ahead: '' });
  });

  it('inserts text at the cursor and drops control characters that are no text', () => {
    expect(typeChunk('ad', 1, 'b\tc')).toEqual({ value: 'abcd', enter: false, ahead: '' });
  });

  it('ends the text at the first line break (CR, CRLF, LF): Enter, and the rest typed ahead as it came', () => {
    expect(typeChunk('', 0, '12\r')).toEqual({ value: '12', enter: true, ahead: '' });
    expect(typeChunk('1', 1, '2\r\n1234\r')).toEqual({ value: '12', enter: true, ahead: '1234\r' });
    expect(typeChunk('', 0, 'x\ny\x7fz')).toEqual({ value: 'x', enter: true, ahead: 'y\x7fz' });
  });
});

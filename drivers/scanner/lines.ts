import type { Terminator } from '../uri';

const SPLIT: Record<Terminator, RegExp> = { auto: /[\r\n]+/, cr: /\r/, lf: /\n/, crlf: /\r\n/ };

/**
 * Codes out of a serial scanner's byte stream: each ends with the configured terminator (CR,
 * LF or CRLF; `auto` takes any run of them). A code split across reads is put back together;
 * empty codes are dropped.
 */
export class LineSplitter {
  private pending = '';
  constructor(private readonly end: Terminator = 'auto') {}

  push(chunk: Buffer | string): string[] {
    // latin1: one byte, one character, so a stray high byte shows as garbage instead of vanishing.
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const parts = this.pending.split(SPLIT[this.end]);
    this.pending = parts.pop() ?? '';
    return parts.filter((p) => p !== '');
  }
}

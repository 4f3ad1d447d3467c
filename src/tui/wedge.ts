import type { KeyEvent } from './keys';

/** What comes out of the wedge filter: keys as typed, or a code a scanner sent. */
export type WedgeOutput = { kind: 'keys'; events: KeyEvent[] } | { kind: 'scan'; code: string };

export interface WedgeOptions {
  /** Characters closer together than this belong to one burst. */
  gapMs: number;
  /** A burst shorter than this, even fast, is typing (a PIN pasted, "3*"). */
  minLength: number;
}

/**
 * Tells a keyboard-wedge scanner from typing by timing. A scanner "types" its code in a burst
 * (a few ms per character, often one chunk) and ends it with Enter; a person types slower.
 * Plain characters are held back while they come in a burst; Enter at the end of a burst of
 * at least `minLength` characters makes it a scan; anything else lets them through as keys,
 * in order. Held characters are let through by `flush()` once `gapMs` has passed without
 * another one (the caller's timer): typing is delayed by at most that gap.
 */
export class WedgeFilter {
  private run = '';
  private lastAt = -Infinity;

  constructor(private readonly o: WedgeOptions) {}

  /** Whether characters are held (the caller then calls flush after `gapMs`). */
  get holding(): boolean {
    return this.run !== '';
  }

  push(events: readonly KeyEvent[], now: number): WedgeOutput[] {
    const out: WedgeOutput[] = [];
    const keys = (e: KeyEvent[]) => {
      const last = out[out.length - 1];
      if (last?.kind === 'keys') last.events.push(...e);
      else if (e.length > 0) out.push({ kind: 'keys', events: e });
    };
    const release = () => {
      if (this.run) keys([{ name: 'char', ctrl: false, text: this.run }]);
      this.run = '';
    };
    if (this.run && now - this.lastAt > this.o.gapMs) release();
    for (const e of events) {
      if (e.name === 'char' && !e.ctrl) {
        this.run += e.text;
        this.lastAt = now;
      } else if (e.name === 'return' && this.run.length >= this.o.minLength && now - this.lastAt <= this.o.gapMs) {
        out.push({ kind: 'scan', code: this.run });
        this.run = '';
      } else {
        release();
        keys([e]);
      }
    }
    return out;
  }

  /** The held characters, as typed keys (the burst stopped without Enter). */
  flush(): KeyEvent[] {
    const text = this.run;
    this.run = '';
    return text ? [{ name: 'char', ctrl: false, text }] : [];
  }
}

/** A scan given back as the keys a keyboard would have typed (where no one takes scans). */
export function scanAsKeys(code: string): KeyEvent[] {
  return [{ name: 'char', ctrl: false, text: code }, { name: 'return', ctrl: false, text: '' }];
}

// An 80×24 terminal in memory for Ink: what `render` needs of stdout and stdin (see
// ink-testing-library), but marked as a TTY so that Ink draws full-screen frames exactly as it
// does in a shop, and with a hook on every write to time the frame a key produced.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 80;
  readonly rows = 24;
  /** Called with each write, at the moment Ink makes it. */
  onWrite: (text: string) => void = () => undefined;
  writes = 0;
  bytes = 0;

  write = (chunk: string | Uint8Array): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.writes += 1;
    this.bytes += Buffer.byteLength(text);
    this.onWrite(text);
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string[] = [];

  /** As a keyboard-wedge scanner delivers a code: one chunk, read at once. */
  type(text: string): void {
    this.pending.push(text);
    this.emit('readable');
  }

  read = (): string | null => this.pending.shift() ?? null;
  setEncoding(): this {
    return this;
  }
  setRawMode(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}

import { DeviceError } from '../errors';

/**
 * A byte channel to a device, open for one job (a receipt, a drawer kick, a status check).
 * Printers are opened per job: a printer unplugged, switched off or moved is found again by
 * the next job, with no restart and no stale handle.
 */
export interface Link {
  write(data: Uint8Array): Promise<void>;
  /** Whether answers can be read back (a status); a plain file cannot. */
  readonly canRead: boolean;
  /** The next `n` bytes the device sends, or a DeviceError (timeout, dropped). */
  read(n: number, timeoutMs: number): Promise<Buffer>;
  close(): Promise<void>;
}

export type OpenLink = () => Promise<Link>;

/**
 * Bytes received and not read yet, for links whose device answers (network, serial, USB).
 * The end of the stream fails the reader waiting and every later one with `dropped`.
 */
export class Inbox {
  private buffered = Buffer.alloc(0);
  private waiter: { n: number; done(b: Buffer): void; fail(e: Error): void; timer: NodeJS.Timeout } | null = null;
  private ended: DeviceError | null = null;

  push(data: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, data]);
    this.serve();
  }

  end(error: DeviceError = new DeviceError('dropped', 'the device closed the connection')): void {
    if (this.ended) return;
    this.ended = error;
    this.serve();
  }

  read(n: number, timeoutMs: number): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new DeviceError('io', 'one read at a time'));
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        fail(new DeviceError('timeout', `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { n, done, fail, timer };
      this.serve();
    });
  }

  private serve(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.buffered.length >= w.n) {
      const out = this.buffered.subarray(0, w.n);
      this.buffered = this.buffered.subarray(w.n);
      this.waiter = null;
      clearTimeout(w.timer);
      w.done(Buffer.from(out));
    } else if (this.ended) {
      this.waiter = null;
      clearTimeout(w.timer);
      w.fail(this.ended);
    }
  }
}

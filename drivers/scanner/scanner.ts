import { asDeviceError, DeviceError } from '../errors';
import type { Health } from '../health';
import type { SerialLink } from '../link/serial';
import type { Terminator } from '../uri';
import { HidPosAssembler } from './hidPos';
import { LineSplitter } from './lines';

export interface ScanListener {
  /** A code as the scanner sent it, terminator removed (checked by the till, not here). */
  code(text: string): void;
  health(h: Health): void;
}

/** A scanner that is not a keyboard: it is opened, listened to, and reopened when it comes back. */
export interface Scanner {
  readonly name: string;
  start(listener: ScanListener): void;
  stop(): Promise<void>;
}

/**
 * Keeps a device open: opens it, reports it healthy, and when it fails to open or goes away,
 * reports why and tries again every `pollMs` (a scanner plugged back in needs no restart).
 */
function keepOpen<T extends { close(): unknown }>(pollMs: number, open: (l: ScanListener, lost: (e: DeviceError) => void) => Promise<T>) {
  let listener: ScanListener | null = null;
  let current: T | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let last: string | null = null;
  const report = (h: Health) => {
    const key = h.ok ? 'ok' : h.error;
    if (key !== last) listener?.health(h);
    last = key;
  };
  const retry = () => {
    if (!stopped) timer = setTimeout(attempt, pollMs);
  };
  const lost = (e: DeviceError) => {
    current = null;
    report({ ok: false, error: e.code === 'missing' ? 'missing' : 'dropped' });
    retry();
  };
  async function attempt() {
    timer = null;
    try {
      const device = await open(listener!, lost);
      if (stopped) return void device.close();
      current = device;
      report({ ok: true });
    } catch (e) {
      report({ ok: false, error: asDeviceError(e).code });
      retry();
    }
  }
  return {
    start(l: ScanListener) {
      listener = l;
      void attempt();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.close();
    },
  };
}

export type OpenSerial = (path: string, baud: number) => Promise<SerialLink>;

export function serialScanner(name: string, path: string, baud: number, end: Terminator, pollMs: number, openSerial: OpenSerial): Scanner {
  const k = keepOpen(pollMs, async (l, lost) => {
    const link = await openSerial(path, baud);
    const lines = new LineSplitter(end);
    link.onData((d) => {
      for (const code of lines.push(d)) l.code(code);
    });
    link.onClose(lost);
    return link;
  });
  return { name, start: k.start, stop: k.stop };
}

/** The part of node-hid a scanner needs (injected in tests: no virtual USB here). */
export interface HidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}
export type OpenHid = (vendorId: number, productId: number) => Promise<HidDevice>;

export async function openRealHid(vendorId: number, productId: number): Promise<HidDevice> {
  const mod = await import('node-hid');
  const HID = ((mod as unknown as { default?: typeof mod }).default ?? mod).HID;
  try {
    return new HID(vendorId, productId);
  } catch (e) {
    const err = asDeviceError(e);
    throw err.code === 'io' ? new DeviceError('missing', err.detail) : err;
  }
}

export function hidScanner(name: string, vendorId: number, productId: number, pollMs: number, openHid: OpenHid = openRealHid): Scanner {
  const k = keepOpen(pollMs, async (l, lost) => {
    const device = await openHid(vendorId, productId);
    const codes = new HidPosAssembler();
    let gone = false;
    device.on('data', (report) => {
      const code = codes.push(report);
      if (code !== null) l.code(code);
    });
    // node-hid reports an unplugged device as a read error; it is closed and opened again later.
    device.on('error', (e) => {
      if (gone) return;
      gone = true;
      try {
        device.close();
      } catch {
        // already closed by the unplug
      }
      lost(new DeviceError('missing', e.message));
    });
    return device;
  });
  return { name, start: k.start, stop: k.stop };
}

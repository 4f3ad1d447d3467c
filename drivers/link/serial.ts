import { asDeviceError, DeviceError } from '../errors';
import { hangupAwareBinding } from './hangupBinding';
import { Inbox, type Link } from './link';

/** A serial line kept open: a scanner listens to it, a display writes to it. */
export interface SerialLink extends Link {
  /** Everything the device sends (a scanner's codes), instead of read(). */
  onData(listener: (data: Buffer) => void): void;
  /** The port went away (unplugged USB-serial adapter, closed pty). */
  onClose(listener: (error: DeviceError) => void): void;
}

let binding: Promise<ReturnType<typeof hangupAwareBinding>> | undefined;

/** Opens a serial port with serialport (loaded on first use: a native module). */
export async function openSerial(path: string, baudRate: number): Promise<SerialLink> {
  binding ??= import('@serialport/bindings-cpp').then(hangupAwareBinding);
  const [{ SerialPortStream }, b] = await Promise.all([import('@serialport/stream'), binding]);
  const port = new SerialPortStream({ binding: b, path, baudRate, autoOpen: false });
  await new Promise<void>((done, fail) => port.open((e: Error | null) => (e ? fail(asDeviceError(e)) : done())));
  const inbox = new Inbox();
  const dataListeners: ((d: Buffer) => void)[] = [];
  const closeListeners: ((e: DeviceError) => void)[] = [];
  let closedByUs = false;
  port.on('data', (d: Buffer) => {
    if (dataListeners.length > 0) for (const l of dataListeners) l(d);
    else inbox.push(d);
  });
  port.on('error', () => undefined); // reported through 'close' or the write that failed
  port.on('close', (e?: Error) => {
    const error = new DeviceError('dropped', e?.message ?? 'port closed');
    inbox.end(error);
    if (!closedByUs) for (const l of closeListeners) l(error);
  });
  return {
    canRead: true,
    write: (data) =>
      new Promise((done, fail) => {
        if (!port.isOpen) return fail(new DeviceError('dropped', 'port closed'));
        port.write(Buffer.from(data), (e: Error | null | undefined) => {
          if (e) return fail(new DeviceError('dropped', e.message));
          port.drain((d: Error | null) => (d ? fail(new DeviceError('dropped', d.message)) : done()));
        });
      }),
    read: (n, ms) => inbox.read(n, ms),
    onData: (l) => void dataListeners.push(l),
    onClose: (l) => void closeListeners.push(l),
    close: () =>
      new Promise((done) => {
        closedByUs = true;
        if (!port.isOpen) return done();
        port.close(() => done());
      }),
  };
}

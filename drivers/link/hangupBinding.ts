import { read as readFd } from 'node:fs';
import { promisify } from 'node:util';
import type { AutoDetectTypes } from '@serialport/bindings-cpp';

type Bindings = typeof import('@serialport/bindings-cpp');

/** What a Linux or macOS port binding of @serialport/bindings-cpp holds besides its interface. */
interface UnixPort {
  readonly isOpen: boolean;
  fd: number | null;
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
  poller: { once(event: 'readable', callback: (error?: Error | null) => void): unknown };
}

const readAsync = promisify(readFd);
const AGAIN = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

/**
 * The platform's serial binding, except that on Unix an empty read ends the connection.
 *
 * A tty answers an empty read only once it has hung up (an unplugged USB-serial adapter, a
 * closed pty); while it is live a read with nothing to give fails with EAGAIN. bindings-cpp
 * 13 reads again at once on an empty read, forever (serialport/bindings-cpp#162): a scanner
 * unplugged at the wrong moment spun a core and was never reported. Here that read is the
 * disconnection the stream then reports as `close`, and the till can reopen the port.
 */
export function hangupAwareBinding({ autoDetect, BindingsError }: Bindings): AutoDetectTypes {
  const base = autoDetect();
  if (process.platform === 'win32') return base;
  const open = base.open.bind(base) as (options: never) => Promise<UnixPort>;

  async function read(port: UnixPort, buffer: Buffer, offset: number, length: number) {
    for (;;) {
      if (!port.isOpen || port.fd === null) throw new BindingsError('Port is not open', { canceled: true });
      try {
        const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
        if (bytesRead > 0) return { bytesRead, buffer };
      } catch (e) {
        if (!AGAIN.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
        if (!port.isOpen) throw new BindingsError('Port is not open', { canceled: true });
        await new Promise<void>((done, fail) => port.poller.once('readable', (err) => (err ? fail(err) : done())));
        continue;
      }
      throw new Error('the serial line hung up');
    }
  }

  return {
    ...base,
    async open(options: never) {
      const port = await open(options);
      port.read = (buffer, offset, length) => read(port, buffer, offset, length);
      return port;
    },
  } as AutoDetectTypes;
}

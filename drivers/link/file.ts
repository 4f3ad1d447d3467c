import { open } from 'node:fs/promises';
import { asDeviceError, DeviceError } from '../errors';
import type { Link } from './link';

/**
 * A device node (/dev/usb/lp0, a tty set up beforehand) or a plain file, appended to. Nothing
 * is read back: the kernel's usblp and tty drivers report a vanished device as a write error.
 */
export async function openPath(path: string): Promise<Link> {
  let handle;
  try {
    handle = await open(path, 'a');
  } catch (e) {
    throw asDeviceError(e);
  }
  return {
    canRead: false,
    async write(data) {
      try {
        await handle.write(data);
      } catch (e) {
        const err = asDeviceError(e);
        throw err.code === 'missing' ? new DeviceError('dropped', err.detail) : err;
      }
    },
    read: () => Promise.reject(new DeviceError('io', 'a file cannot answer')),
    close: () => handle.close().catch(() => undefined),
  };
}

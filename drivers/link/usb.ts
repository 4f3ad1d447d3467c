import { asDeviceError, DeviceError } from '../errors';
import type { Link } from './link';

// The part of the `usb` package (2.x, libusb) a printer needs, so that tests can hand in a
// fake: there is no virtual USB on a build machine.
export interface UsbOutEndpoint {
  direction: 'out';
  transferType: number;
  transfer(data: Buffer, cb: (error?: Error) => void): unknown;
}
export interface UsbInEndpoint {
  direction: 'in';
  transferType: number;
  timeout: number;
  transfer(length: number, cb: (error: Error | undefined, data?: Buffer) => void): unknown;
}
export interface UsbInterface {
  descriptor: { bInterfaceClass: number };
  endpoints: (UsbOutEndpoint | UsbInEndpoint)[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  claim(): void;
  release(closeEndpoints: boolean, cb: (error?: Error) => void): void;
}
export interface UsbDevice {
  open(): void;
  close(): void;
  interfaces?: UsbInterface[];
}
export interface UsbModule {
  findByIds(vendorId: number, productId: number): UsbDevice | undefined;
}

const BULK = 2;
const PRINTER_CLASS = 7;

async function realUsb(): Promise<UsbModule> {
  // `findByIds` is a top-level export of usb 2.x; its `usb` export is the bare libusb binding.
  const { findByIds } = await import('usb');
  return { findByIds } as UsbModule;
}

/** A USB printer's bulk endpoints (printer class interface, else the first with a bulk OUT). */
export async function openUsb(vendorId: number, productId: number, usbModule?: UsbModule): Promise<Link> {
  const usb = usbModule ?? (await realUsb());
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  const device = usb.findByIds(vendorId, productId);
  if (!device) throw new DeviceError('missing', `no USB device ${hex(vendorId)}:${hex(productId)}`);
  try {
    device.open();
  } catch (e) {
    throw asDeviceError(e);
  }
  const ifaces = device.interfaces ?? [];
  const bulkOut = (i: UsbInterface) => i.endpoints.find((e): e is UsbOutEndpoint => e.direction === 'out' && e.transferType === BULK);
  const iface = ifaces.find((i) => i.descriptor.bInterfaceClass === PRINTER_CLASS && bulkOut(i)) ?? ifaces.find((i) => bulkOut(i));
  if (!iface) {
    device.close();
    throw new DeviceError('io', `USB device ${hex(vendorId)}:${hex(productId)} has no bulk OUT endpoint`);
  }
  try {
    // The kernel's usblp holds printers it knows; the till speaks to the device itself.
    if (iface.isKernelDriverActive()) iface.detachKernelDriver();
    iface.claim();
  } catch (e) {
    device.close();
    throw asDeviceError(e);
  }
  const out = bulkOut(iface)!;
  const inEp = iface.endpoints.find((e): e is UsbInEndpoint => e.direction === 'in' && e.transferType === BULK);
  const lost = (e: unknown) => {
    const err = asDeviceError(e);
    return err.code === 'missing' || err.code === 'io' ? new DeviceError('dropped', err.detail) : err;
  };
  return {
    canRead: inEp !== undefined,
    write: (data) => new Promise((done, fail) => void out.transfer(Buffer.from(data), (e) => (e ? fail(lost(e)) : done()))),
    read: (n, ms) =>
      new Promise((done, fail) => {
        if (!inEp) return fail(new DeviceError('io', 'no bulk IN endpoint'));
        inEp.timeout = ms;
        inEp.transfer(n, (e, data) => {
          if (e) return fail(/TIMED_OUT/.test(String((e as { code?: unknown }).code ?? e.message)) ? new DeviceError('timeout', e.message) : lost(e));
          done(data ?? Buffer.alloc(0));
        });
      }),
    close: () =>
      new Promise((done) => {
        iface.release(true, () => {
          try {
            device.close();
          } catch {
            // already gone (unplugged): nothing to close
          }
          done();
        });
      }),
  };
}

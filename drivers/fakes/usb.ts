import { EventEmitter } from 'node:events';
import type { HidDevice, OpenHid } from '../scanner/scanner';
import type { UsbDevice, UsbInEndpoint, UsbModule, UsbOutEndpoint } from '../link/usb';
import { READY, statusAnswer, type PrinterStatus } from '../printer/status';

/**
 * A USB printer behind a fake libusb (the `usb` package's findByIds): there is no virtual USB
 * on a build machine. It records bulk OUT transfers, answers DLE EOT on bulk IN, and can be
 * unplugged and plugged back.
 */
export interface FakeUsbPrinter {
  usb: UsbModule;
  bytes(): Buffer;
  plugged: boolean;
  status: PrinterStatus;
  /** Whether the kernel driver was detached and the interface claimed and released. */
  claims: number;
  releases: number;
}

export function fakeUsbPrinter(vendorId: number, productId: number): FakeUsbPrinter {
  const sent: Buffer[] = [];
  const answers: number[] = [];
  const noDevice = () => Object.assign(new Error('LIBUSB_ERROR_NO_DEVICE'), { code: 'LIBUSB_ERROR_NO_DEVICE' });
  const out: UsbOutEndpoint = {
    direction: 'out',
    transferType: 2,
    transfer(data, cb) {
      if (!fake.plugged) return setImmediate(() => cb(noDevice()));
      sent.push(Buffer.from(data));
      for (let i = 0; i + 2 < data.length; i++) {
        if (data[i] === 0x10 && data[i + 1] === 0x04) {
          const n = data[i + 2]!;
          answers.push(statusAnswer(fake.status)[n === 1 ? 0 : n === 2 ? 1 : 2]!);
          i += 2;
        }
      }
      setImmediate(() => cb());
    },
  };
  const inEp: UsbInEndpoint = {
    direction: 'in',
    transferType: 2,
    timeout: 0,
    transfer(length, cb) {
      if (!fake.plugged) return setImmediate(() => cb(noDevice()));
      setImmediate(() => cb(undefined, Buffer.from(answers.splice(0, length))));
    },
  };
  const device: UsbDevice = {
    open() {
      if (!fake.plugged) throw noDevice();
    },
    close() {},
    interfaces: [
      {
        descriptor: { bInterfaceClass: 7 },
        endpoints: [out, inEp],
        isKernelDriverActive: () => true,
        detachKernelDriver() {},
        claim() {
          fake.claims += 1;
        },
        release(_close, cb) {
          fake.releases += 1;
          setImmediate(() => cb());
        },
      },
    ],
  };
  const fake: FakeUsbPrinter = {
    usb: { findByIds: (v, p) => (fake.plugged && v === vendorId && p === productId ? device : undefined) },
    bytes: () => Buffer.concat(sent),
    plugged: true,
    status: { ...READY },
    claims: 0,
    releases: 0,
  };
  return fake;
}

/** A HID POS scanner behind a fake node-hid: `scan` sends reports, `unplug` fails the reads. */
export interface FakeHidScanner {
  open: OpenHid;
  plugged: boolean;
  opened: number;
  send(report: Buffer): void;
  unplug(): void;
}

export function fakeHidScanner(vendorId: number, productId: number): FakeHidScanner {
  let current: (EventEmitter & HidDevice) | null = null;
  const fake: FakeHidScanner = {
    plugged: true,
    opened: 0,
    async open(v, p) {
      if (!fake.plugged || v !== vendorId || p !== productId) throw new Error(`cannot open device with vendorId=${v} and productId=${p}`);
      const device = Object.assign(new EventEmitter(), { close: () => undefined }) as EventEmitter & HidDevice;
      current = device;
      fake.opened += 1;
      return device;
    },
    send(report) {
      current?.emit('data', report);
    },
    unplug() {
      fake.plugged = false;
      const device = current;
      current = null;
      device?.emit('error', new Error('could not read from HID device'));
    },
  };
  return fake;
}

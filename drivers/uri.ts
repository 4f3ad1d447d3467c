// Where a device is, as the terminal's configuration names it. One small grammar for every
// device, so that a printer, a scanner or a display moves from one port to another by editing
// one string:
//   tcp://host[:9100]                     a network printer (raw port 9100)
//   usb:04b8:0202                         a USB device by vendor and product id (hex)
//   hid:0c2e:0b81                         a USB HID POS scanner by vendor and product id (hex)
//   serial:/dev/ttyS0?baud=9600&end=cr    a serial line (baud; for scanners, what ends a code)
//   /dev/usb/lp0, file:/tmp/out.bin       a device node or a file, written as is

import { oneLine } from '../src/domain/oneLine';

export type Terminator = 'cr' | 'lf' | 'crlf' | 'auto';

export type DeviceUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; vendorId: number; productId: number }
  | { kind: 'hid'; vendorId: number; productId: number }
  | { kind: 'serial'; path: string; baud: number; end: Terminator }
  | { kind: 'path'; path: string };

export const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** Thrown for a URI that names no device; its message says which part is wrong. */
export class DeviceUriError extends Error {
  constructor(message: string) {
    super(oneLine(message));
  }
}

function ids(text: string, uri: string): { vendorId: number; productId: number } {
  const m = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(text);
  if (!m) throw new DeviceUriError(`${uri}: vendor and product ids are 4 hex digits each (04b8:0202)`);
  return { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
}

export function parseDeviceUri(uri: string): DeviceUri {
  const text = uri.trim();
  if (text === '') throw new DeviceUriError('empty device address');
  const tcp = /^tcp:\/\/([^/:\s]+)(?::(\d{1,5}))?\/?$/i.exec(text);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port < 1 || port > 65535) throw new DeviceUriError(`${text}: port ${port} is out of range`);
    return { kind: 'tcp', host: tcp[1]!, port };
  }
  if (/^tcp:/i.test(text)) throw new DeviceUriError(`${text}: expected tcp://host:port`);
  if (/^usb:/i.test(text)) return { kind: 'usb', ...ids(text.slice(4), text) };
  if (/^hid:/i.test(text)) return { kind: 'hid', ...ids(text.slice(4), text) };
  if (/^serial:/i.test(text)) {
    const [path = '', query = ''] = text.slice(7).split('?');
    if (!path.startsWith('/')) throw new DeviceUriError(`${text}: expected serial:/dev/… (an absolute path)`);
    const params = new URLSearchParams(query);
    for (const key of params.keys()) if (key !== 'baud' && key !== 'end') throw new DeviceUriError(`${text}: unknown option ${key} (baud, end)`);
    const baud = Number(params.get('baud') ?? 9600);
    if (!(BAUDS as readonly number[]).includes(baud)) throw new DeviceUriError(`${text}: baud ${params.get('baud')} (one of ${BAUDS.join(', ')})`);
    const end = (params.get('end') ?? 'auto').toLowerCase();
    if (!['cr', 'lf', 'crlf', 'auto'].includes(end)) throw new DeviceUriError(`${text}: end=${end} (cr, lf, crlf or auto)`);
    return { kind: 'serial', path, baud, end: end as Terminator };
  }
  if (/^file:/i.test(text)) {
    const path = text.slice(5);
    if (path === '') throw new DeviceUriError(`${text}: the file path is missing`);
    return { kind: 'path', path };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new DeviceUriError(`${text}: unknown kind of device (tcp://, usb:, hid:, serial:, file: or a path)`);
  return { kind: 'path', path: text };
}

/** The URI again, as shown to people (status bar, `pos devices`). */
export function formatDeviceUri(d: DeviceUri): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  switch (d.kind) {
    case 'tcp':
      return `tcp://${d.host}:${d.port}`;
    case 'usb':
    case 'hid':
      return `${d.kind}:${hex(d.vendorId)}:${hex(d.productId)}`;
    case 'serial':
      return `serial:${d.path}?baud=${d.baud}${d.end === 'auto' ? '' : `&end=${d.end}`}`;
    case 'path':
      return d.path;
  }
}

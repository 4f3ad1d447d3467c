import { describe, expect, it } from 'vitest';
import { formatDeviceUri, parseDeviceUri } from './uri';

describe('device addresses', () => {
  it('reads each kind', () => {
    expect(parseDeviceUri('tcp://192.0.2.10')).toEqual({ kind: 'tcp', host: '192.0.2.10', port: 9100 });
    expect(parseDeviceUri('tcp://printer.local:9101')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9101 });
    expect(parseDeviceUri('usb:04B8:0202')).toEqual({ kind: 'usb', vendorId: 0x04b8, productId: 0x0202 });
    expect(parseDeviceUri('hid:0c2e:0b81')).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b81 });
    expect(parseDeviceUri('serial:/dev/ttyACM0?baud=115200&end=crlf')).toEqual({ kind: 'serial', path: '/dev/ttyACM0', baud: 115200, end: 'crlf' });
    expect(parseDeviceUri('serial:/dev/ttyS0')).toEqual({ kind: 'serial', path: '/dev/ttyS0', baud: 9600, end: 'auto' });
    expect(parseDeviceUri('/dev/usb/lp0')).toEqual({ kind: 'path', path: '/dev/usb/lp0' });
    expect(parseDeviceUri('file:/tmp/out.bin')).toEqual({ kind: 'path', path: '/tmp/out.bin' });
    expect(formatDeviceUri(parseDeviceUri('usb:04B8:0202'))).toBe('usb:04b8:0202');
  });

  it('says what is wrong', () => {
    expect(() => parseDeviceUri('tcp://host:99999')).toThrow(/port 99999/);
    expect(() => parseDeviceUri('usb:4b8:202')).toThrow(/4 hex digits/);
    expect(() => parseDeviceUri('serial:/dev/ttyS0?baud=1234')).toThrow(/baud 1234/);
    expect(() => parseDeviceUri('serial:/dev/ttyS0?end=tab')).toThrow(/end=tab/);
    expect(() => parseDeviceUri('serial:/dev/ttyS0?parity=odd')).toThrow(/unknown option parity/);
    expect(() => parseDeviceUri('bluetooth:AA:BB')).toThrow(/unknown kind/);
    expect(() => parseDeviceUri('')).toThrow(/empty/);
  });
});

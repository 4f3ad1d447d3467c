import { join } from 'node:path';
import { fileDrawer, noDrawer, printerDrawer, serialDrawer, type CashDrawer } from '../../drivers/drawer/drawer';
import { noDisplay, serialDisplay, type CustomerDisplay } from '../../drivers/display/display';
import { DeviceError } from '../../drivers/errors';
import { openPath } from '../../drivers/link/file';
import type { OpenLink } from '../../drivers/link/link';
import { openSerial as realOpenSerial } from '../../drivers/link/serial';
import { openTcp } from '../../drivers/link/tcp';
import { openUsb, type UsbModule } from '../../drivers/link/usb';
import { escposPrinter, type PrinterDevice } from '../../drivers/printer/printer';
import { filePrinter, noPrinter, streamPrinter } from '../../drivers/printer/textPrinter';
import { hidScanner, openRealHid, serialScanner, type OpenHid, type OpenSerial, type Scanner } from '../../drivers/scanner/scanner';
import { formatDeviceUri, parseDeviceUri, type DeviceUri } from '../../drivers/uri';
import type { Config } from '../config/schema';

/** This till's devices, each an adapter chosen by the URI of the configuration. */
export interface DeviceSet {
  printer: PrinterDevice;
  drawer: CashDrawer;
  /** Null when no customer display is configured. */
  display: CustomerDisplay | null;
  scanners: Scanner[];
}

/** What tests and the demo put in place of hardware the machine does not have. */
export interface DeviceInjections {
  usb?: UsbModule;
  openHid?: OpenHid;
  openSerial?: OpenSerial;
  /** Where a console printer writes (the CLI's stdout). */
  console?: NodeJS.WritableStream;
  /** A printer in place of the configured one (the drawer then goes through it). */
  printer?: PrinterDevice;
}

function linkTo(uri: DeviceUri, timeoutMs: number, inj: DeviceInjections): OpenLink {
  const openSerial = inj.openSerial ?? realOpenSerial;
  switch (uri.kind) {
    case 'tcp':
      return () => openTcp(uri.host, uri.port, timeoutMs);
    case 'usb':
      return () => openUsb(uri.vendorId, uri.productId, inj.usb);
    case 'serial':
      return () => openSerial(uri.path, uri.baud);
    case 'path':
      return () => openPath(uri.path);
    case 'hid':
      return () => Promise.reject(new DeviceError('io', 'a HID device is a scanner, not a printer or a drawer'));
  }
}

export function buildPrinter(config: Config, inj: DeviceInjections = {}): PrinterDevice {
  const p = config.devices.printer;
  if (p.uri === '') {
    // No printer configured: receipts as text, where `receipt.output` says (a file by default).
    switch (config.receipt.output) {
      case 'file':
        return filePrinter(config.receipt.file, config.receipt.columns);
      case 'console':
        return streamPrinter(inj.console ?? process.stdout, config.receipt.columns);
      case 'none':
        return noPrinter;
    }
  }
  const uri = parseDeviceUri(p.uri);
  return escposPrinter({ name: formatDeviceUri(uri), open: linkTo(uri, p.timeoutMs, inj), commandSet: p.commandSet, columns: config.receipt.columns, cut: p.cut, timeoutMs: p.timeoutMs, statusQueries: p.statusQueries });
}

export function buildDevices(config: Config, inj: DeviceInjections = {}): DeviceSet {
  const d = config.devices;
  const printer = inj.printer ?? buildPrinter(config, inj);
  let drawer: CashDrawer;
  if (d.drawer.uri === '') drawer = noDrawer;
  else if (d.drawer.uri === 'printer') {
    // Through a text printer there is no drawer port: the demo's drawer writes a line instead.
    drawer = printer.commandSet ? printerDrawer(printer, d.drawer.pin) : fileDrawer(join(config.dataDir, 'drawer.log'));
  } else {
    const uri = parseDeviceUri(d.drawer.uri);
    drawer = serialDrawer(formatDeviceUri(uri), linkTo(uri, d.printer.timeoutMs, inj));
  }
  let display: CustomerDisplay | null = null;
  if (d.display.uri !== '') {
    const uri = parseDeviceUri(d.display.uri);
    if (uri.kind !== 'serial') display = noDisplay;
    else display = serialDisplay(formatDeviceUri(uri), () => (inj.openSerial ?? realOpenSerial)(uri.path, uri.baud));
  }
  const scanners = d.scanners.uris.map((text): Scanner => {
    const uri = parseDeviceUri(text);
    const name = formatDeviceUri(uri);
    if (uri.kind === 'hid') return hidScanner(name, uri.vendorId, uri.productId, d.pollMs, inj.openHid ?? openRealHid);
    if (uri.kind === 'serial') return serialScanner(name, uri.path, uri.baud, uri.end, d.pollMs, inj.openSerial ?? realOpenSerial);
    // A tty given as a plain path: 9600 baud, any line end.
    if (uri.kind === 'path') return serialScanner(name, uri.path, 9600, 'auto', d.pollMs, inj.openSerial ?? realOpenSerial);
    throw new DeviceError('io', `${name}: a scanner is on serial: or hid:`);
  });
  return { printer, drawer, display, scanners };
}

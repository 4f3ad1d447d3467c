import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { asDeviceError, DeviceError } from '../errors';
import type { Health } from '../health';
import type { OpenLink } from '../link/link';
import { drawerKick, type DrawerPin } from '../printer/escpos';
import type { PrinterDevice } from '../printer/printer';

/** A cash drawer: opened, never closed by the till (the cashier pushes it shut). */
export interface CashDrawer {
  readonly name: string;
  open(): Promise<void>;
  check(): Promise<Health>;
}

/** The usual wiring: an RJ-11 cable from the drawer to the receipt printer's DK port. */
export function printerDrawer(printer: PrinterDevice, pin: DrawerPin): CashDrawer {
  return {
    name: `printer (${printer.name})`,
    async open() {
      if (!printer.commandSet) throw new DeviceError('missing', 'no ESC/POS printer to open the drawer through');
      await printer.send(drawerKick(printer.commandSet, pin));
    },
    check: () => printer.check(),
  };
}

/** A drawer on its own serial interface: any byte opens it (BEL by convention). */
export function serialDrawer(name: string, open: OpenLink): CashDrawer {
  const once = async (bytes: Buffer | null) => {
    const link = await open().catch((e: unknown) => {
      throw asDeviceError(e);
    });
    try {
      if (bytes) await link.write(bytes);
    } finally {
      await link.close();
    }
  };
  return {
    name,
    open: () => once(Buffer.from([0x07])),
    async check() {
      try {
        await once(null);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: asDeviceError(e).code };
      }
    },
  };
}

/**
 * The demo's drawer, with no hardware: each opening is a dated line in a file (next to the
 * receipts), so a trainer can see when the till would have opened it.
 */
export function fileDrawer(path: string): CashDrawer {
  return {
    name: `file:${path}`,
    async open() {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${new Date().toISOString()} drawer opened\n`);
    },
    check: async () => ({ ok: true }),
  };
}

export const noDrawer: CashDrawer = {
  name: 'none',
  open: async () => {
    throw new DeviceError('missing', 'no cash drawer configured');
  },
  check: async () => ({ ok: false, error: 'missing' }),
};

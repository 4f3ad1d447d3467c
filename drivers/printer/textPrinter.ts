import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderText } from '../../src/domain/receipt';
import { asDeviceError } from '../errors';
import type { Block } from '../../src/domain/receipt';
import type { PrinterDevice } from './printer';

/** The name printers had when they only took text; every printer still takes text. */
export type ReceiptPrinter = PrinterDevice;

const asText = (doc: readonly Block[] | string, columns: number) => (typeof doc === 'string' ? doc : renderText(doc, columns));

// Printers of plain text: the demo's and the tests' paper roll (a file), the console, none.

/** Appends each document to a file, a form feed between them (a roll of paper, on disk). */
export function filePrinter(path: string, columns: number): PrinterDevice {
  return {
    name: `file:${path}`,
    commandSet: null,
    async print(doc) {
      try {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, asText(doc, columns) + '\f\n');
      } catch (e) {
        throw asDeviceError(e);
      }
      return { ok: true };
    },
    send: async () => ({ ok: true }),
    check: async () => ({ ok: true }),
  };
}

export function streamPrinter(stream: NodeJS.WritableStream, columns: number): PrinterDevice {
  return {
    name: 'console',
    commandSet: null,
    print: (doc) => new Promise((done, fail) => stream.write(asText(doc, columns), (e) => (e ? fail(asDeviceError(e)) : done({ ok: true })))),
    send: async () => ({ ok: true }),
    check: async () => ({ ok: true }),
  };
}

export const noPrinter: PrinterDevice = {
  name: 'none',
  commandSet: null,
  print: async () => ({ ok: true }),
  send: async () => ({ ok: true }),
  check: async () => ({ ok: true }),
};

import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where a rendered receipt goes until real printers are configured. */
export interface ReceiptPrinter {
  readonly name: string;
  print(text: string): Promise<void>;
}

/** Appends each receipt to a file, a form feed between them (a roll of paper, on disk). */
export function filePrinter(path: string): ReceiptPrinter {
  return {
    name: `file:${path}`,
    async print(text) {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, text + '\f\n');
    },
  };
}

export function streamPrinter(stream: NodeJS.WritableStream): ReceiptPrinter {
  return {
    name: 'console',
    print: (text) => new Promise((done, fail) => stream.write(text, (e) => (e ? fail(e) : done()))),
  };
}

export const noPrinter: ReceiptPrinter = { name: 'none', print: async () => undefined };

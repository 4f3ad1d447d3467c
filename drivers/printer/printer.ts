import type { Block } from '../../src/domain/receipt';
import { asDeviceError, DeviceError } from '../errors';
import type { Health } from '../health';
import type { Link, OpenLink } from '../link/link';
import { escposDocument, type CommandSet } from './escpos';
import { parseStatus, STATUS_ANSWER_BYTES, STATUS_QUERY, type PrinterStatus } from './status';

/** Text laid out already (by a caller that rendered it itself): one block per row. */
export function textBlocks(text: string): Block[] {
  return text.replace(/\n$/, '').split('\n').map((row) => ({ t: 'text', text: row }));
}

/** A receipt printer: prints documents, tells how it is. Failures are DeviceErrors. */
export interface PrinterDevice {
  readonly name: string;
  /** ESC/POS printers take raw bytes (a drawer kick); text printers do not. */
  readonly commandSet: CommandSet | null;
  /** A document as blocks; text already laid out is printed line by line as it is. */
  print(doc: readonly Block[] | string): Promise<void>;
  send(bytes: Buffer): Promise<void>;
  check(): Promise<Health>;
}

export interface EscPosPrinterOptions {
  name: string;
  open: OpenLink;
  commandSet: CommandSet;
  columns: number;
  cut: boolean;
  timeoutMs: number;
}

function problem(s: PrinterStatus): DeviceError | null {
  if (s.coverOpen) return new DeviceError('coverOpen');
  if (s.paperOut) return new DeviceError('paperOut');
  if (!s.online) return new DeviceError('offline');
  return null;
}

/**
 * A thermal printer on any link. Where the link answers and the command set has real-time
 * status (Epson ESC/POS), a job is sent only to a printer that says it is ready, and counts as
 * printed only once the printer has answered a status query sent after its last byte: a
 * connection dropped in the middle of a job, or paper running out during it, is a failure
 * to be retried, not a receipt believed printed.
 */
export function escposPrinter(o: EscPosPrinterOptions): PrinterDevice {
  const readsStatus = (link: Link) => link.canRead && o.commandSet === 'epson';
  const status = async (link: Link): Promise<PrinterStatus> => {
    await link.write(STATUS_QUERY);
    const s = parseStatus(await link.read(STATUS_ANSWER_BYTES, o.timeoutMs));
    if (!s) throw new DeviceError('io', 'the printer answered something that is not a status');
    return s;
  };
  const withLink = async <T>(work: (link: Link) => Promise<T>): Promise<T> => {
    let link: Link;
    try {
      link = await o.open();
    } catch (e) {
      throw asDeviceError(e);
    }
    try {
      return await work(link);
    } catch (e) {
      throw asDeviceError(e);
    } finally {
      await link.close();
    }
  };
  // One job at a time: most printers take a single connection, and a drawer kick must not
  // cut into a receipt being printed.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work, work);
    turn = run.catch(() => undefined);
    return run;
  };
  const job = (bytes: Buffer) =>
    serial(() => withLink(async (link) => {
      if (readsStatus(link)) {
        const before = problem(await status(link));
        if (before) throw before;
      }
      await link.write(bytes);
      if (readsStatus(link)) {
        const after = problem(await status(link));
        if (after) throw after;
      }
    }));
  return {
    name: o.name,
    commandSet: o.commandSet,
    print: (doc) => job(escposDocument(typeof doc === 'string' ? textBlocks(doc) : doc, o)),
    send: (bytes) => job(bytes),
    async check() {
      try {
        return await serial(() => withLink(async (link): Promise<Health> => {
          if (!readsStatus(link)) return { ok: true };
          const s = await status(link);
          const p = problem(s);
          if (p) return { ok: false, error: p.code };
          return s.paperLow ? { ok: true, warning: 'paperLow' } : { ok: true };
        }));
      } catch (e) {
        return { ok: false, error: asDeviceError(e).code };
      }
    },
  };
}

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

/** How a printer was after a job it took: ready, paper low, or unknown (it said nothing). */
export type Printed = Extract<Health, { ok: true }>;

/** A receipt printer: prints documents, tells how it is. Failures are DeviceErrors. */
export interface PrinterDevice {
  readonly name: string;
  /** ESC/POS printers take raw bytes (a drawer kick); text printers do not. */
  readonly commandSet: CommandSet | null;
  /** A document as blocks; text already laid out is printed line by line as it is. */
  print(doc: readonly Block[] | string): Promise<Printed>;
  send(bytes: Buffer): Promise<Printed>;
  check(): Promise<Health>;
}

export interface EscPosPrinterOptions {
  name: string;
  open: OpenLink;
  commandSet: CommandSet;
  columns: number;
  cut: boolean;
  timeoutMs: number;
  /**
   * Whether to ask the real-time status (DLE EOT) around each job (default true). Off for a
   * printer or print server known never to answer: no query is sent, no answer awaited.
   */
  statusQueries?: boolean;
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
 *
 * Some printers and print servers take the bytes and never answer a status query. Silence from
 * a printer that has never answered in this run means that, not a failure: the job is sent all
 * the same and said printed with its status unknown, and later jobs do not wait for an answer
 * that will not come (`check`, run in the background, asks again and notices one that starts
 * answering). Silence from a printer that has answered before is a failure (`timeout`).
 */
export function escposPrinter(o: EscPosPrinterOptions): PrinterDevice {
  const statusQueries = o.statusQueries ?? true;
  const canAsk = (link: Link) => link.canRead && o.commandSet === 'epson';
  /** Whether the printer has answered a status query in this run; null: not asked yet. */
  let answers: boolean | null = null;
  /** The printer's status, or null when it does not answer status queries. */
  const status = async (link: Link): Promise<PrinterStatus | null> => {
    await link.write(STATUS_QUERY);
    let answer: Buffer;
    try {
      answer = await link.read(STATUS_ANSWER_BYTES, o.timeoutMs);
    } catch (e) {
      if (!(e instanceof DeviceError && e.code === 'timeout') || answers === true) throw e;
      answers = false;
      return null;
    }
    const s = parseStatus(answer);
    if (!s) throw new DeviceError('io', 'the printer answered something that is not a status');
    answers = true;
    return s;
  };
  const unasked = (link: Link): Printed => (canAsk(link) && !statusQueries ? { ok: true, warning: 'statusOff' } : { ok: true });
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
    serial(() => withLink(async (link): Promise<Printed> => {
      if (!canAsk(link) || !statusQueries) {
        await link.write(bytes);
        return unasked(link);
      }
      if (answers === false) {
        await link.write(bytes);
        return { ok: true, warning: 'statusUnknown' };
      }
      const before = await status(link);
      const refused = before && problem(before);
      if (refused) throw refused;
      await link.write(bytes);
      if (!before) return { ok: true, warning: 'statusUnknown' };
      const after = (await status(link))!;
      const failed = problem(after);
      if (failed) throw failed;
      return after.paperLow ? { ok: true, warning: 'paperLow' } : { ok: true };
    }));
  return {
    name: o.name,
    commandSet: o.commandSet,
    print: (doc) => job(escposDocument(typeof doc === 'string' ? textBlocks(doc) : doc, o)),
    send: (bytes) => job(bytes),
    async check() {
      try {
        return await serial(() => withLink(async (link): Promise<Health> => {
          if (!canAsk(link) || !statusQueries) return unasked(link);
          const s = await status(link);
          if (!s) return { ok: true, warning: 'statusUnknown' };
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

import type { Knex } from 'knex';
import { asDeviceError, type DeviceError, type DeviceErrorCode } from '../../drivers/errors';
import type { PrinterDevice } from '../../drivers/printer/printer';
import { insertPrintJob, listPrintJobs, recordAttempt, requeueJobs, type PrintJob, type PrintJobKind } from '../data/printJobs';
import type { Block } from '../domain/receipt';

/** A document to print: a receipt, its duplicate, a slip, a test page. */
export interface PrintDoc {
  kind: PrintJobKind;
  saleId: number | null;
  title: string;
  blocks: Block[];
}

export interface QueueState {
  /** A job is being sent. */
  busy: boolean;
  /** Jobs not printed that wait to be printed again (F9): this run's, and earlier runs' once loaded. */
  failed: string[];
  lastError: DeviceErrorCode | null;
}

interface Job {
  id: number | null;
  doc: PrintDoc;
  state: 'queued' | 'printed' | 'failed';
}

export interface PrintQueueOptions {
  db: Knex;
  terminalId: number;
  printer: PrinterDevice;
  log: { error(obj: object, msg: string): void };
  /** Told of every outcome: the status bar shows the printer and what waits. */
  onAttempt?(error: DeviceErrorCode | null): void;
  onChange?(state: QueueState): void;
}

/** How many of a till's unprinted jobs an opening till takes back (the newest). */
const UNPRINTED_LOADED = 100;

/**
 * A till's print queue. Each job is written to print_jobs before it is sent, then sent in
 * order, one at a time; what happened is written back (printed, or failed with why). A job
 * that fails stays failed until the cashier asks for it again: a printer out of paper never
 * makes a receipt vanish, and never prints one twice on its own. If the database itself is
 * away, the job is still printed; only its record is missing (the sale was committed before).
 * The database is the source: jobs an earlier run (or `pos sale create`) left unprinted are
 * taken back by `loadUnprinted`, and wait for the key like this run's.
 */
export class PrintQueue {
  private readonly jobs: Job[] = [];
  private chain: Promise<void> = Promise.resolve();
  private busy = false;
  private lastError: DeviceErrorCode | null = null;
  private lastFailure: DeviceError | null = null;

  constructor(private readonly o: PrintQueueOptions) {}

  /** Records the job and prints it; resolves once it was tried, with whether it printed. */
  async submit(doc: PrintDoc, operatorId: number | null): Promise<boolean> {
    let id: number | null = null;
    try {
      id = await insertPrintJob(this.o.db, { terminalId: this.o.terminalId, operatorId, ...doc });
    } catch (e) {
      this.o.log.error({ err: e, title: doc.title }, 'print job not recorded; printed all the same');
    }
    const job: Job = { id, doc, state: 'queued' };
    this.jobs.push(job);
    return this.enqueue(job);
  }

  /**
   * Takes back this terminal's jobs left unprinted by earlier runs, as failed: they wait for
   * the cashier's key, never print on their own (one may have come out before a crash).
   * Resolves with how many were added; a database away adds none (said in the log).
   */
  async loadUnprinted(): Promise<number> {
    let stored: PrintJob[];
    try {
      stored = await listPrintJobs(this.o.db, this.o.terminalId, { unprinted: true, limit: UNPRINTED_LOADED });
    } catch (e) {
      this.o.log.error({ err: e }, 'unprinted jobs of earlier runs not read');
      return 0;
    }
    const known = new Set(this.jobs.map((j) => j.id));
    const earlier: Job[] = stored
      .filter((j) => !known.has(j.id))
      .reverse()
      .map((j) => ({ id: j.id, doc: docOf(j), state: 'failed' }));
    if (earlier.length === 0) return 0;
    this.jobs.unshift(...earlier);
    this.changed();
    return earlier.length;
  }

  /**
   * Sends again, in their order, the jobs not printed; resolves with how many were sent and
   * how many printed. A job printed meanwhile from elsewhere is dropped, not sent.
   */
  async retryFailed(): Promise<{ printed: number; of: number }> {
    let failed = this.jobs.filter((j) => j.state === 'failed');
    if (failed.length === 0) return { printed: 0, of: 0 };
    const ids = failed.map((j) => j.id).filter((id): id is number => id !== null);
    try {
      const taken = new Set(await requeueJobs(this.o.db, ids));
      for (const j of failed) if (j.id !== null && !taken.has(j.id)) j.state = 'printed';
      failed = failed.filter((j) => j.state === 'failed');
    } catch (e) {
      this.o.log.error({ err: e, ids }, 'print jobs not marked queued');
    }
    for (const j of failed) j.state = 'queued';
    const results = await Promise.all(failed.map((j) => this.enqueue(j)));
    return { printed: results.filter(Boolean).length, of: failed.length };
  }

  /**
   * A stored job sent again on request (`pos devices print`). Resolves with whether it
   * printed, or 'printed already' when it came out meanwhile (it is not sent twice).
   */
  async resend(stored: PrintJob): Promise<boolean | 'printedAlready'> {
    if ((await requeueJobs(this.o.db, [stored.id])).length === 0) return 'printedAlready';
    const job: Job = { id: stored.id, doc: docOf(stored), state: 'queued' };
    this.jobs.push(job);
    return this.enqueue(job);
  }

  state(): QueueState {
    return { busy: this.busy, failed: this.jobs.filter((j) => j.state === 'failed').map((j) => j.doc.title), lastError: this.lastError };
  }

  /** Where the jobs go, as `pos devices` names it. */
  printerName(): string {
    return this.o.printer.name;
  }

  /** The record of the last job submitted (null if it could not be written). */
  lastJobId(): number | null {
    return this.jobs.at(-1)?.id ?? null;
  }

  /** The last failure, with its detail (for a one-line report on the command line). */
  failure(): DeviceError | null {
    return this.lastFailure;
  }

  /** Waits for every job sent so far (tests, and the till before it quits). */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(job: Job): Promise<boolean> {
    const run = this.chain.then(() => this.attempt(job));
    this.chain = run.then(() => undefined);
    return run;
  }

  private async attempt(job: Job): Promise<boolean> {
    this.busy = true;
    this.changed();
    let error: DeviceErrorCode | null = null;
    try {
      await this.o.printer.print(job.doc.blocks);
    } catch (e) {
      const err = asDeviceError(e);
      error = err.code;
      this.lastFailure = err;
      this.o.log.error({ err: e, title: job.doc.title, printer: this.o.printer.name }, 'print job failed');
    }
    job.state = error ? 'failed' : 'printed';
    this.lastError = error;
    this.busy = false;
    if (job.id !== null) {
      await recordAttempt(this.o.db, job.id, this.o.printer.name, error).catch((e: unknown) => this.o.log.error({ err: e, job: job.id }, 'print job outcome not recorded'));
    }
    this.o.onAttempt?.(error);
    this.changed();
    return error === null;
  }

  private changed(): void {
    this.o.onChange?.(this.state());
  }
}

function docOf(j: PrintJob): PrintDoc {
  return { kind: j.kind, saleId: j.saleId, title: j.title, blocks: [...j.blocks] };
}

import { isManager } from './session';
import type { Knex } from 'knex';
import { asDeviceError, type DeviceError, type DeviceErrorCode } from '../../drivers/errors';
import { statusUnknown, type Health } from '../../drivers/health';
import type { PrinterDevice } from '../../drivers/printer/printer';
import { insertAudit } from '../data/audit';
import { claimReceipt, discardJobs, getPrintJob, insertPrintJob, listPrintJobs, lockPrintJobs, recordAttempt, requeueJobs, type PrintJob, type PrintJobKind } from '../data/printJobs';
import type { Terminal } from '../data/places';
import { asTraining, trainingMark, type Block } from '../domain/receipt';
import type { Lang } from '../domain/money';
import { refuse } from './errors';
import type { Operator } from './session';

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
  title: string;
  saleId: number | null;
  /** Null for a receipt its sale still owes, never sent: made from the sale when it is sent. */
  doc: PrintDoc | null;
  /** `gone`: printed or discarded from elsewhere; not this queue's to print any more. */
  state: 'queued' | 'printed' | 'failed' | 'gone';
}

type Ready = Job & { doc: PrintDoc };

export interface PrintQueueOptions {
  db: Knex;
  terminalId: number;
  printer: PrinterDevice;
  log: { error(obj: object, msg: string): void };
  /** Told how the printer was after every attempt: the status bar shows it and what waits. */
  onAttempt?(health: Health): void;
  onChange?(state: QueueState): void;
  /**
   * The receipt of a committed sale, for one its commit left owed (written with no document,
   * see commitSale). A queue without it leaves those to a queue that has it.
   */
  receiptOf?(saleId: number): Promise<PrintDoc>;
  /** What every document gets before it is recorded and sent: marked FACTICE in training mode (see trainingMarker). */
  mark?(doc: PrintDoc): PrintDoc;
}

/**
 * In training mode ("mode école") every document the till prints says FACTICE, at its top and
 * end; one marked already (a training ticket's receipt) is left as it is.
 */
export function trainingMarker(till: { terminal: { trainingMode: boolean }; config: { lang: Lang } }): (doc: PrintDoc) => PrintDoc {
  return (doc) => {
    if (!till.terminal.trainingMode) return doc;
    const mark = trainingMark(till.config.lang);
    const first = doc.blocks[0];
    if (first?.t === 'text' && mark.t === 'text' && first.text === mark.text) return doc;
    return { ...doc, blocks: asTraining(doc.blocks, till.config.lang) };
  };
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
 * taken back by `loadUnprinted`, and wait for the key like this run's. A sale's receipt is
 * written by the sale's commit, owed, with no document: the queue that stores its document
 * first sends it, so it comes out once whoever sends it (the till, a retry, a replay, F9).
 */
export class PrintQueue {
  private readonly jobs: Job[] = [];
  private chain: Promise<void> = Promise.resolve();
  private busy = false;
  private lastError: DeviceErrorCode | null = null;
  private lastFailure: DeviceError | null = null;
  private lastSubmitted: Job | null = null;

  constructor(private readonly o: PrintQueueOptions) {}

  /** Records the job and prints it; resolves once it was tried, with whether it printed. */
  async submit(doc: PrintDoc, operatorId: number | null): Promise<boolean> {
    if (this.o.mark) doc = this.o.mark(doc);
    let id: number | null = null;
    try {
      id = await insertPrintJob(this.o.db, { terminalId: this.o.terminalId, operatorId, ...doc });
    } catch (e) {
      this.o.log.error({ err: e, title: doc.title }, 'print job not recorded; printed all the same');
    }
    const job: Ready = { id, title: doc.title, saleId: doc.saleId, doc, state: 'queued' };
    this.jobs.push(job);
    this.lastSubmitted = job;
    return this.enqueue(job);
  }

  /**
   * Prints the receipt a sale owes (its job written by the sale's commit), with this document,
   * unless another queue stored its own first. Resolves with whether it printed, or null when
   * the sale owes none (printed, on its way elsewhere, discarded). With the database away just
   * after the commit, the receipt is printed all the same, unrecorded.
   */
  async sendReceipt(saleId: number, doc: PrintDoc): Promise<boolean | null> {
    if (this.o.mark) doc = this.o.mark(doc);
    const job: Ready = { id: null, title: doc.title, saleId, doc, state: 'queued' };
    try {
      if (!(await this.claim(job, doc))) return null;
    } catch (e) {
      this.o.log.error({ err: e, title: doc.title }, 'receipt not recorded as sent; printed all the same');
    }
    // Loaded as owed when the till opened, it is this one now.
    for (const j of this.jobs) if (j.id !== null && j.id === job.id && j.doc === null) j.state = 'gone';
    this.jobs.push(job);
    this.lastSubmitted = job;
    return this.enqueue(job);
  }

  /**
   * A receipt printed with the server away (a sale made offline): not recorded here; its sale's
   * commit, once the server is back, records it as printed with this document.
   */
  printUnrecorded(doc: PrintDoc): Promise<boolean> {
    if (this.o.mark) doc = this.o.mark(doc);
    const job: Ready = { id: null, title: doc.title, saleId: null, doc, state: 'queued' };
    this.jobs.push(job);
    this.lastSubmitted = job;
    return this.enqueue(job);
  }

  /**
   * Takes back this terminal's jobs left unprinted by earlier runs (or by a command since), as
   * failed: they wait for the cashier's key, never print on their own (one may have come out
   * before a crash), except receipts still owed, which certainly did not: `retryFailed({ owed:
   * true })` sends those. Idempotent: a job known already is not added twice. `notSending` leaves
   * out jobs queued with their document: while the till runs, one of those is being sent by its
   * command. Resolves with how many were added; a database away adds none (said in the log).
   */
  async loadUnprinted(opts: { notSending?: boolean } = {}): Promise<number> {
    let stored: PrintJob[];
    try {
      stored = await listPrintJobs(this.o.db, this.o.terminalId, { unprinted: true, notSending: opts.notSending, limit: UNPRINTED_LOADED });
    } catch (e) {
      this.o.log.error({ err: e }, 'unprinted jobs of earlier runs not read');
      return 0;
    }
    const known = new Set(this.jobs.map((j) => j.id));
    const found: Job[] = stored
      .filter((j) => !known.has(j.id) && (j.blocks !== null || this.o.receiptOf))
      .reverse()
      .map((j) => ({ id: j.id, title: j.title, saleId: j.saleId, doc: docOf(j), state: 'failed' }));
    if (found.length === 0) return 0;
    // Each in its place by number, so F9 prints the oldest first.
    for (const job of found) {
      const at = this.jobs.findIndex((j) => j.id !== null && j.id > job.id!);
      this.jobs.splice(at < 0 ? this.jobs.length : at, 0, job);
    }
    this.changed();
    return found.length;
  }

  /**
   * Sends again, in their order, the jobs not printed (`owed`: only the receipts owed and never
   * sent); resolves with how many were sent and how many printed. A job printed or discarded
   * meanwhile from elsewhere is dropped, not sent; an owed receipt whose sale cannot be read
   * (the database away) waits.
   */
  async retryFailed(opts: { owed?: boolean } = {}): Promise<{ printed: number; of: number }> {
    const waiting = this.jobs.filter((j) => j.state === 'failed' && (!opts.owed || j.doc === null));
    if (waiting.length === 0) return { printed: 0, of: 0 };
    const sent = waiting.filter((j) => j.doc !== null);
    const ids = sent.map((j) => j.id).filter((id): id is number => id !== null);
    try {
      const taken = new Set(await requeueJobs(this.o.db, ids));
      for (const j of sent) if (j.id !== null && !taken.has(j.id)) j.state = 'gone';
    } catch (e) {
      this.o.log.error({ err: e, ids }, 'print jobs not marked queued');
    }
    for (const j of waiting.filter((w) => w.doc === null)) {
      try {
        if (!(await this.claim(j, await this.receiptOf(j)))) j.state = 'gone';
      } catch (e) {
        this.o.log.error({ err: e, title: j.title }, 'owed receipt not made');
      }
    }
    const ready = waiting.filter((j): j is Ready => j.state === 'failed' && j.doc !== null);
    for (const j of ready) j.state = 'queued';
    this.changed();
    const results = await Promise.all(ready.map((j) => this.enqueue(j)));
    return { printed: results.filter(Boolean).length, of: ready.length };
  }

  /**
   * A stored job sent again on request (`pos devices print`). Resolves with whether it
   * printed, or 'printedAlready' when it came out meanwhile (it is not sent twice), or
   * 'discarded' when a manager discarded it meanwhile.
   */
  async resend(stored: PrintJob): Promise<boolean | 'printedAlready' | 'discarded'> {
    const job: Job = { id: stored.id, title: stored.title, saleId: stored.saleId, doc: docOf(stored), state: 'queued' };
    const taken = job.doc ? (await requeueJobs(this.o.db, [stored.id])).length > 0 : await this.claim(job, await this.receiptOf(job));
    if (!taken) return (await getPrintJob(this.o.db, stored.id))?.state === 'discarded' ? 'discarded' : 'printedAlready';
    this.jobs.push(job);
    return this.enqueue(job as Ready);
  }

  state(): QueueState {
    return { busy: this.busy, failed: this.jobs.filter((j) => j.state === 'failed').map((j) => j.title), lastError: this.lastError };
  }

  /** Where the jobs go, as `pos devices` names it. */
  printerName(): string {
    return this.o.printer.name;
  }

  /** The record of the last job submitted (null if it could not be written). */
  lastJobId(): number | null {
    return this.lastSubmitted?.id ?? null;
  }

  /** The last failure, with its detail (for a one-line report on the command line). */
  failure(): DeviceError | null {
    return this.lastFailure;
  }

  /** Waits for every job sent so far (tests, and the till before it quits). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Stores the document of the receipt the job's sale owes: true if this queue is to send it. */
  private async claim(job: Job, doc: PrintDoc): Promise<boolean> {
    const id = await claimReceipt(this.o.db, job.saleId!, doc.blocks);
    if (id === null) return false;
    job.id = id;
    job.doc = doc;
    return true;
  }

  private receiptOf(job: Job): Promise<PrintDoc> {
    if (!this.o.receiptOf || job.saleId === null) throw new Error(`print job ${job.id} has no document and this queue cannot make it`);
    return this.o.receiptOf(job.saleId);
  }

  private enqueue(job: Ready): Promise<boolean> {
    const run = this.chain.then(() => this.attempt(job));
    this.chain = run.then(() => undefined);
    return run;
  }

  private async attempt(job: Ready): Promise<boolean> {
    this.busy = true;
    this.changed();
    let health: Health;
    try {
      health = await this.o.printer.print(job.doc.blocks);
    } catch (e) {
      const err = asDeviceError(e);
      health = { ok: false, error: err.code };
      this.lastFailure = err;
      this.o.log.error({ err: e, title: job.title, printer: this.o.printer.name }, 'print job failed');
    }
    const error = health.ok ? null : health.error;
    job.state = error ? 'failed' : 'printed';
    this.lastError = error;
    this.busy = false;
    if (job.id !== null) {
      await recordAttempt(this.o.db, job.id, this.o.printer.name, error, statusUnknown(health)).catch((e: unknown) => this.o.log.error({ err: e, job: job.id }, 'print job outcome not recorded'));
    }
    this.o.onAttempt?.(health);
    this.changed();
    return error === null;
  }

  private changed(): void {
    this.o.onChange?.(this.state());
  }
}

/**
 * Jobs of a terminal nobody will want printed (a test page, the receipt of a customer who
 * left), discarded with a manager's approval: each keeps its row, marked discarded, with an
 * audit line, and no till offers it again. By number (each must be this terminal's and still
 * waiting, or nothing changes) or all those waiting. Resolves with the jobs discarded.
 */
export async function discardPrintJobs(
  db: Knex,
  o: { terminal: Pick<Terminal, 'id' | 'code'>; jobs: readonly number[] | 'unprinted'; manager: Operator; reason?: string },
): Promise<PrintJob[]> {
  if (!isManager(o.manager)) refuse('approval.notManager', { name: o.manager.name });
  const reason = (o.reason ?? '').trim().slice(0, 200);
  return db.transaction(async (trx) => {
    const wanted = o.jobs === 'unprinted' ? 'unprinted' : [...new Set(o.jobs)];
    const locked = await lockPrintJobs(trx, o.terminal.id, wanted);
    if (wanted !== 'unprinted') {
      const byId = new Map(locked.map((j) => [j.id, j]));
      for (const id of wanted) {
        const job = byId.get(id);
        if (!job) refuse('cli.devices.jobUnknown', { id, terminal: o.terminal.code });
        if (job.state === 'printed') refuse('cli.devices.jobPrinted', { id, title: job.title });
        if (job.state === 'discarded') refuse('cli.devices.jobDiscarded', { id, title: job.title });
      }
    }
    await discardJobs(trx, locked.map((j) => j.id));
    await insertAudit(
      trx,
      locked.map((j) => ({
        action: 'print_job_discarded', terminalId: o.terminal.id, operatorId: o.manager.id, approverId: o.manager.id, saleId: j.saleId,
        details: { job_id: j.id, kind: j.kind, title: j.title, was: j.state, last_error: j.lastError, reason },
      })),
    );
    return locked.map((j) => ({ ...j, state: 'discarded' as const }));
  });
}

function docOf(j: PrintJob): PrintDoc | null {
  return j.blocks && { kind: j.kind, saleId: j.saleId, title: j.title, blocks: [...j.blocks] };
}

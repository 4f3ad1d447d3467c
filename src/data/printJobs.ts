import type { Block } from '../domain/receipt';
import type { Db } from './db';

export type PrintJobKind = 'receipt' | 'duplicate' | 'slip' | 'test';
export type PrintJobState = 'queued' | 'printed' | 'failed' | 'discarded';

/** Not printed and still wanted: what a till offers again (F9) and `--unprinted` means. */
export const UNPRINTED: readonly PrintJobState[] = ['queued', 'failed'];

export interface NewPrintJob {
  terminalId: number;
  operatorId: number | null;
  kind: PrintJobKind;
  saleId: number | null;
  title: string;
  blocks: readonly Block[];
}

export interface PrintJob extends Omit<NewPrintJob, 'blocks'> {
  id: number;
  /**
   * The document; null for a receipt its sale's commit left owed (insertOwedReceipt), made
   * when it is first sent: such a job certainly never came out.
   */
  blocks: readonly Block[] | null;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  printer: string | null;
  /** Printed by a printer that said nothing after it (no status answer, or queries off). */
  statusUnknown: boolean;
  createdAt: Date;
  printedAt: Date | null;
}

export async function insertPrintJob(db: Db, job: NewPrintJob): Promise<number> {
  const [row] = await db('print_jobs')
    .insert({
      terminal_id: job.terminalId,
      operator_id: job.operatorId,
      kind: job.kind,
      sale_id: job.saleId,
      title: job.title,
      blocks: JSON.stringify(job.blocks),
    })
    .returning('id');
  return Number(row.id);
}

/**
 * A sale's receipt, owed: written by the sale's commit in its transaction (see commitSale),
 * with no document yet. Whoever stores its document first (claimReceipt) sends it.
 */
export async function insertOwedReceipt(db: Db, job: { terminalId: number; operatorId: number; saleId: number; title: string }): Promise<number> {
  const [row] = await db('print_jobs')
    .insert({ terminal_id: job.terminalId, operator_id: job.operatorId, kind: 'receipt', sale_id: job.saleId, title: job.title, blocks: null })
    .returning('id');
  return Number(row.id);
}

/**
 * A sale's receipt that came out before its sale reached the database (sold offline, printed
 * from the till's own data): written by the sale's commit as printed, with that document.
 */
export async function insertPrintedReceipt(db: Db, job: { terminalId: number; operatorId: number; saleId: number; title: string; blocks: readonly Block[]; printedAt?: string }): Promise<number> {
  // Printed at the till when it was sold (offline), not when the server heard of it.
  const at = job.printedAt ?? db.fn.now();
  const [row] = await db('print_jobs')
    .insert({
      terminal_id: job.terminalId, operator_id: job.operatorId, kind: 'receipt', sale_id: job.saleId, title: job.title,
      blocks: JSON.stringify(job.blocks), state: 'printed', attempts: 1, printer: 'offline', printed_at: at, created_at: at,
    })
    .returning('id');
  return Number(row.id);
}

/**
 * Stores the document of the receipt a sale still owes and answers its job, or null when the
 * sale owes none (printed, being printed by whoever stored it first, discarded, or never
 * owed): of two tills or commands sending it, one does.
 */
export async function claimReceipt(db: Db, saleId: number, blocks: readonly Block[]): Promise<number | null> {
  const rows: { id: string | number }[] = await db('print_jobs')
    .where({ sale_id: saleId, kind: 'receipt', state: 'queued' })
    .whereNull('blocks')
    .update({ blocks: JSON.stringify(blocks), updated_at: db.fn.now() })
    .returning('id');
  return rows[0] ? Number(rows[0].id) : null;
}

/**
 * The outcome of one attempt; a job printed stays printed (a late failure report changes
 * nothing), and one discarded while it was being sent stays discarded unless it came out.
 * `statusUnknown`: it was sent, but the printer never said how it was after it.
 */
export async function recordAttempt(db: Db, id: number, printer: string, error: string | null, statusUnknown = false): Promise<void> {
  await db('print_jobs')
    .where({ id })
    .whereIn('state', error ? UNPRINTED : [...UNPRINTED, 'discarded'])
    .update({
      state: error ? 'failed' : 'printed',
      attempts: db.raw('attempts + 1'),
      last_error: error,
      printer,
      status_unknown: !error && statusUnknown,
      printed_at: error ? null : db.fn.now(),
      updated_at: db.fn.now(),
    });
}

/**
 * Jobs not printed go back in the queue (someone asked to print them again); answers those it
 * took, so a job printed meanwhile from elsewhere (`pos devices print`) is not printed twice,
 * and one discarded (`pos devices discard`) is not printed at all. A job left queued by a run
 * that stopped mid-print is taken too; a receipt still owed is not (claimReceipt takes it).
 */
export async function requeueJobs(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows: { id: string | number }[] = await db('print_jobs').whereIn('id', ids).whereIn('state', UNPRINTED).whereNotNull('blocks').update({ state: 'queued', updated_at: db.fn.now() }).returning('id');
  return rows.map((r) => Number(r.id));
}

function toJob(r: Record<string, unknown>): PrintJob {
  return {
    id: Number(r.id),
    terminalId: r.terminal_id as number,
    operatorId: (r.operator_id as number | null) ?? null,
    kind: r.kind as PrintJobKind,
    saleId: r.sale_id === null ? null : Number(r.sale_id),
    title: r.title as string,
    blocks: (r.blocks as Block[] | null) ?? null,
    state: r.state as PrintJobState,
    attempts: r.attempts as number,
    lastError: (r.last_error as string | null) ?? null,
    printer: (r.printer as string | null) ?? null,
    statusUnknown: r.status_unknown === true,
    createdAt: r.created_at as Date,
    printedAt: (r.printed_at as Date | null) ?? null,
  };
}

export async function getPrintJob(db: Db, id: number): Promise<PrintJob | null> {
  const r = await db('print_jobs').where({ id }).first();
  return r ? toJob(r) : null;
}

/**
 * A terminal's latest jobs, newest first; `unprinted` keeps those still waiting (queued or
 * failed, not discarded), `notSending` those nobody is sending: their last attempt failed, or
 * they are receipts owed and never sent (a job queued with its document may be on its way).
 */
export async function listPrintJobs(db: Db, terminalId: number, opts: { unprinted?: boolean; notSending?: boolean; limit?: number } = {}): Promise<PrintJob[]> {
  const q = db('print_jobs').where('terminal_id', terminalId).orderBy('id', 'desc').limit(opts.limit ?? 20);
  if (opts.notSending) q.where((w) => w.where('state', 'failed').orWhere((o) => o.where('state', 'queued').whereNull('blocks')));
  else if (opts.unprinted) q.whereIn('state', UNPRINTED);
  return (await q).map(toJob);
}

/** A terminal's jobs by number (or all those still waiting), locked, in id order. */
export async function lockPrintJobs(db: Db, terminalId: number, which: readonly number[] | 'unprinted'): Promise<PrintJob[]> {
  const q = db('print_jobs').where('terminal_id', terminalId).orderBy('id').forUpdate();
  if (which === 'unprinted') q.whereIn('state', UNPRINTED);
  else q.whereIn('id', which);
  return (await q).map(toJob);
}

/** Marks jobs still waiting as discarded; answers those it marked. */
export async function discardJobs(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows: { id: string | number }[] = await db('print_jobs').whereIn('id', ids).whereIn('state', UNPRINTED).update({ state: 'discarded', updated_at: db.fn.now() }).returning('id');
  return rows.map((r) => Number(r.id));
}

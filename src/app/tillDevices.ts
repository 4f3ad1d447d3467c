import type { DeviceErrorCode } from '../../drivers/errors';
import { asDeviceError } from '../../drivers/errors';
import { lastSaleOfTerminal } from '../data/sales';
import { opensDrawer } from '../domain/drawer';
import { asDuplicate } from '../domain/receipt';
import { ticketLabel, type SaleRecord } from '../domain/sale';
import { DeviceHub } from './deviceHub';
import { refuse } from './errors';
import { lastJournaled, offlineFolder } from './offline/journal';
import { PrintQueue, trainingMarker, type PrintDoc, type QueueState } from './printing';
import { journalEvent } from './fiscal/journal';
import { setTrainingShown } from './trainingState';
import { receiptDoc, receiptDocWithout, receiptOfSale } from './receipts';
import { recordNoSale } from './noSale';
import type { Operator } from './session';
import type { Till } from './till';

export type ReprintOutcome = { kind: 'retried'; printed: number; of: number } | { kind: 'duplicate'; ticket: string; printed: boolean };

/**
 * The devices as the sale screen uses them, for one open till: receipts through the print
 * queue, the drawer opened for cash and for "no sale", documents of other features (slips).
 */
export class TillDevices {
  readonly queue: PrintQueue;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly hub: DeviceHub,
    private readonly till: Till,
    private readonly log: { error(obj: object, msg: string): void },
    onQueue?: (s: QueueState) => void,
  ) {
    this.queue = new PrintQueue({
      db: till.db,
      terminalId: till.terminal.id,
      printer: hub.set.printer,
      log,
      onAttempt: (health) => hub.report('printer', health),
      onChange: onQueue,
      receiptOf: (saleId) => receiptOfSale(till.db, till.config, saleId),
      mark: trainingMarker(till),
    });
    till.finishing.add(() => this.settled());
  }

  /**
   * After a sale is committed (never before: a device failure must not touch it): its
   * receipt is printed, and the drawer opens if cash changed hands.
   */
  saleCommitted(sale: SaleRecord): Promise<void> {
    // The database said which mode the sale was made in: a switch made elsewhere shows from here on.
    setTrainingShown(this.till.terminal, sale.training === true);
    const drawer = opensDrawer(sale) ? this.openDrawer() : Promise.resolve(null);
    return this.track(Promise.all([drawer, this.printReceipt(sale)]).then(() => undefined));
  }

  /** After a sale made offline went into the journal: its receipt, from the till's own data, and the drawer. */
  offlineSale(sale: SaleRecord, receipt: PrintDoc): Promise<void> {
    const drawer = opensDrawer(sale) ? this.openDrawer() : Promise.resolve(null);
    return this.track(Promise.all([drawer, this.queue.printUnrecorded(receipt)]).then(() => undefined));
  }

  /**
   * The receipt a committed sale owes (its job written by the commit), printed once: a retry
   * or a replay of a sale whose receipt came out, or is on its way elsewhere, prints nothing.
   * Resolves with whether it printed, or null when nothing was owed.
   */
  printReceipt(sale: SaleRecord): Promise<boolean | null> {
    // The features' sections are read from the database; if it is away, the receipt is
    // printed without them rather than not at all (F9 later prints it whole, as a duplicate).
    const print = receiptDoc(this.till.db, this.till.config, sale)
      .catch((e: unknown) => {
        this.log.error({ err: e, sale: sale.id }, 'receipt sections not read; printed without them');
        return receiptDocWithout(this.till.config, sale);
      })
      .then((doc) => this.queue.sendReceipt(sale.id, doc));
    return this.track(print);
  }

  /**
   * Receipts and slips an earlier run of this till (or `pos sale create`) left unprinted join
   * those F9 prints and the status bar counts; receipts owed and never sent (the run died
   * between a commit and its printer) are printed at once: they cannot have come out. Called
   * once the till is on screen: a slow database must not hold up the first frame. Resolves
   * with how many were found.
   */
  async loadUnprinted(): Promise<number> {
    const found = await this.queue.loadUnprinted();
    await this.track(this.queue.retryFailed({ owed: true }));
    return found;
  }

  /** Prints any document (a voucher, loyalty or coupon slip) through the same queue. */
  print(doc: PrintDoc, operatorId: number | null): Promise<boolean> {
    return this.track(this.queue.submit(doc, operatorId));
  }

  /** Once every document handed over so far is printed (or failed) and recorded. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.queue.idle();
  }

  // A receipt is read from the database before it joins the queue: closing waits for that too.
  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => void this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /**
   * F9: the receipts that failed to print go again (as originals: they never came out whole);
   * when none failed, the last ticket is printed again marked DUPLICATA. The database is read
   * first: a job that failed on this terminal since the till opened (`pos sale create`), or a
   * receipt a command committed and never sent, goes too; one discarded by a manager does not.
   */
  async reprint(operatorId: number): Promise<ReprintOutcome> {
    // Not a job queued with its document: that one is being sent by its command right now.
    await this.queue.loadUnprinted({ notSending: true });
    if (this.queue.state().failed.length > 0) {
      const r = await this.queue.retryFailed();
      // All printed meanwhile from elsewhere: nothing was sent, so the key means a duplicate.
      if (r.of > 0) return { kind: 'retried', ...r };
    }
    const sale = await lastSaleOfTerminal(this.till.db, this.till.terminal.id);
    if (!sale) refuse('sale.noLast');
    // Journalled before it prints: the journal tells which duplicate this is, and the receipt says so.
    const event = await journalEvent(this.till.db, { terminalId: this.till.terminal.id, kind: 'reprint', operatorId, saleId: sale.id, details: { ticket: ticketLabel(sale.terminalCode, sale.ticketNo) } });
    const n = Number(event.details.count ?? 1);
    const printed = await this.queue.submit(await receiptDoc(this.till.db, this.till.config, sale, { duplicate: n }), operatorId);
    return { kind: 'duplicate', ticket: ticketLabel(sale.terminalCode, sale.ticketNo), printed };
  }

  /**
   * F9 with the server away (selling offline): the receipts that failed go again; when none
   * did, the last ticket of the offline journal is printed again from the document it printed,
   * marked DUPLICATA. Its job is recorded nowhere (no database); the sale's own is, at replay.
   */
  async reprintOffline(): Promise<ReprintOutcome> {
    if (this.queue.state().failed.length > 0) {
      const r = await this.queue.retryFailed();
      if (r.of > 0) return { kind: 'retried', ...r };
    }
    const last = await lastJournaled(offlineFolder(this.till.config.dataDir, this.till.terminal.code));
    if (!last) refuse('offline.noReprint');
    const title = ticketLabel(this.till.terminal.code, last.ticketNo);
    const printed = await this.queue.printUnrecorded({ kind: 'duplicate', saleId: null, title, blocks: asDuplicate(last.receipt, this.till.config.lang) });
    return { kind: 'duplicate', ticket: title, printed };
  }

  /** Opens the drawer; a failure is reported (status bar), never thrown at the sale. */
  async openDrawer(): Promise<DeviceErrorCode | null> {
    try {
      await this.hub.set.drawer.open();
      this.hub.report('drawer', { ok: true });
      return null;
    } catch (e) {
      const err = asDeviceError(e);
      this.log.error({ err: e, drawer: this.hub.set.drawer.name }, 'drawer not opened');
      this.hub.report('drawer', { ok: false, error: err.code });
      return err.code;
    }
  }

  /**
   * "No sale": the drawer opened outside a sale, with a manager's approval, written in the
   * audit log first: no audit line, no opening.
   */
  async noSale(operator: Operator, manager: Operator): Promise<DeviceErrorCode | null> {
    await recordNoSale(this.till.db, this.till.terminal.id, operator.id, manager.id, this.hub.set.drawer.name);
    return this.openDrawer();
  }
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeNetworkPrinter, type FakeNetworkPrinter } from '../../drivers/fakes/networkPrinter';
import { READY, STATUS_QUERY } from '../../drivers/printer/status';
import { loadConfig } from '../config/load';
import { insertPrintJob, recordAttempt } from '../data/printJobs';
import { basketReducer } from '../domain/basket';
import { ean13 } from '../domain/ean';
import { outcomes, race } from '../testing/barrier';
import { useTestDatabase } from '../testing/db';
import { decodeEscPos } from '../testing/escpos';
import { saleRequest, terminal } from '../testing/fixtures';
import { commitSale } from './commitSale';
import { DeviceHub } from './deviceHub';
import { buildDevices } from './devices';
import { lookupEntry } from './lookup';
import type { Operator } from './session';
import { closeTill, openTill, type Till } from './till';
import { deviceStatusText } from '../tui/hooks/useDeviceStatus';
import { discardPrintJobs, PrintQueue, type QueueState } from './printing';
import { TillDevices } from './tillDevices';

const BAGUETTE = '3760000000017';
const cashier: Operator = { id: 1, code: '1', name: 'Camille', role: 'cashier' };
const manager: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };
const log = { error: () => undefined };

describe('the till\'s devices: receipts through the queue, the drawer (fake network printer, real PostgreSQL)', () => {
  const testDb = useTestDatabase();
  let printer: FakeNetworkPrinter;
  let till: Till;
  let devices: TillDevices;
  beforeAll(async () => {
    printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '500' } });
    till = await openTill(config);
    devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
  });
  afterAll(async () => {
    await closeTill(till);
    await printer.close();
  });
  afterEach(() => {
    printer.clear();
    printer.status = { ...READY };
  });

  async function sell(tender: 'cash' | 'card') {
    const req = await saleRequest(testDb().db, { terminal: await terminal(testDb().db), lines: [[BAGUETTE, 2]], tenders: [[tender, tender === 'cash' ? 500 : null]] });
    return (await commitSale(testDb().db, req)).sale;
  }
  const jobsOf = (saleId: number) => testDb().db('print_jobs').where('sale_id', saleId).orderBy('id');
  const kicks = async () => (await decodeEscPos(printer.bytes())).drawer;

  it('a cash sale: the receipt is recorded, printed, and the drawer opens', async () => {
    const sale = await sell('cash');
    await devices.saleCommitted(sale);
    const [job] = await jobsOf(sale.id);
    expect(job).toMatchObject({ kind: 'receipt', state: 'printed', attempts: 1, last_error: null, title: `T01-${String(sale.ticketNo).padStart(6, '0')}` });
    const printed = await decodeEscPos(printer.bytes());
    expect(printed.unknown).toEqual([]);
    expect(printed.text).toMatch(/Rendu +2,40 €/);
    expect(printed.barcodes).toEqual([{ type: 73, data: job.title }]);
    expect(printed.drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
  });

  it('a card sale leaves the drawer shut', async () => {
    await devices.saleCommitted(await sell('card'));
    expect(await kicks()).toEqual([]);
    expect((await decodeEscPos(printer.bytes())).text).toContain('Carte bancaire');
  });

  it('printer out of paper, then refusing connections: jobs kept failed, then printed by F9 once it is back', async () => {
    printer.status = { ...READY, paperOut: true };
    const first = await sell('card');
    await devices.saleCommitted(first);
    await printer.stop();
    const second = await sell('card');
    await devices.saleCommitted(second);
    expect(await jobsOf(first.id)).toMatchObject([{ state: 'failed', last_error: 'paperOut', attempts: 1 }]);
    expect(await jobsOf(second.id)).toMatchObject([{ state: 'failed', last_error: 'refused', attempts: 1 }]);
    expect(devices.queue.state().failed).toHaveLength(2);
    expect(devices.hub.list().find((r) => r.role === 'printer')?.health).toEqual({ ok: false, error: 'refused' });

    // Still away: F9 tries, both stay failed.
    expect(await devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 0, of: 2 });

    await printer.start();
    printer.status = { ...READY };
    printer.clear();
    expect(await devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 2, of: 2 });
    expect(await jobsOf(first.id)).toMatchObject([{ state: 'printed', attempts: 3 }]);
    expect(await jobsOf(second.id)).toMatchObject([{ state: 'printed', attempts: 3 }]);
    // The originals, in their order, not marked as copies: they never came out whole.
    const printed = await decodeEscPos(printer.bytes());
    expect(printed.barcodes.map((b) => b.data)).toEqual([(await jobsOf(first.id))[0].title, (await jobsOf(second.id))[0].title]);
    expect(printed.text).not.toContain('DUPLICATA');
    expect(devices.hub.list().find((r) => r.role === 'printer')?.health).toEqual({ ok: true });
  });

  it('a connection dropped in the middle of a receipt: failed, then printed whole by F9', async () => {
    const sale = await sell('card');
    printer.dropAfter(60);
    await devices.saleCommitted(sale);
    expect(await jobsOf(sale.id)).toMatchObject([{ state: 'failed', last_error: 'dropped' }]);
    expect(await devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 1, of: 1 });
    expect((await decodeEscPos(printer.jobs().at(-1)!)).text).toContain('Baguette tradition');
  });

  it('F9 with nothing failed prints the last ticket again, marked DUPLICATA with its count and journalled', async () => {
    const sale = await sell('card');
    await devices.saleCommitted(sale);
    const original = (await decodeEscPos(printer.bytes())).text;
    // The original carries the ticket's short seal and the software's name and version.
    expect(original).toContain(`Sceau ${sale.seal!.slice(0, 10)}`);
    expect(original).toMatch(/pos-till \d+\.\d+\.\d+/);
    printer.clear();
    const r = await devices.reprint(cashier.id);
    expect(r).toMatchObject({ kind: 'duplicate', printed: true });
    expect((await decodeEscPos(printer.bytes())).text).toContain('*** DUPLICATA n° 1 ***');
    printer.clear();
    await devices.reprint(cashier.id);
    expect((await decodeEscPos(printer.bytes())).text).toContain('*** DUPLICATA n° 2 ***');
    expect(await jobsOf(sale.id)).toMatchObject([{ kind: 'receipt' }, { kind: 'duplicate', state: 'printed' }, { kind: 'duplicate', state: 'printed' }]);
    const events = await testDb().db('journal_events').where({ kind: 'reprint', sale_id: sale.id }).orderBy('id');
    expect(events.map((e: { details: { count: number }; operator_id: number }) => [e.details.count, e.operator_id])).toEqual([[1, cashier.id], [2, cashier.id]]);
  });

  it('no sale: an audit line with the approving manager, then the drawer', async () => {
    const before = await testDb().db('audit_log').where('action', 'no_sale').count<{ count: string }[]>();
    expect(await devices.noSale(cashier, manager)).toBeNull();
    const [row] = await testDb().db('audit_log').where('action', 'no_sale').orderBy('id', 'desc').limit(1);
    expect(row).toMatchObject({ operator_id: 1, approver_id: 2, terminal_id: till.terminal.id });
    expect(Number((await testDb().db('audit_log').where('action', 'no_sale').count<{ count: string }[]>())[0]!.count)).toBe(Number(before[0]!.count) + 1);
    // And in the till's technical journal, sealed.
    const [event] = await testDb().db('journal_events').where('kind', 'no_sale').orderBy('id', 'desc').limit(1);
    expect(event).toMatchObject({ operator_id: 1, terminal_id: till.terminal.id, details: { approver: 2 } });
    expect(await testDb().db('fiscal_seals').where({ chain: 'jet', ref_id: event.id }).first()).toBeTruthy();
    expect(await kicks()).toEqual([{ m: 0, t1: 25, t2: 250 }]);
  });

  it('no sale with the printer away: audited, reported, not opened', async () => {
    await printer.stop();
    try {
      expect(await devices.noSale(cashier, manager)).toBe('refused');
      expect(devices.hub.list().find((r) => r.role === 'drawer')?.health).toEqual({ ok: false, error: 'refused' });
    } finally {
      await printer.start();
    }
  });
});

describe('unprinted jobs outlive the run that made them (fake network printer, real PostgreSQL)', () => {
  const testDb = useTestDatabase();

  it('a receipt that failed in one run, and a job left queued by a run that stopped, are shown by the next run and printed by F9', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '500' } });
    const run = async (onQueue?: (s: QueueState) => void) => {
      const till = await openTill(config);
      return { till, devices: new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log, onQueue) };
    };
    const sell = async () => {
      const req = await saleRequest(testDb().db, { terminal: await terminal(testDb().db), lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      return (await commitSale(testDb().db, req)).sale;
    };
    try {
      // First run: the printer refuses the connection; the receipt is kept failed.
      await printer.stop();
      const first = await run();
      const sale = await sell();
      await first.devices.saleCommitted(sale);
      const [failedJob] = await testDb().db('print_jobs').where('sale_id', sale.id);
      expect(failedJob).toMatchObject({ state: 'failed', last_error: 'refused' });
      // A slip recorded, then the run stopped before it was sent (a crash): left queued.
      const slip = { kind: 'slip' as const, saleId: null, title: 'Fidélité C-1', blocks: [{ t: 'text' as const, text: 'SOLDE 240' }] };
      const slipId = await insertPrintJob(testDb().db, { terminalId: first.till.terminal.id, operatorId: null, ...slip });
      await closeTill(first.till);

      // Next run, printer back: nothing is known until the stored jobs are read.
      await printer.start();
      const states: QueueState[] = [];
      const next = await run((s) => states.push(s));
      try {
        expect(next.devices.queue.state().failed).toEqual([]);
        expect(await next.devices.loadUnprinted()).toBe(2);
        expect(states.at(-1)?.failed).toEqual([failedJob.title, 'Fidélité C-1']);
        expect(deviceStatusText([], states.at(-1)!, config)).toEqual({ text: '2 à imprimer (F9)', error: true });
        // Read twice (a second load) they are still two.
        expect(await next.devices.loadUnprinted()).toBe(0);

        expect(await next.devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 2, of: 2 });
        const printed = await decodeEscPos(printer.bytes());
        expect(printed.barcodes).toEqual([{ type: 73, data: failedJob.title }]);
        expect(printed.text).toContain('Baguette tradition');
        expect(printed.text).toContain('SOLDE 240');
        expect(printed.text.indexOf('Baguette tradition')).toBeLessThan(printed.text.indexOf('SOLDE 240'));
        expect(await testDb().db('print_jobs').whereIn('id', [failedJob.id, slipId]).orderBy('id')).toMatchObject([
          { state: 'printed', attempts: 2, last_error: null },
          { state: 'printed', attempts: 1, last_error: null },
        ]);
        expect(next.devices.queue.state().failed).toEqual([]);
      } finally {
        await closeTill(next.till);
      }
    } finally {
      await printer.close();
    }
  });

  it('a till that died between a commit and its printer: the next run finds the receipt the sale owes and prints it at once, exactly once', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const run = async () => {
      const till = await openTill(config);
      return { till, devices: new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log) };
    };
    const first = await run();
    const second = await run();
    try {
      // The commit, then the till dies: nothing was sent.
      const req = await saleRequest(first.till.db, { terminal: first.till.terminal, lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      const { sale } = await commitSale(first.till.db, req);
      await closeTill(first.till);
      const title = `T01-${String(sale.ticketNo).padStart(6, '0')}`;
      expect(printer.bytes()).toHaveLength(0);

      // Two runs of the till find it together (a restart, and a second window on the same
      // till), held at the database as each stores the document it made: one prints it.
      const [a, b] = [await run(), second];
      const found = outcomes(await race(testDb(), { before: 'UPDATE', table: 'print_jobs' }, [a, b].map((r) => () => r.devices.loadUnprinted())));
      expect(found).toEqual({ won: [1, 1], lost: [] });
      await Promise.all([a.devices.settled(), b.devices.settled()]);
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.barcodes).toEqual([{ type: 73, data: title }]);
      expect(printed.text).toContain('Baguette tradition');
      expect(printed.text).not.toContain('DUPLICATA');
      expect(await testDb().db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ kind: 'receipt', state: 'printed', attempts: 1, title }]);
      expect([a.devices.queue.state().failed, b.devices.queue.state().failed]).toEqual([[], []]);

      // The same sale committed again under its key (a retry, a replay from the spool): nothing more.
      printer.clear();
      const again = await commitSale(a.till.db, req);
      expect(again.created).toBe(false);
      await a.devices.saleCommitted(again.sale);
      expect(await a.devices.printReceipt(again.sale)).toBeNull();
      const next = await run();
      expect(await next.devices.loadUnprinted()).toBe(0);
      await closeTill(next.till);
      await closeTill(a.till);
      expect(printer.bytes()).toHaveLength(0);
      expect(await testDb().db('print_jobs').where('sale_id', sale.id)).toHaveLength(1);
    } finally {
      await closeTill(second.till);
      await printer.close();
    }
  });

  it('a receipt the opening till loaded as owed, then printed by the replay of its sale, is printed once and waits no more', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const till = await openTill(config);
    try {
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      const req = await saleRequest(till.db, { terminal: till.terminal, lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      const { sale } = await commitSale(till.db, req);
      expect(await devices.queue.loadUnprinted()).toBe(1);
      expect(devices.queue.state().failed).toEqual([`T01-${String(sale.ticketNo).padStart(6, '0')}`]);
      // The spool's replay finds the sale committed already (created: false) and prints its receipt.
      expect(await devices.printReceipt((await commitSale(till.db, req)).sale)).toBe(true);
      expect(devices.queue.state().failed).toEqual([]);
      expect(await devices.queue.retryFailed({ owed: true })).toEqual({ printed: 0, of: 0 });
      expect((await decodeEscPos(printer.bytes())).barcodes).toHaveLength(1);
      expect(await till.db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ state: 'printed', attempts: 1 }]);
    } finally {
      await closeTill(till);
      await printer.close();
    }
  });

  it('F9 prints the receipt a command committed on this till and never sent', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const till = await openTill(config);
    try {
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      expect(await devices.loadUnprinted()).toBe(0);
      // `pos sale create` on this terminal dies after its commit, while the till runs.
      const req = await saleRequest(till.db, { terminal: till.terminal, lines: [[BAGUETTE, 3]], tenders: [['card', null]] });
      const { sale } = await commitSale(till.db, req);
      expect(await devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 1, of: 1 });
      expect((await decodeEscPos(printer.bytes())).barcodes).toEqual([{ type: 73, data: `T01-${String(sale.ticketNo).padStart(6, '0')}` }]);
      expect(await till.db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ state: 'printed', attempts: 1 }]);
    } finally {
      await closeTill(till);
      await printer.close();
    }
  });

  it('a till closed just after a sale first prints its receipt and records it: the next run has nothing to offer again', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const till = await openTill(config);
    try {
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      const req = await saleRequest(till.db, { terminal: till.terminal, lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      const { sale } = await commitSale(till.db, req);
      // Handed over and not awaited: the cashier quits while the receipt is still being read.
      void devices.saleCommitted(sale);
      await closeTill(till);
      expect(await testDb().db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ state: 'printed', attempts: 1 }]);
      expect((await decodeEscPos(printer.bytes())).barcodes).toEqual([{ type: 73, data: `T01-${String(sale.ticketNo).padStart(6, '0')}` }]);
    } finally {
      await printer.close();
    }
  });

  it('a job printed from elsewhere after the till loaded it is not printed twice by F9', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const till = await openTill(config);
    try {
      const id = await insertPrintJob(till.db, { terminalId: till.terminal.id, operatorId: null, kind: 'slip', saleId: null, title: 'Bon X', blocks: [{ t: 'text', text: 'BON X' }] });
      await recordAttempt(till.db, id, 'tcp://elsewhere:9100', 'refused');
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      expect(await devices.loadUnprinted()).toBe(1);
      await recordAttempt(till.db, id, 'tcp://elsewhere:9100', null);
      const sale = await saleRequest(till.db, { terminal: till.terminal, lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      await devices.saleCommitted((await commitSale(till.db, sale)).sale);
      printer.clear();
      // Nothing left to retry: F9 prints the last ticket as a duplicate instead.
      expect(await devices.reprint(cashier.id)).toMatchObject({ kind: 'duplicate', printed: true });
      expect((await decodeEscPos(printer.bytes())).text).not.toContain('BON X');
      expect(await till.db('print_jobs').where({ id }).first()).toMatchObject({ state: 'printed', attempts: 2 });
    } finally {
      await closeTill(till);
      await printer.close();
    }
  });

  it('a job discarded by a manager is not loaded by a till, and one a till holds already is not printed by its F9', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri } });
    const till = await openTill(config);
    const failedSlip = async (text: string) => {
      const id = await insertPrintJob(till.db, { terminalId: till.terminal.id, operatorId: null, kind: 'test', saleId: null, title: text, blocks: [{ t: 'text', text }] });
      await recordAttempt(till.db, id, 'tcp://elsewhere:9100', 'paperOut');
      return id;
    };
    try {
      const before = await failedSlip('PAGE OUBLIEE');
      expect(await discardPrintJobs(till.db, { terminal: till.terminal, jobs: [before], manager })).toMatchObject([{ id: before, state: 'discarded' }]);
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      expect(await devices.loadUnprinted()).toBe(0);
      expect(devices.queue.state().failed).toEqual([]);

      // Loaded by the till, then discarded from elsewhere before F9.
      const held = await failedSlip('CLIENT PARTI');
      expect(await devices.loadUnprinted()).toBe(1);
      expect(devices.queue.state().failed).toEqual(['CLIENT PARTI']);
      await discardPrintJobs(till.db, { terminal: till.terminal, jobs: 'unprinted', manager });
      const req = await saleRequest(till.db, { terminal: till.terminal, lines: [[BAGUETTE, 1]], tenders: [['card', null]] });
      await devices.saleCommitted((await commitSale(till.db, req)).sale);
      printer.clear();
      // Nothing left to print again: F9 means the last ticket's duplicate.
      expect(await devices.reprint(cashier.id)).toMatchObject({ kind: 'duplicate', printed: true });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.text).not.toContain('CLIENT PARTI');
      expect(printed.text).not.toContain('PAGE OUBLIEE');
      expect(devices.queue.state().failed).toEqual([]);
      expect(await till.db('print_jobs').whereIn('id', [before, held]).orderBy('id')).toMatchObject([
        { state: 'discarded', attempts: 1 },
        { state: 'discarded', attempts: 1 },
      ]);
      expect(await till.db('audit_log').where('action', 'print_job_discarded').orderBy('id').pluck('approver_id')).toEqual([manager.id, manager.id]);
    } finally {
      await closeTill(till);
      await printer.close();
    }
  });

  it('F9 prints a job that failed elsewhere on this terminal after the till opened (`pos sale create`), not one still being printed there', async () => {
    const printer = await fakeNetworkPrinter();
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '500' } });
    const till = await openTill(config);
    try {
      const devices = new TillDevices(new DeviceHub(buildDevices(config), 1000), till, log);
      expect(await devices.loadUnprinted()).toBe(0);
      // Another queue of the same terminal (a command) prints while the printer is away.
      await printer.stop();
      const elsewhere = new PrintQueue({ db: till.db, terminalId: till.terminal.id, printer: buildDevices(config).printer, log });
      expect(await elsewhere.submit({ kind: 'slip', saleId: null, title: 'Bon Y', blocks: [{ t: 'text', text: 'BON Y' }] }, null)).toBe(false);
      const failedId = elsewhere.lastJobId()!;
      // And a job recorded there and not yet sent (queued): its command prints it, not the till.
      const sendingId = await insertPrintJob(till.db, { terminalId: till.terminal.id, operatorId: null, kind: 'slip', saleId: null, title: 'Bon Z', blocks: [{ t: 'text', text: 'BON Z' }] });
      await printer.start();
      expect(devices.queue.state().failed).toEqual([]);

      expect(await devices.reprint(cashier.id)).toEqual({ kind: 'retried', printed: 1, of: 1 });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.text).toContain('BON Y');
      expect(printed.text).not.toContain('BON Z');
      expect(await till.db('print_jobs').whereIn('id', [failedId, sendingId]).orderBy('id')).toMatchObject([
        { state: 'printed', attempts: 2 },
        { state: 'queued', attempts: 0 },
      ]);
      expect(devices.queue.state().failed).toEqual([]);
      await recordAttempt(till.db, sendingId, 'tcp://elsewhere:9100', null);
    } finally {
      await closeTill(till);
      await printer.close();
    }
  });
});

describe('a printer (or print server) that never answers a status query (fake on a real TCP socket)', () => {
  const testDb = useTestDatabase();
  const runs: { till: Till; printer: FakeNetworkPrinter; hub: DeviceHub; devices: TillDevices }[] = [];
  afterAll(async () => {
    for (const r of runs) {
      await r.hub.stop();
      await closeTill(r.till);
      await r.printer.close();
    }
  });
  async function start(statusQueries: boolean) {
    const printer = await fakeNetworkPrinter();
    printer.mute = true;
    const loaded = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url, POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '300' } });
    const config = { ...loaded, devices: { ...loaded.devices, printer: { ...loaded.devices.printer, statusQueries } } };
    const till = await openTill(config);
    const hub = new DeviceHub(buildDevices(config), 60_000);
    const run = { till, printer, hub, devices: new TillDevices(hub, till, log) };
    runs.push(run);
    return run;
  }
  async function sell(till: Till) {
    const req = await saleRequest(testDb().db, { terminal: await terminal(testDb().db), lines: [[BAGUETTE, 2]], tenders: [['cash', 500]] });
    return (await commitSale(till.db, req)).sale;
  }

  it('gets its receipt and the drawer kick; the job is printed with its status unknown, and the status bar says so', async () => {
    const { till, printer, hub, devices } = await start(true);
    const sale = await sell(till);
    await devices.saleCommitted(sale);
    const printed = await decodeEscPos(Buffer.concat(printer.jobs().map((j) => (j.subarray(0, STATUS_QUERY.length).equals(STATUS_QUERY) ? j.subarray(STATUS_QUERY.length) : j))));
    expect(printed.text).toMatch(/Rendu +2,40 €/);
    expect(printed.barcodes).toEqual([{ type: 73, data: `T01-${String(sale.ticketNo).padStart(6, '0')}` }]);
    expect(printed.drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
    expect(await testDb().db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ state: 'printed', attempts: 1, last_error: null, status_unknown: true }]);
    expect(devices.queue.state()).toMatchObject({ failed: [], lastError: null });
    expect(hub.list().find((r) => r.role === 'printer')!.health).toEqual({ ok: true, warning: 'statusUnknown' });
    expect(deviceStatusText(hub.list(), devices.queue.state(), till.config)).toEqual({ text: 'Imprimante : état inconnu', error: false });
  });

  it('with status queries off: the receipt alone goes out, no DLE EOT at all; nothing on the status bar', async () => {
    const { till, printer, hub, devices } = await start(false);
    const sale = await sell(till);
    await devices.saleCommitted(sale);
    expect(printer.bytes().includes(Buffer.from([0x10, 0x04]))).toBe(false);
    const printed = await decodeEscPos(printer.bytes());
    expect(printed.text).toMatch(/Rendu +2,40 €/);
    expect(printed.drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
    expect(await testDb().db('print_jobs').where('sale_id', sale.id)).toMatchObject([{ state: 'printed', status_unknown: true }]);
    expect(hub.list().find((r) => r.role === 'printer')!.health).toEqual({ ok: true, warning: 'statusOff' });
    expect(deviceStatusText(hub.list(), devices.queue.state(), till.config)).toBeNull();
  });
});

describe('scale labels at the entry line', () => {
  const testDb = useTestDatabase();
  it('finds the item under its template code, at the label\'s price or at its weight', async () => {
    const { db } = testDb();
    const t = await terminal(db);
    const group = await db('item_groups').first();
    const vat = await db('vat_rates').where('rate_bp', 550).first();
    await db('items').insert([
      { sku: 'FROM-KG', barcode: ean13('250000100000'), name: 'Comté 18 mois', price_cents: 1799, vat_rate_bp: vat.rate_bp, group_id: group.id },
      { sku: 'TRAIT-PX', barcode: ean13('220000200000'), name: 'Taboulé maison', price_cents: 0, vat_rate_bp: vat.rate_bp, group_id: group.id },
    ]);
    const ctx = { basket: (await saleRequest(db, { terminal: t, lines: [] , tenders: [] })).basket, terminal: t, operatorId: 1 };
    const weighed = await lookupEntry(db, ean13('250000100455'), ctx);
    expect(weighed).toMatchObject({ kind: 'item', item: { sku: 'FROM-KG', name: 'Comté 18 mois 0,455 kg', priceCents: 819 } });
    const priced = await lookupEntry(db, ean13('220000200349'), ctx);
    expect(priced).toMatchObject({ kind: 'item', item: { sku: 'TRAIT-PX', priceCents: 349 } });
    await expect(lookupEntry(db, ean13('259999900455'), ctx)).rejects.toMatchObject({ key: 'item.weighedUnknown' });
    const bad = ean13('250000100455');
    await expect(lookupEntry(db, bad.slice(0, 12) + ((Number(bad[12]) + 1) % 10), ctx)).rejects.toMatchObject({ key: 'item.badCheckDigit' });

    // Two pieces of the same cheese at two weights: two lines, each at its own price.
    let basket = ctx.basket;
    for (const code of [ean13('250000100455'), ean13('250000100210')]) {
      const found = await lookupEntry(db, code, ctx);
      if (found.kind !== 'item') throw new Error('not an item');
      const r = basketReducer(basket, { type: 'add', item: found.item, qty: 1 });
      if ('error' in r) throw new Error(r.error);
      basket = r.basket;
    }
    expect(basket.lines.map((l) => [l.qty, l.unitPriceCents])).toEqual([[1, 819], [1, 378]]);
  });
});

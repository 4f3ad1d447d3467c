import type { Command } from 'commander';
import { DeviceHub, type DeviceReport } from '../../app/deviceHub';
import { buildDevices } from '../../app/devices';
import type { Config } from '../../config/schema';
import { refuse } from '../../app/errors';
import { testPageBlocks } from '../../app/testPage';
import { recordNoSale } from '../../app/noSale';
import { discardPrintJobs } from '../../app/printing';
import { asDeviceError } from '../../../drivers/errors';
import { statusUnknown, type Health } from '../../../drivers/health';
import { getPrintJob, listPrintJobs, type PrintJob } from '../../data/printJobs';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withTill } from '../connection';
import { EXIT, writeError } from '../io';
import { emit, table } from '../output';
import { commandQueue, failureText } from '../printQueue';
import { cliManager } from '../pins';

/** How long `pos devices` lets serial and HID scanners open before saying how they are. */
const SCANNER_SETTLE_MS = 400;

function stateText(ctx: Ctx, h: Health | null): string {
  const { lang } = ctx.config;
  if (!h) return t(lang, 'device.state.unknown');
  if (!h.ok) return t(lang, `device.error.${h.error}`);
  if (h.warning === 'statusUnknown' || h.warning === 'statusOff') return t(lang, `cli.devices.state.${h.warning}`);
  return t(lang, h.warning ? `device.state.${h.warning}` : 'device.state.ok');
}

function reportJson(r: DeviceReport) {
  return { role: r.role, address: r.name, ok: r.health?.ok ?? null, error: r.health && !r.health.ok ? r.health.error : null, warning: r.health?.ok ? (r.health.warning ?? null) : null };
}

/** `config`: a till's (its recorded devices over the configuration's) when the command opened one. */
async function withHub<T>(ctx: Ctx, work: (hub: DeviceHub) => Promise<T>, config: Config = ctx.config): Promise<T> {
  const hub = new DeviceHub(buildDevices(config, { console: ctx.io.stdout }), config.devices.pollMs);
  hub.start();
  try {
    return await work(hub);
  } finally {
    await hub.stop();
  }
}

async function listCommand(ctx: Ctx): Promise<void> {
  const reports = await withHub(ctx, async (hub) => {
    await new Promise((r) => setTimeout(r, SCANNER_SETTLE_MS));
    return hub.checkAll();
  });
  const { lang } = ctx.config;
  const rows = [
    [t(lang, 'cli.devices.role'), t(lang, 'cli.devices.address'), t(lang, 'cli.devices.state')],
    ...reports.map((r) => [t(lang, `device.role.${r.role}`), r.name, stateText(ctx, r.health)]),
    [t(lang, 'device.role.scanner'), t(lang, 'cli.devices.keyboard'), t(lang, 'device.state.ok')],
  ];
  emit(ctx, { terminal: ctx.config.terminal, devices: reports.map(reportJson) }, () => table(rows, ['left', 'left', 'left']));
}

interface TestOptions {
  manager?: string;
  timeout: string;
}

async function testCommand(ctx: Ctx, device: string, opts: TestOptions): Promise<number | void> {
  const { lang } = ctx.config;
  switch (device) {
    case 'printer':
      return withHub(ctx, async (hub) => {
        const printer = hub.set.printer;
        let printed: Health;
        try {
          printed = await printer.print(testPageBlocks(ctx.config, printer.name));
        } catch (e) {
          const code = asDeviceError(e).code;
          emit(ctx, { device: 'printer', address: printer.name, ok: false, error: code }, () => []);
          writeError(ctx.io, t(lang, 'cli.devices.printFailed', { name: printer.name, reason: t(lang, `device.error.${code}`) }));
          return EXIT.refused;
        }
        const said = printed.ok && printed.warning ? ` (${stateText(ctx, printed)})` : '';
        emit(ctx, { device: 'printer', address: printer.name, ok: true, status_unknown: statusUnknown(printed) }, () => [t(lang, 'cli.devices.printed', { name: printer.name }) + said]);
      });
    case 'drawer': {
      // Opening the drawer outside a sale is a "no sale": a manager, and an audit line.
      if (!opts.manager) refuse('cli.devices.managerNeeded');
      return withTill(ctx.config, (till) =>
        withHub(ctx, async (hub) => {
          const manager = await cliManager(ctx, till, opts.manager!, 'drawer.noSale');
          await recordNoSale(till.db, till.terminal.id, manager.id, manager.id, hub.set.drawer.name);
          try {
            await hub.set.drawer.open();
          } catch (e) {
            refuse('drawer.failed', { reason: t(lang, `device.error.${asDeviceError(e).code}`) });
          }
          emit(ctx, { device: 'drawer', address: hub.set.drawer.name, ok: true }, () => [t(lang, 'cli.devices.drawerOpened', { name: hub.set.drawer.name })]);
        }, till.config),
      );
    }
    case 'scanner': {
      const seconds = parseCountArg('--timeout', opts.timeout, 1, 600);
      return withHub(ctx, async (hub) => {
        if (!ctx.json) ctx.io.stdout.write(t(lang, 'cli.devices.waiting', { seconds }) + '\n');
        const got = await new Promise<{ code: string; source: string } | null>((done) => {
          const timer = setTimeout(() => done(null), seconds * 1000);
          const finish = (code: string, source: string) => {
            clearTimeout(timer);
            off();
            done({ code, source });
          };
          const off = hub.onScan(finish);
          // A keyboard-wedge scanner types into this terminal: a line on stdin is a scan too.
          const stdin = process.stdin;
          if (stdin.isTTY && ctx.io.stdout === process.stdout) {
            stdin.setEncoding('latin1');
            stdin.once('data', (d: string) => finish(d.replace(/[\r\n]+$/, ''), 'keyboard'));
          }
        });
        if (process.stdin.isTTY) process.stdin.pause();
        if (!got) {
          emit(ctx, { device: 'scanner', ok: false, code: null }, () => []);
          writeError(ctx.io, t(lang, 'cli.devices.noScan', { seconds }));
          return EXIT.refused;
        }
        emit(ctx, { device: 'scanner', ok: true, code: got.code, source: got.source }, () => [t(lang, 'cli.devices.scanned', got)]);
      });
    }
    case 'display':
      return withHub(ctx, async (hub) => {
        const display = hub.set.display;
        if (!display) refuse('cli.devices.notConfigured', { role: t(lang, 'device.role.display') });
        try {
          await display.show([t(lang, 'testPage.title'), '12345678901234567890']);
        } catch (e) {
          refuse('cli.devices.failed', { role: t(lang, 'device.role.display'), name: display.name, reason: t(lang, `device.error.${asDeviceError(e).code}`) });
        }
        emit(ctx, { device: 'display', address: display.name, ok: true }, () => [t(lang, 'cli.devices.displayWritten', { name: display.name })]);
      });
    default:
      refuse('cli.devices.unknown', { name: device });
  }
}

/** Why a job did not print, or that it was sent to a printer that said nothing after it. */
function jobRemark(ctx: Ctx, j: PrintJob): string {
  if (j.lastError) return t(ctx.config.lang, `device.error.${j.lastError as 'io'}`);
  return j.statusUnknown ? t(ctx.config.lang, 'device.state.statusUnknown') : '';
}

async function jobsCommand(ctx: Ctx, opts: { limit: string; unprinted?: boolean }): Promise<void> {
  const limit = parseCountArg('--limit', opts.limit, 1, 1000);
  const jobs = await withTill(ctx.config, (till) => listPrintJobs(till.db, till.terminal.id, { limit, unprinted: opts.unprinted }));
  const { lang } = ctx.config;
  emit(
    ctx,
    { terminal: ctx.config.terminal, jobs: jobs.map((j) => ({ id: j.id, kind: j.kind, title: j.title, state: j.state, attempts: j.attempts, error: j.lastError, status_unknown: j.statusUnknown, printer: j.printer, created_at: j.createdAt.toISOString(), printed_at: j.printedAt?.toISOString() ?? null })) },
    () => [t(lang, 'cli.devices.jobs'), ...table(jobs.map((j) => [String(j.id), j.kind, j.title, j.state, jobRemark(ctx, j)]), ['right', 'left', 'left', 'left', 'left'])],
  );
}

/** The largest job number a command line takes (print_jobs ids are bigint, far from it). */
const MAX_JOB_ID = 2 ** 53 - 1;

/**
 * Stored jobs printed again on this till's printer, each attempt recorded like the till's.
 * Every number is checked before anything is sent: one unknown or printed already, and
 * nothing is printed.
 */
async function printCommand(ctx: Ctx, ids: string[], opts: { unprinted?: boolean }): Promise<number | void> {
  const { lang, terminal } = ctx.config;
  if ((ids.length === 0) === !opts.unprinted) refuse('cli.devices.printWhich');
  const wanted = ids.map((id) => parseCountArg('<job>', id, 1, MAX_JOB_ID));
  const results = await withTill(ctx.config, async (till) => {
    let jobs: PrintJob[];
    if (opts.unprinted) {
      jobs = (await listPrintJobs(till.db, till.terminal.id, { unprinted: true, limit: 1000 })).reverse();
      if (jobs.length === 0) return null;
    } else {
      jobs = [];
      for (const id of wanted) {
        const job = await getPrintJob(till.db, id);
        if (!job || job.terminalId !== till.terminal.id) refuse('cli.devices.jobUnknown', { id, terminal });
        if (job.state === 'printed') refuse('cli.devices.jobPrinted', { id, title: job.title });
        if (job.state === 'discarded') refuse('cli.devices.jobDiscarded', { id, title: job.title });
        jobs.push(job);
      }
    }
    const queue = commandQueue(ctx, till);
    if (!queue) refuse('cli.devices.noPrinter');
    const out = [];
    for (const job of jobs) {
      const r = await queue.resend(job);
      out.push({ job, printed: r === true, already: r === 'printedAlready', discarded: r === 'discarded', reason: r === false ? failureText(ctx, queue) : null, error: r === false ? queue.failure()?.code ?? 'io' : null });
    }
    return { printer: queue.printerName(), out };
  });
  if (!results) {
    emit(ctx, { terminal, printer: null, jobs: [] }, () => [t(lang, 'cli.devices.nothingToPrint', { terminal })]);
    return;
  }
  const { printer, out } = results;
  emit(
    ctx,
    { terminal, printer, jobs: out.map((r) => ({ id: r.job.id, kind: r.job.kind, title: r.job.title, printed: r.printed, printed_already: r.already, error: r.error })) },
    () => out.filter((r) => r.printed).map((r) => t(lang, 'cli.devices.jobSent', { id: r.job.id, title: r.job.title, name: printer })),
  );
  for (const r of out) {
    if (r.already) writeError(ctx.io, t(lang, 'cli.devices.jobPrinted', { id: r.job.id, title: r.job.title }));
    else if (r.discarded) writeError(ctx.io, t(lang, 'cli.devices.jobDiscarded', { id: r.job.id, title: r.job.title }));
    else if (!r.printed) writeError(ctx.io, t(lang, 'cli.devices.jobFailed', { id: r.job.id, title: r.job.title, name: printer, reason: r.reason! }));
  }
  if (out.some((r) => !r.printed && !r.already && !r.discarded)) return EXIT.refused;
}

interface DiscardOptions {
  unprinted?: boolean;
  manager?: string;
  reason?: string;
}

/**
 * Stored jobs nobody will want printed, discarded with a manager's approval and an audit
 * line: no till offers them again. One unknown, printed or discarded already, and nothing
 * is discarded.
 */
async function discardCommand(ctx: Ctx, ids: string[], opts: DiscardOptions): Promise<void> {
  const { lang, terminal } = ctx.config;
  if ((ids.length === 0) === !opts.unprinted) refuse('cli.devices.printWhich');
  const wanted = ids.map((id) => parseCountArg('<job>', id, 1, MAX_JOB_ID));
  if (!opts.manager) refuse('cli.devices.discardManagerNeeded');
  const jobs = await withTill(ctx.config, async (till) =>
    discardPrintJobs(till.db, { terminal: till.terminal, jobs: opts.unprinted ? 'unprinted' : wanted, manager: await cliManager(ctx, till, opts.manager!, 'print.discard'), reason: opts.reason }),
  );
  emit(ctx, { terminal, jobs: jobs.map((j) => ({ id: j.id, kind: j.kind, title: j.title, state: j.state })) }, () =>
    jobs.length === 0 ? [t(lang, 'cli.devices.nothingToDiscard', { terminal })] : jobs.map((j) => t(lang, 'cli.devices.discarded', { id: j.id, title: j.title })),
  );
}

export function registerDevices(program: Command, run: Runner): void {
  const devices = program
    .command('devices')
    .description("this till's printer, drawer, scanners and customer display, with their state")
    .action((_opts, cmd: Command) => run(cmd, (ctx) => listCommand(ctx)));
  devices
    .command('test <device>')
    .description('print a test page (printer), open the drawer (drawer: --manager, PIN in POS_MANAGER_PIN), wait for a scan (scanner), write to the display (display)')
    .option('--manager <code>', "a manager's code, to open the drawer")
    .option('--timeout <seconds>', 'how long to wait for a scan', '15')
    .action((device: string, opts: TestOptions, cmd: Command) => run(cmd, (ctx) => testCommand(ctx, device, opts)));
  devices
    .command('jobs')
    .description("this till's latest print jobs and what became of them")
    .option('--limit <n>', 'how many (1–1000)', '20')
    .option('--unprinted', 'only those not printed')
    .action((opts: { limit: string; unprinted?: boolean }, cmd: Command) => run(cmd, (ctx) => jobsCommand(ctx, opts)));
  devices
    .command('print [jobs...]')
    .description("print stored jobs again on this till's printer (numbers from `pos devices jobs`), or every one not printed (--unprinted, oldest first)")
    .option('--unprinted', 'every job of this till not printed yet')
    .action((jobs: string[], opts: { unprinted?: boolean }, cmd: Command) => run(cmd, (ctx) => printCommand(ctx, jobs, opts)));
  devices
    .command('discard [jobs...]')
    .description('discard stored jobs nobody will want printed (a test page, a receipt left behind), or every one not printed (--unprinted); a manager approves, and it is audited')
    .option('--unprinted', 'every job of this till not printed yet')
    .option('--manager <code>', 'the manager approving it (PIN: POS_MANAGER_PIN or typed)')
    .option('--reason <text>', 'why (kept in the audit log)')
    .action((jobs: string[], opts: DiscardOptions, cmd: Command) => run(cmd, (ctx) => discardCommand(ctx, jobs, opts)));
}

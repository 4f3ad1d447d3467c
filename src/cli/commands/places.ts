import type { Command } from 'commander';
import { addStore, addTerminal, editStore, editTerminal, retireTill, type DevicesInput, type StoreInput } from '../../app/storeAdmin';
import { listStores, listTerminals, type StoreRow, type TerminalRow } from '../../data/stores';
import { formatSiret } from '../../domain/storeSettings';
import { t } from '../../i18n/messages';
import { collect } from '../args';
import { cliRuleChange, OPERATOR_HELP, withGate } from '../change';
import { withReadDatabase } from '../connection';
import type { Ctx, Runner } from '../context';
import { emit, emitRead, table } from '../output';

// `pos store` and `pos terminal`: stores and tills, made and changed by an admin (with a PIN,
// logged as rule changes are), listed by anyone.

interface StoreOpts {
  name?: string;
  address?: string[];
  siret?: string;
  timeZone?: string;
  header?: string[];
  footer?: string[];
  operator?: string;
}

interface DeviceOpts {
  printer?: string;
  drawer?: string;
  display?: string;
  scanner?: string[];
}

const storeJson = (s: StoreRow) => ({ code: s.code, name: s.name, address: s.address, siret: s.siret, time_zone: s.timeZone, receipt_header: s.header, receipt_footer: s.footer });
const terminalJson = (x: TerminalRow) => ({ code: x.code, name: x.name, store: x.storeCode, devices: x.devices, retired_at: x.retiredAt?.toISOString() ?? null, tickets: x.tickets });

function storeText(ctx: Ctx, s: StoreRow): string[] {
  const { lang } = ctx.config;
  return [
    `${s.code}  ${s.name}`,
    ...s.address.map((l) => `  ${l}`),
    ...(s.siret ? [`  SIRET ${formatSiret(s.siret)}`] : []),
    `  ${t(lang, 'store.cli.timeZone')} ${s.timeZone ?? t(lang, 'store.cli.timeZoneConfig', { zone: ctx.config.timeZone })}`,
    ...s.header.map((l) => `  ${t(lang, 'store.cli.header')} ${l}`),
    ...s.footer.map((l) => `  ${t(lang, 'store.cli.footer')} ${l}`),
  ];
}

function devicesText(d: TerminalRow['devices']): string {
  return [d.printer && `printer=${d.printer}`, d.drawer && `drawer=${d.drawer}`, d.display && `display=${d.display}`, ...(d.scanners ?? []).map((s) => `scanner=${s}`)].filter(Boolean).join(' ') || '—';
}

function terminalsText(ctx: Ctx, rows: TerminalRow[]): string[] {
  const { lang } = ctx.config;
  if (rows.length === 0) return [t(lang, 'terminal.cli.none')];
  return table(
    rows.map((x) => [x.code, x.name, x.storeCode, x.retiredAt ? t(lang, 'terminal.cli.retiredOn', { at: x.retiredAt.toISOString().slice(0, 10) }) : t(lang, 'terminal.cli.active'), String(x.tickets), devicesText(x.devices)]),
    ['left', 'left', 'left', 'left', 'right', 'left'],
  );
}

const storeInput = (o: StoreOpts): StoreInput => ({ name: o.name, address: o.address, siret: o.siret, timeZone: o.timeZone, header: o.header, footer: o.footer });
const devicesInput = (o: DeviceOpts): DevicesInput | undefined =>
  o.printer === undefined && o.drawer === undefined && o.display === undefined && o.scanner === undefined ? undefined : { printer: o.printer, drawer: o.drawer, display: o.display, scanners: o.scanner };

function storeOptions(cmd: Command): Command {
  return cmd
    .option('--address <line>', 'a line of the postal address (repeat for each; replaces them all)', collect)
    .option('--siret <number>', 'the SIRET (14 digits, spaces allowed), printed on receipts; empty to remove')
    .option('--time-zone <zone>', 'IANA time zone of the store (Europe/Paris…); empty: the configuration’s')
    .option('--header <line>', 'a line printed under the address on receipts (repeat; replaces them all)', collect)
    .option('--footer <line>', 'a line printed at the foot of receipts (repeat; replaces them all)', collect)
    .option('--operator <code>', OPERATOR_HELP.admin);
}

function deviceOptions(cmd: Command): Command {
  return cmd
    .option('--printer <uri>', 'the receipt printer (tcp://host:9100, usb:VID:PID, serial:/dev/ttyS0, a path); empty to remove')
    .option('--drawer <uri>', 'the cash drawer (printer, serial:…, a path); empty to remove')
    .option('--display <uri>', 'the customer display (serial:…); empty to remove')
    .option('--scanner <uri>', 'a scanner (serial:…, hid:VID:PID, a path); repeat for each, replaces them all', collect)
    .option('--operator <code>', OPERATOR_HELP.admin);
}

export function registerStore(program: Command, run: Runner): void {
  const store = program.command('store').description('the stores: name, address and SIRET on receipts, time zone, receipt header and footer');

  store
    .command('list')
    .description('every store')
    .action((_o, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { rows, source } = await withReadDatabase(ctx.config, async (db, source) => ({ rows: await listStores(db), source }));
        emitRead(ctx, source, { stores: rows.map(storeJson) }, () => rows.flatMap((s) => storeText(ctx, s)));
      }),
    );

  storeOptions(store.command('add').description('make a store (an admin)').argument('<code>', 'the store’s code (M02…)').requiredOption('--name <name>', 'the name printed on receipts'))
    .action((code: string, o: StoreOpts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const s = await withGate(ctx, (gate) => cliRuleChange(ctx, gate, { operator: o.operator, command: 'store.add', needs: 'admin' }, addStore(code, storeInput(o))));
        emit(ctx, storeJson(s), () => [t(ctx.config.lang, 'store.cli.added', { code: s.code }), ...storeText(ctx, s)]);
      }),
    );

  storeOptions(store.command('edit').description('change a store (an admin); what is not given stays').argument('<code>', 'the store’s code').option('--name <name>', 'the name printed on receipts'))
    .action((code: string, o: StoreOpts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { after } = await withGate(ctx, (gate) => cliRuleChange(ctx, gate, { operator: o.operator, command: 'store.edit', needs: 'admin' }, editStore(code, storeInput(o))));
        emit(ctx, storeJson(after), () => [t(ctx.config.lang, 'store.cli.edited', { code: after.code }), ...storeText(ctx, after)]);
      }),
    );
}

export function registerTerminal(program: Command, run: Runner): void {
  const terminal = program.command('terminal').description('the tills: which store, which devices; a retired till keeps its tickets and sells no more');

  terminal
    .command('list')
    .description('the tills in service (with --all the retired ones too)')
    .option('--store <code>', 'the tills of that store')
    .option('--all', 'retired tills too')
    .action((o: { store?: string; all?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { rows, source } = await withReadDatabase(ctx.config, async (db, source) => ({ rows: await listTerminals(db, { store: o.store?.trim().toUpperCase(), retired: o.all === true }), source }));
        emitRead(ctx, source, { terminals: rows.map(terminalJson) }, () => terminalsText(ctx, rows));
      }),
    );

  deviceOptions(terminal.command('add').description('make a till in a store (an admin)').argument('<code>', 'the till’s code (T03…)').requiredOption('--store <code>', 'its store').requiredOption('--name <name>', 'its name (Caisse 3…)'))
    .action((code: string, o: DeviceOpts & { store: string; name: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const x = await withGate(ctx, (gate) => cliRuleChange(ctx, gate, { operator: o.operator, command: 'terminal.add', needs: 'admin' }, addTerminal(code, { name: o.name, store: o.store, devices: devicesInput(o) })));
        emit(ctx, terminalJson(x), () => [t(ctx.config.lang, 'terminal.cli.added', { code: x.code, store: x.storeCode }), ...terminalsText(ctx, [x])]);
      }),
    );

  deviceOptions(terminal.command('edit').description('change a till (an admin); what is not given stays').argument('<code>', 'the till’s code').option('--name <name>', 'its name').option('--store <code>', 'its store (only while it has no ticket)'))
    .action((code: string, o: DeviceOpts & { store?: string; name?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { after } = await withGate(ctx, (gate) => cliRuleChange(ctx, gate, { operator: o.operator, command: 'terminal.edit', needs: 'admin' }, editTerminal(code, { name: o.name, store: o.store, devices: devicesInput(o) })));
        emit(ctx, terminalJson(after), () => [t(ctx.config.lang, 'terminal.cli.edited', { code: after.code }), ...terminalsText(ctx, [after])]);
      }),
    );

  terminal
    .command('retire')
    .description('retire a till for good (an admin): its tickets stay, it sells no more')
    .argument('<code>', 'the till’s code')
    .option('--operator <code>', OPERATOR_HELP.admin)
    .action((code: string, o: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const x = await withGate(ctx, (gate) => cliRuleChange(ctx, gate, { operator: o.operator, command: 'terminal.retire', needs: 'admin' }, retireTill(code)));
        emit(ctx, terminalJson(x), () => [t(ctx.config.lang, 'terminal.cli.retired', { code: x.code, tickets: x.tickets })]);
      }),
    );
}

import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../src/testing/escpos';
import { DeviceError } from '../errors';
import { fakeNetworkPrinter, type FakeNetworkPrinter } from '../fakes/networkPrinter';
import { fakeUsbPrinter } from '../fakes/usb';
import { openTcp } from '../link/tcp';
import { openUsb } from '../link/usb';
import type { Block } from '../../src/domain/receipt';
import { drawerKick, escposDocument } from './escpos';
import { escposPrinter } from './printer';
import { READY, STATUS_QUERY } from './status';

const doc: Block[] = [
  { t: 'text', text: 'Épicerie du Centre', align: 'center', bold: true },
  { t: 'pair', left: 'Baguette tradition', right: '1,30 €' },
  { t: 'barcode', value: 'T01-000042' },
];

const code = (p: Promise<unknown>) => p.then(() => 'printed', (e: DeviceError) => e.code);

describe('a network printer (fake on 127.0.0.1, real TCP)', () => {
  let fake: FakeNetworkPrinter;
  afterEach(async () => fake?.close());
  const printer = () => escposPrinter({ name: fake.uri, open: () => openTcp('127.0.0.1', fake.port, 1000), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 1000 });

  it('asks the status, prints the document, and waits for the status sent after it', async () => {
    fake = await fakeNetworkPrinter();
    expect(await printer().print(doc)).toEqual({ ok: true });
    const [job] = fake.jobs();
    expect(job!.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
    expect(job!.subarray(-STATUS_QUERY.length)).toEqual(STATUS_QUERY);
    const printed = await decodeEscPos(job!);
    expect(printed.text).toContain('Épicerie du Centre');
    expect(printed.barcodes).toEqual([{ type: 73, data: 'T01-000042' }]);
    expect(await printer().check()).toEqual({ ok: true });
  });

  it('sends the drawer kick bytes as they are', async () => {
    fake = await fakeNetworkPrinter();
    await printer().send(drawerKick('epson', 2));
    expect((await decodeEscPos(fake.jobs()[0]!)).drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
  });

  it('refuses to print on a printer out of paper or with its cover open, and says so', async () => {
    fake = await fakeNetworkPrinter();
    fake.status = { ...READY, paperOut: true };
    expect(await code(printer().print(doc))).toBe('paperOut');
    expect(fake.jobs()[0]!.length).toBe(STATUS_QUERY.length); // nothing of the document was sent
    expect(await printer().check()).toEqual({ ok: false, error: 'paperOut' });
    fake.status = { ...READY, coverOpen: true };
    expect(await code(printer().print(doc))).toBe('coverOpen');
    fake.status = { ...READY, paperLow: true };
    expect(await printer().check()).toEqual({ ok: true, warning: 'paperLow' });
  });

  it('a refused connection, a connection dropped mid-job, then recovery', async () => {
    fake = await fakeNetworkPrinter();
    await fake.stop();
    expect(await code(printer().print(doc))).toBe('refused');
    expect(await printer().check()).toEqual({ ok: false, error: 'refused' });
    await fake.start();
    fake.dropAfter(40);
    expect(await code(printer().print(doc))).toBe('dropped');
    expect(fake.jobs().at(-1)!.length).toBe(40);
    await printer().print(doc);
    expect((await decodeEscPos(fake.jobs().at(-1)!)).text).toContain('Baguette tradition');
  });

  it('a printer (or print server) that never answers its status still gets the job: printed, status unknown', async () => {
    fake = await fakeNetworkPrinter();
    fake.mute = true;
    const p = escposPrinter({ name: fake.uri, open: () => openTcp('127.0.0.1', fake.port, 1000), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 200 });
    expect(await p.print(doc)).toEqual({ ok: true, warning: 'statusUnknown' });
    const [first] = fake.jobs();
    expect(first!.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
    const printed = await decodeEscPos(first!.subarray(STATUS_QUERY.length));
    expect(printed.text).toContain('Baguette tradition');
    expect(printed.barcodes).toEqual([{ type: 73, data: 'T01-000042' }]);
    // Known silent now: the next job goes straight out, without a query that would not be answered.
    expect(await p.print(doc)).toEqual({ ok: true, warning: 'statusUnknown' });
    expect(fake.jobs()[1]).toEqual(escposDocument(doc, { commandSet: 'epson', columns: 42, cut: true }));
    expect(await p.check()).toEqual({ ok: true, warning: 'statusUnknown' });
    // It starts answering (the print server was fixed): the background check notices it.
    fake.mute = false;
    expect(await p.check()).toEqual({ ok: true });
    expect(await p.print(doc)).toEqual({ ok: true });
    expect(fake.jobs().at(-1)!.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
  });

  it('a printer that answered before and falls silent: timeout, the job is not believed printed', async () => {
    fake = await fakeNetworkPrinter();
    const p = escposPrinter({ name: fake.uri, open: () => openTcp('127.0.0.1', fake.port, 1000), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 200 });
    expect(await p.print(doc)).toEqual({ ok: true });
    fake.mute = true;
    expect(await code(p.print(doc))).toBe('timeout');
    expect(fake.jobs().at(-1)).toEqual(STATUS_QUERY); // nothing of the document was sent
    expect(await p.check()).toEqual({ ok: false, error: 'timeout' });
  });

  it('with status queries off, sends the document and nothing else: no DLE EOT, no wait', async () => {
    fake = await fakeNetworkPrinter();
    fake.mute = true;
    const p = escposPrinter({ name: fake.uri, open: () => openTcp('127.0.0.1', fake.port, 1000), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 60_000, statusQueries: false });
    expect(await p.print(doc)).toEqual({ ok: true, warning: 'statusOff' });
    expect(await p.send(drawerKick('epson', 2))).toEqual({ ok: true, warning: 'statusOff' });
    expect(await p.check()).toEqual({ ok: true, warning: 'statusOff' });
    const [receipt, kick, check] = fake.jobs();
    expect(receipt).toEqual(escposDocument(doc, { commandSet: 'epson', columns: 42, cut: true }));
    expect((await decodeEscPos(receipt!)).text).toContain('Épicerie du Centre');
    expect(kick).toEqual(drawerKick('epson', 2));
    expect(check).toEqual(Buffer.alloc(0));
    expect(fake.bytes().includes(Buffer.from([0x10, 0x04]))).toBe(false);
  });
});

describe('a USB printer (fake libusb)', () => {
  it('claims the printer interface, prints through bulk OUT, reads status on bulk IN', async () => {
    const fake = fakeUsbPrinter(0x04b8, 0x0202);
    const printer = escposPrinter({ name: 'usb:04b8:0202', open: () => openUsb(0x04b8, 0x0202, fake.usb), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 500 });
    await printer.print(doc);
    expect((await decodeEscPos(fake.bytes())).barcodes).toEqual([{ type: 73, data: 'T01-000042' }]);
    expect(fake.claims).toBe(1);
    expect(fake.releases).toBe(1);
    fake.status = { ...READY, paperOut: true };
    expect(await code(printer.print(doc))).toBe('paperOut');
    fake.status = { ...READY };
    fake.plugged = false;
    expect(await code(printer.print(doc))).toBe('missing');
    expect(await printer.check()).toEqual({ ok: false, error: 'missing' });
    fake.plugged = true;
    expect(await printer.check()).toEqual({ ok: true });
    await printer.print(doc);
  });
});

describe('a USB printer through the real usb package (libusb)', () => {
  it('looks the device up on the bus: one that is not there is missing, not a failure of the library', async () => {
    const error = await openUsb(0xfffe, 0xfffe).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe('missing');
  });
});

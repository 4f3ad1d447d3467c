import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSerialPrinter } from '../../drivers/fakes/serialPrinter';
import { openSerial } from '../../drivers/link/serial';
import { READY, STATUS_QUERY } from '../../drivers/printer/status';
import { loadConfig } from '../config/load';
import { decodeEscPos } from '../testing/escpos';
import { ptyPair } from '../testing/socat';
import { needs } from '../testing/tools';
import { buildDevices, buildPrinter } from './devices';
import { testPageBlocks } from './testPage';

// The devices a configuration names, built and driven for real: a serial printer and a serial
// drawer at the far end of a socat pseudo-terminal pair, a printer that is a file.

const configWith = (env: Record<string, string>) => loadConfig({ root: '/nonexistent', env: { POS_DEVICES_PRINTER_TIMEOUT_MS: '3000', ...env } });

async function expectTestPage(bytes: Buffer, terminal: string): Promise<void> {
  const printed = await decodeEscPos(bytes);
  expect(printed.unknown).toEqual([]);
  expect(printed.text).toContain('àâäéèêëîïôöùûüÿç ÀÉÈÇ € « »');
  expect(printed.barcodes).toEqual([{ type: 73, data: 'TEST-1234' }, { type: 67, data: '3760000000017' }]);
  expect(printed.qr).toHaveLength(1);
  expect(printed.qr[0]).toMatch(new RegExp(`^pos test ${terminal} `));
  expect(printed.cuts).toBe(1);
}

describe.skipIf(!needs('socat', 'the serial printer and drawer tests'))('serial devices on a real pseudo-terminal pair (socat)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  it('a serial receipt printer: asked its status before and after the job, prints the page; out of paper is a failure', async () => {
    const pair = await ptyPair();
    cleanup.push(() => pair.close());
    const device = await fakeSerialPrinter(pair.device);
    cleanup.push(() => device.close());
    const config = configWith({ POS_DEVICES_PRINTER_URI: `serial:${pair.till}?baud=19200` });
    const printer = buildPrinter(config);
    expect(printer.name).toBe(`serial:${pair.till}?baud=19200`);

    await printer.print(testPageBlocks(config, printer.name));
    // The job resolved only once the status sent after it was answered: every byte is in.
    const job = device.bytes();
    expect(job.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
    expect(job.subarray(-STATUS_QUERY.length)).toEqual(STATUS_QUERY);
    await expectTestPage(job, config.terminal);
    expect(await printer.check()).toEqual({ ok: true });

    device.status = { ...READY, paperOut: true };
    const before = device.bytes().length;
    await expect(printer.print([{ t: 'text', text: 'Ticket perdu ?' }])).rejects.toMatchObject({ code: 'paperOut' });
    // Refused on the status asked first: only the query went down the line.
    expect(device.bytes().subarray(before)).toEqual(STATUS_QUERY);
    expect(await printer.check()).toEqual({ ok: false, error: 'paperOut' });
  });

  it('a serial cash drawer: checking it sends nothing, opening it sends the kick (BEL); unplugged it is missing', async () => {
    const pair = await ptyPair();
    const device = await openSerial(pair.device, 9600);
    let received = Buffer.alloc(0);
    const arrived = new Promise<void>((done) =>
      device.onData((d) => {
        received = Buffer.concat([received, d]);
        done();
      }),
    );
    const { drawer } = buildDevices(configWith({ POS_DEVICES_DRAWER_URI: `serial:${pair.till}?baud=9600` }));
    expect(drawer.name).toBe(`serial:${pair.till}?baud=9600`);
    expect(await drawer.check()).toEqual({ ok: true });
    await drawer.open();
    await arrived;
    // The check came first: had it sent anything, it would be before the kick.
    expect(received).toEqual(Buffer.from([0x07]));

    await device.close();
    await pair.close();
    await expect(drawer.open()).rejects.toMatchObject({ code: 'missing' });
    expect(await drawer.check()).toEqual({ ok: false, error: 'missing' });
  });
});

describe('a printer that is a file (file:)', () => {
  it('appends each job as ESC/POS bytes, with no status query (a file cannot answer); the drawer kick goes the same way', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pos-file-printer-')), 'printer.bin');
    const config = configWith({ POS_DEVICES_PRINTER_URI: `file:${file}` });
    const { printer, drawer } = buildDevices(config);
    expect(printer.name).toBe(file);
    expect(await printer.check()).toEqual({ ok: true });
    await printer.print(testPageBlocks(config, printer.name));
    await drawer.open();
    const bytes = await readFile(file);
    expect(bytes.includes(STATUS_QUERY)).toBe(false);
    await expectTestPage(bytes, config.terminal);
    expect((await decodeEscPos(bytes)).drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);

    await printer.print([{ t: 'text', text: 'Deuxième ticket' }]);
    expect((await decodeEscPos(await readFile(file))).text).toMatch(/PAGE DE TEST[^]*Deuxième ticket/);
  });

  it('a file in a folder that is not there: the job fails as missing', async () => {
    const printer = buildPrinter(configWith({ POS_DEVICES_PRINTER_URI: 'file:/nonexistent/pos/printer.bin' }));
    await expect(printer.print([{ t: 'text', text: 'x' }])).rejects.toMatchObject({ code: 'missing' });
    expect(await printer.check()).toEqual({ ok: false, error: 'missing' });
  });
});

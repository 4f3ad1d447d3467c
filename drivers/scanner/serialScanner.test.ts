import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ptyPair, type PtyPair } from '../../src/testing/socat';
import { needs } from '../../src/testing/tools';
import type { Health } from '../health';
import { openSerial } from '../link/serial';
import { serialScanner, type Scanner } from './scanner';

/** Waits until `check` holds (device events come on their own time). */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!needs('socat', 'the serial scanner tests'))('a serial scanner on a real pseudo-terminal pair (socat)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  async function setUp(end: 'auto' | 'cr' | 'lf' | 'crlf', dir?: string) {
    const pair = await ptyPair(dir);
    cleanup.push(() => pair.close());
    const codes: string[] = [];
    const health: Health[] = [];
    const scanner = serialScanner('scanner', pair.till, 9600, end, 100, openSerial);
    scanner.start({ code: (c) => codes.push(c), health: (h) => health.push(h) });
    cleanup.push(() => scanner.stop());
    const device = await openSerial(pair.device, 9600);
    cleanup.push(() => device.close());
    await until(() => health.some((h) => h.ok));
    return { pair, codes, health, device, scanner };
  }

  it('reads codes ending in CR, LF or CRLF, even split across reads', async () => {
    const { device, codes } = await setUp('auto');
    await device.write(Buffer.from('3760000000017\r'));
    await device.write(Buffer.from('37600000'));
    await new Promise((r) => setTimeout(r, 30)); // the rest of the code comes in a later read
    await device.write(Buffer.from('00062\r\n3760000000765\n'));
    await until(() => codes.length === 3);
    expect(codes).toEqual(['3760000000017', '3760000000062', '3760000000765']);
  });

  it('with end=crlf, a lone CR stays inside the code (then refused as unreadable by the till)', async () => {
    const { device, codes } = await setUp('crlf');
    await device.write(Buffer.from('ABC\rDEF\r\n'));
    await until(() => codes.length === 1);
    expect(codes).toEqual(['ABC\rDEF']);
  });

  it('says when the port goes away, and reads again once it is back, with no restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-pty-'));
    const first = await setUp('auto', dir);
    await first.device.close();
    await first.pair.close(); // the adapter is unplugged
    await until(() => first.health.some((h) => !h.ok));
    expect(first.health.at(-1)).toMatchObject({ ok: false });
    const again = await ptyPair(dir); // plugged back in, same name
    cleanup.push(() => again.close());
    await until(() => first.health.at(-1)?.ok === true);
    const device = await openSerial(again.device, 9600);
    cleanup.push(() => device.close());
    await device.write(Buffer.from('3760000001014\r'));
    await until(() => first.codes.length === 1);
    expect(first.codes).toEqual(['3760000001014']);
  });
});

describe('a scanner whose port is missing at start', () => {
  it('reports it missing and keeps trying', async () => {
    const health: Health[] = [];
    const scanner: Scanner = serialScanner('scanner', '/dev/pos-no-such-tty', 9600, 'auto', 50, openSerial);
    scanner.start({ code: () => undefined, health: (h) => health.push(h) });
    await until(() => health.length > 0);
    await scanner.stop();
    expect(health[0]).toEqual({ ok: false, error: 'missing' });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ptyPair } from '../../src/testing/socat';
import { needs } from '../../src/testing/tools';
import { openSerial } from '../link/serial';
import { displayBytes, displayText, serialDisplay } from './display';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('customer display rows', () => {
  it('clears, writes row 1, moves to row 2 (US $ 1 2), writes row 2, each 20 characters', () => {
    const bytes = displayBytes(['Baguette tradition  1,30', 'TOTAL 4,90 €']);
    expect(bytes[0]).toBe(0x0c);
    expect(bytes.subarray(1, 21).toString('latin1')).toBe('Baguette tradition  ');
    expect([...bytes.subarray(21, 25)]).toEqual([0x1f, 0x24, 0x01, 0x02]);
    expect(bytes.subarray(25).toString('latin1')).toBe('TOTAL 4,90 EUR      ');
    expect(bytes.length).toBe(45);
  });

  it('drops accents and spells the euro', () => {
    expect(displayText('Café crème 2,50 €')).toBe('Cafe creme 2,50 EUR');
    expect(displayText('Bon d’achat ✓')).toBe("Bon d'achat ?");
  });
});

describe.skipIf(!needs('socat', 'the serial customer display tests'))('a customer display on a real pseudo-terminal pair (socat)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  it('shows the rows on the serial line, and again on a display plugged back in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-pty-'));
    let pair = await ptyPair(dir);
    const display = serialDisplay('display', () => openSerial(pair.till, 9600));
    cleanup.push(() => display.close());
    let received = Buffer.alloc(0);
    const listen = async () => {
      const device = await openSerial(pair.device, 9600);
      device.onData((d) => (received = Buffer.concat([received, d])));
      return device;
    };
    let device = await listen();
    await display.show(['Bienvenue !', 'Epicerie du Centre']);
    await until(() => received.length >= 45);
    expect(received).toEqual(displayBytes(['Bienvenue !', 'Epicerie du Centre']));

    // Unplugged: the show fails (reported by the till), nothing is thrown further.
    await device.close();
    await pair.close();
    await expect(display.show(['Croissant       1,20', 'TOTAL           1,20'])).rejects.toMatchObject({ name: 'DeviceError' });
    expect(await display.check()).toMatchObject({ ok: false });

    // Back: the next check reopens it and shows the latest rows.
    pair = await ptyPair(dir);
    cleanup.push(() => pair.close());
    received = Buffer.alloc(0);
    device = await listen();
    cleanup.push(() => device.close());
    expect(await display.check()).toEqual({ ok: true });
    await until(() => received.length >= 45);
    expect(received).toEqual(displayBytes(['Croissant       1,20', 'TOTAL           1,20']));
  });
});

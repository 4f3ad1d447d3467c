import { describe, expect, it } from 'vitest';
import { fakeHidScanner } from '../fakes/usb';
import type { Health } from '../health';
import { HidPosAssembler, hidPosReport, parseHidPosReport } from './hidPos';
import { LineSplitter } from './lines';
import { hidScanner } from './scanner';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('codes out of a serial stream', () => {
  it('auto: CR, LF, CRLF, and runs of them; a code cut between reads is joined', () => {
    const s = new LineSplitter('auto');
    expect(s.push('123\r')).toEqual(['123']);
    expect(s.push('\n45')).toEqual([]);
    expect(s.push('6\n789\r\n')).toEqual(['456', '789']);
  });

  it('a configured terminator is the only one', () => {
    expect(new LineSplitter('lf').push('A\rB\nC\n')).toEqual(['A\rB', 'C']);
    expect(new LineSplitter('cr').push('A\rB\r')).toEqual(['A', 'B']);
  });
});

describe('HID POS reports', () => {
  it('reads the data of a scanned-data report and puts long codes together', () => {
    expect(parseHidPosReport(hidPosReport('3760000000017'))).toEqual({ text: '3760000000017', more: false });
    expect(parseHidPosReport(Buffer.from([0x01, 0, 0, 0, 0, 0, 0]))).toBeNull(); // another report
    const a = new HidPosAssembler();
    expect(a.push(hidPosReport('https://boutique.example/', true))).toBeNull();
    expect(a.push(hidPosReport('bon/K7F2-9QXM'))).toBe('https://boutique.example/bon/K7F2-9QXM');
  });
});

describe('a HID POS scanner (fake node-hid: no virtual USB here)', () => {
  it('delivers codes, says when it is unplugged, and reads again once plugged back', async () => {
    const fake = fakeHidScanner(0x0c2e, 0x0b81);
    const codes: string[] = [];
    const health: Health[] = [];
    const scanner = hidScanner('hid:0c2e:0b81', 0x0c2e, 0x0b81, 20, fake.open);
    scanner.start({ code: (c) => codes.push(c), health: (h) => health.push(h) });
    await until(() => health.length === 1);
    expect(health).toEqual([{ ok: true }]);
    fake.send(hidPosReport('3760000000017'));
    expect(codes).toEqual(['3760000000017']);

    fake.unplug();
    expect(health.at(-1)).toEqual({ ok: false, error: 'missing' });
    await new Promise((r) => setTimeout(r, 60)); // tries again while it is away
    expect(health.at(-1)).toEqual({ ok: false, error: 'missing' });

    fake.plugged = true;
    await until(() => health.at(-1)?.ok === true);
    expect(fake.opened).toBe(2);
    fake.send(hidPosReport('3760000000062'));
    expect(codes).toEqual(['3760000000017', '3760000000062']);
    await scanner.stop();
  });

  it('missing at start: reported, then found when plugged in', async () => {
    const fake = fakeHidScanner(0x0c2e, 0x0b81);
    fake.plugged = false;
    const health: Health[] = [];
    const scanner = hidScanner('hid:0c2e:0b81', 0x0c2e, 0x0b81, 20, fake.open);
    scanner.start({ code: () => undefined, health: (h) => health.push(h) });
    await until(() => health.length === 1);
    expect(health[0]).toEqual({ ok: false, error: 'missing' });
    fake.plugged = true;
    await until(() => health.at(-1)?.ok === true);
    await scanner.stop();
  });
});

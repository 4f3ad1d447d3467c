import { describe, expect, it } from 'vitest';
import { ptyPair } from '../../src/testing/socat';
import { needs } from '../../src/testing/tools';
import { hangupAwareBinding } from './hangupBinding';

describe.skipIf(!needs('socat', 'the serial hang-up tests'))('the serial binding on a line that hangs up (socat pty pair)', () => {
  it('reads what the device sent, then ends the read once the other end is gone', async () => {
    const binding = hangupAwareBinding(await import('@serialport/bindings-cpp'));
    const pair = await ptyPair();
    const port = await binding.open({ path: pair.till, baudRate: 9600 });
    try {
      const device = await binding.open({ path: pair.device, baudRate: 9600 });
      await device.write(Buffer.from('3760000000017\r'));
      const buffer = Buffer.alloc(64);
      const first = await port.read(buffer, 0, 64);
      expect(buffer.subarray(0, first.bytesRead).toString()).toBe('3760000000017\r');
      await device.close();
      await pair.close();
      // A read on the hung-up line answers nothing at once: bindings-cpp alone read again forever.
      await expect(port.read(buffer, 0, 64)).rejects.toThrow(/hung up/);
    } finally {
      await port.close();
    }
  });
});

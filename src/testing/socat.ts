import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real pseudo-terminal pair made by socat, as a serial cable between the till (`till`) and
 * a device played by the test (`device`). The link names stay the same when the pair is made
 * again at the same place, as a USB-serial adapter plugged back in comes back at its name.
 */
export interface PtyPair {
  till: string;
  device: string;
  close(): Promise<void>;
}

export async function ptyPair(dir = mkdtempSync(join(tmpdir(), 'pos-pty-'))): Promise<PtyPair> {
  const till = join(dir, 'till');
  const device = join(dir, 'device');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${till}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
  const started = Date.now();
  while (!(existsSync(till) && existsSync(device))) {
    if (child.exitCode !== null || Date.now() - started > 5000) throw new Error('socat did not make the pty pair');
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    till,
    device,
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

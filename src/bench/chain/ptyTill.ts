// The built till (bin/pos) on a pseudo-terminal, driven as a cashier drives it: keys typed,
// frames watched. Each wait looks only at what was drawn after it began.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StringDecoder } from 'node:string_decoder';
import { childEnv } from '../coldStart';
import { FrameWatch } from '../frameWatch';
import { spawnInPty } from '../pty';

/** Ctrl+Q, the till's quit key in the default keymap. */
const QUIT = '\x11';

/** The project folder holding bin/pos, from wherever this code runs (src/ under tsx, dist/chunks/ once built). */
export function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'pos')) && existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error('bin/pos not found above the bench’s code');
}

export class PtyTill {
  private readonly frames = new FrameWatch();
  private readonly exited: Promise<void>;
  private constructor(
    private readonly child: ReturnType<typeof spawnInPty>,
    private readonly dataDir: string,
  ) {
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (chunk: Buffer) => {
      this.frames.feed(decoder.write(chunk));
    });
    child.stderr.resume();
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  /** The till of `terminal` on the database of `url` (as its owner: the bench has no till user), in a data folder of its own. */
  static start(url: string, terminal: string): PtyTill {
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-chain-till-'));
    chmodSync(dataDir, 0o755);
    const env = {
      ...childEnv(),
      POS_DB_URL: url,
      POS_DB_ALLOW_OWNER: 'true',
      POS_TERMINAL: terminal,
      POS_LANG: 'fr',
      POS_DATA_DIR: dataDir,
      POS_RECEIPT_FILE: join(dataDir, 'receipts.txt'),
    };
    return new PtyTill(spawnInPty(`${process.execPath} ${join(projectRoot(), 'bin', 'pos')}`, env), dataDir);
  }

  /** Resolves with the time of the output that made `check` hold; only output from now on counts. */
  waitFor(check: (s: string) => boolean, timeoutMs = 5000): Promise<number> {
    return this.frames.waitFor(check, timeoutMs);
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Quits as the cashier would; a till that will not (a ticket left open) is ended. */
  async stop(): Promise<void> {
    this.child.stdin.write(QUIT);
    const ended = (ms: number) => Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    // `script` gone, its pseudo-terminal closes and hangs the till up.
    if (!(await ended(1000))) this.child.kill('SIGKILL');
    await this.exited;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// Measure 2: from a scanner's burst ("<barcode>\r") on stdin to the frame that shows the item,
// with a large catalog in the database and a long basket already on screen. The real <App> is
// rendered by Ink with the till's own render options, to an 80×24 terminal in memory.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Till } from '../app/till';
import { openBasket } from '../domain/basket';
import type { BulkItem } from './catalog';
import { FakeStdin, FakeStdout } from './fakeTerminal';
import { FrameWatch } from './frameWatch';
import { articleCount, loginReady } from './screenText';

export interface ScanOptions {
  root: string;
  url: string;
  /** Items on screen before timing starts, then the items scanned: all distinct. */
  basketItems: readonly BulkItem[];
  scanItems: readonly BulkItem[];
  /** Between two scans, as a cashier moves to the next article. */
  pauseMs: number;
}

export interface ScanResult {
  /** Per scan: from the write to stdin until Ink wrote the frame showing the item. */
  latencies: number[];
  /** Ink's own time to lay out and draw each frame (its onRender metrics). */
  renderMs: number[];
  /** The barcode look-up alone (same queries, same pool), done after the scans. */
  lookupMs: number[];
  /** Per scan: frames Ink drew until the one showing the item. */
  framesPerScan: number[];
  frames: number;
  bytesPerFrame: number;
  /** Frames written as "clear the terminal, then everything" rather than changed lines. */
  fullRepaints: number;
  /** Of those, frames identical to the one before: drawn and sent for nothing. */
  repeatedFrames: number;
  errors: string[];
}

const CLEAR_SCREEN = '\x1b[2J';

/** Bundles src/bench/scanTarget.ts with the till's build and loads it. */
export async function shippedScreens(root: string, dir: string): Promise<typeof import('./scanTarget')> {
  const outfile = join(dir, 'screens.mjs');
  execFileSync(process.execPath, [join(root, 'bin', 'build.mjs'), '--entry', join(root, 'src', 'bench', 'scanTarget.ts'), '--outfile', outfile], { stdio: 'inherit' });
  return import(pathToFileURL(outfile).href);
}

export async function measureScans(opts: ScanOptions): Promise<ScanResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-scan-'));
  chmodSync(dataDir, 0o755);
  const { App, closeTill, createElement, loadConfig, lookupEntry, noPrinter, openTill, render } = await shippedScreens(opts.root, dataDir);
  // The bench reaches its database as the owner (DATABASE_URL's user may be a superuser): the
  // till would refuse it otherwise, and the measure is of speed, not of who may sign in.
  const config = loadConfig({ root: opts.root, env: { POS_DB_URL: opts.url, POS_DB_ALLOW_OWNER: 'true', POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt') } });
  const errors: string[] = [];
  const renderMs: number[] = [];
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const screen = new Screen(stdout);
  let till: Till | null = null;

  const app = render(
    createElement(App, {
      config,
      open: async () => (till = await openTill(config, { migrate: false, demoOnFirstStart: false, keepOpen: true })),
      printer: noPrinter,
      bell: () => undefined,
      log: { error: (obj: object, msg: string) => void errors.push(`${msg}: ${String((obj as { err?: Error }).err?.message ?? '')}`) },
      onExit: () => undefined,
    }),
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      // As src/tui/run.tsx renders the till; the console is left alone so the bench can print.
      exitOnCtrlC: false,
      maxFps: 60,
      patchConsole: false,
      onRender: ({ renderTime }) => renderMs.push(renderTime),
    },
  );

  try {
    await screen.waitFor(loginReady, 30_000);
    const saleScreen = screen.waitFor((s) => s.includes(articleCount(0)));
    stdin.type('1\r');
    stdin.type('1234\r');
    await saleScreen;

    // The basket on screen before timing; each scan waits for its frame, as the timed ones do.
    let count = 0;
    for (const item of opts.basketItems) {
      count += 1;
      const frame = screen.waitFor(showing(item, count));
      stdin.type(`${item.barcode}\r`);
      await frame;
    }

    renderMs.length = 0;
    const before = { bytes: stdout.bytes, clears: screen.clears, repeats: screen.repeats };
    const latencies: number[] = [];
    const framesPerScan: number[] = [];
    for (const item of opts.scanItems) {
      count += 1;
      await sleep(opts.pauseMs);
      // Watched before the keys go in: Ink may draw while it reads them.
      const frame = screen.waitFor(showing(item, count));
      const framesBefore = renderMs.length;
      const start = performance.now();
      stdin.type(`${item.barcode}\r`);
      latencies.push((await frame) - start);
      framesPerScan.push(renderMs.length - framesBefore);
    }
    const frames = renderMs.length;
    const result = {
      latencies,
      framesPerScan,
      renderMs: [...renderMs],
      frames,
      bytesPerFrame: (stdout.bytes - before.bytes) / Math.max(1, frames),
      fullRepaints: screen.clears - before.clears,
      repeatedFrames: screen.repeats - before.repeats,
    };

    const lookupMs: number[] = [];
    // (TypeScript cannot see the assignment made in open(), hence the cast.)
    const opened = till as Till | null;
    if (opened) {
      const ctx = { basket: openBasket('bench'), terminal: opened.terminal, operatorId: 1 };
      for (const item of opts.scanItems) {
        const start = performance.now();
        await lookupEntry(opened.db, item.barcode, ctx);
        lookupMs.push(performance.now() - start);
      }
    }
    return { ...result, lookupMs, errors };
  } finally {
    app.unmount();
    await app.waitUntilExit().catch(() => undefined);
    if (till) await closeTill(till);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The frame after the n-th scan: its line in the basket and the article count below it. */
function showing(item: BulkItem, count: number): (s: string) => boolean {
  // Counts only grow, so "301 art." cannot be an older frame's.
  return (s) => s.includes(item.name) && s.includes(articleCount(count));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** What Ink wrote since the last wait, checked at each write, so a frame is timed as it leaves. */
export class Screen {
  private readonly frames = new FrameWatch();
  private lastRepaint = '';
  clears = 0;
  repeats = 0;

  constructor(stdout: FakeStdout) {
    stdout.onWrite = (chunk) => {
      if (chunk.includes(CLEAR_SCREEN)) {
        this.clears += 1;
        if (chunk === this.lastRepaint) this.repeats += 1;
        this.lastRepaint = chunk;
      }
      this.frames.feed(chunk);
    };
  }

  /** Resolves with the time of the write that made `check` hold; only later writes count. */
  waitFor(check: (s: string) => boolean, timeoutMs = 5000): Promise<number> {
    return this.frames.waitFor(check, timeoutMs);
  }
}

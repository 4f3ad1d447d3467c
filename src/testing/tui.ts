import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import type { Config } from '../config/schema';

/** The project's configuration, pointed at a test database and a data folder of its own. */
export function testConfig(url: string, env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-data-'));
  chmodSync(dataDir, 0o755); // an embedded server runs as the postgres user when tests run as root
  const root = new URL('../..', import.meta.url).pathname;
  return loadConfig({ root, env: { POS_DB_URL: url, POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt'), POS_DB_RETRY_MS: '300', ...env } });
}

/** Waits until `check` passes on the latest frame (Ink renders asynchronously). */
export async function waitForFrame(lastFrame: () => string | undefined, check: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`frame never matched; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const KEYS = {
  f1: '\x1bOP', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', f5: '\x1b[15~', f6: '\x1b[17~', f8: '\x1b[19~',
  f9: '\x1b[20~', f10: '\x1b[21~', f12: '\x1b[24~', up: '\x1b[A', down: '\x1b[B', esc: '\x1b', enter: '\r',
} as const;

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Waits for the frame that answers keys just sent: the first frame Ink writes after the
 * `before`-th. A key that changes nothing on screen draws none; then this gives up quietly after
 * `boundMs` (a bound, not a pause: an answered key returns as soon as its frame is drawn).
 */
export async function frameAfter(frames: readonly unknown[], before: number, boundMs = 2_000): Promise<void> {
  const start = performance.now();
  while (frames.length <= before && performance.now() - start < boundMs) await turn();
}

/**
 * Waits until Ink is idle: a frame drawn since `before` (when given), then a few turns of the
 * event loop in a row that draw no new one. For components without I/O, whose frames follow
 * their keys within those turns; a screen that waits on the database uses `frameAfter` or a
 * check on the frame instead.
 */
export async function settled(frames: readonly unknown[], before?: number, quietTurns = 5, boundMs = 2_000): Promise<void> {
  if (before !== undefined) await frameAfter(frames, before, boundMs);
  let seen = frames.length;
  for (let quiet = 0; quiet < quietTurns; ) {
    await turn();
    if (frames.length === seen) quiet += 1;
    else [seen, quiet] = [frames.length, 0];
  }
}

/** The key shown before a back-office menu entry (a digit, or a letter past the ninth). */
export function menuEntryKey(frame: string, title: string): string {
  const line = frame.split('\n').find((l) => l.includes(`. ${title}`));
  if (!line) throw new Error(`no menu entry "${title}" in:\n${frame}`);
  return line.trim().split('.')[0]!;
}

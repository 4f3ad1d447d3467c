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

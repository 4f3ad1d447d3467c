import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from 'pino';

let logger: Logger | null = null;
let logPath = '';

/**
 * The till's log: a file in the data folder, never the cashier's screen. Made on first use,
 * pino with it: most starts of a till log nothing, and need not load it.
 */
export function getLog(dataDir: string): Logger {
  if (!logger) {
    const pino = createRequire(import.meta.url)('pino') as typeof import('pino');
    mkdirSync(dataDir, { recursive: true });
    logPath = join(dataDir, 'pos.log');
    logger = pino.pino({ base: { pid: process.pid } }, pino.destination({ dest: logPath, sync: true, mkdir: true }));
  }
  return logger;
}

export function logFile(dataDir: string): string {
  return logPath || join(dataDir, 'pos.log');
}

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from 'pino';

const loggers = new Map<string, Logger>();

/** Where the log of a data folder is: `pos.log` in it (made at the first entry). */
export function logFile(dataDir: string): string {
  return join(dataDir, 'pos.log');
}

/**
 * The till's log: JSON lines in the data folder, never the cashier's screen. Made on first use,
 * pino with it: most starts of a till log nothing, and need not load it.
 */
export function getLog(dataDir: string): Logger {
  const file = logFile(dataDir);
  let logger = loggers.get(file);
  if (!logger) {
    const pino = createRequire(import.meta.url)('pino') as typeof import('pino');
    mkdirSync(dataDir, { recursive: true });
    logger = pino.pino({ base: { pid: process.pid } }, pino.destination({ dest: file, sync: true, mkdir: true }));
    loggers.set(file, logger);
  }
  return logger;
}

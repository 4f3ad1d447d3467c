import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

let logger: Logger | null = null;
let logPath = '';

/** The till's log: a file in the data folder, never the cashier's screen. Made on first use. */
export function getLog(dataDir: string): Logger {
  if (!logger) {
    mkdirSync(dataDir, { recursive: true });
    logPath = join(dataDir, 'pos.log');
    logger = pino({ base: { pid: process.pid } }, pino.destination({ dest: logPath, sync: true, mkdir: true }));
  }
  return logger;
}

export function logFile(dataDir: string): string {
  return logPath || join(dataDir, 'pos.log');
}

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from 'pino';

// The till's log: JSON lines (pino) in <dataDir>/logs/, rolled each day or at 10 MB by
// pino-roll, the last 14 files kept, logs/current.log linking to the file in use. Every line
// says which till, which operator and which sale (null when none): set by the session as the
// cashier signs in and opens a ticket, by a command once its operator is checked.

const loggers = new Map<string, { logger: Logger; ready: Promise<void> }>();

/** What every line carries besides its own fields. */
export const logContext: { till: string | null; operator: string | null; sale: string | null } = { till: null, operator: null, sale: null };

export function setLogContext(c: Partial<typeof logContext>): void {
  Object.assign(logContext, c);
}

/** The folder of the rolled logs. */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** The log in use (a link to the current rolled file), named in fault messages. */
export function logFile(dataDir: string): string {
  return join(logDir(dataDir), 'current.log');
}

export const ROLL = { size: '10m', frequency: 'daily', keep: 14 } as const;

/**
 * Lines written before the rolled file is open (pino-roll opens it asynchronously) wait in
 * memory; settleLogs() lets them reach the file before the process exits.
 */
class Deferred {
  private pending: string[] = [];
  private target: { write(s: string): boolean; flushSync?: () => void } | null = null;
  write(s: string): boolean {
    if (this.target) return this.target.write(s);
    this.pending.push(s);
    return true;
  }
  attach(t: { write(s: string): boolean; flushSync?: () => void }): void {
    this.target = t;
    for (const s of this.pending) t.write(s);
    this.pending = [];
  }
}

/** Made on first use, pino and pino-roll with it: most starts of a till log nothing, and need not load them. */
export function getLog(dataDir: string): Logger {
  const dir = logDir(dataDir);
  let entry = loggers.get(dir);
  if (!entry) {
    const require = createRequire(import.meta.url);
    const pino = require('pino') as typeof import('pino');
    const roll = require('pino-roll') as (o: Record<string, unknown>) => Promise<{ write(s: string): boolean; flushSync?: () => void }>;
    mkdirSync(dir, { recursive: true });
    const stream = new Deferred();
    const ready = roll({ file: join(dir, 'pos'), extension: '.log', size: ROLL.size, frequency: ROLL.frequency, limit: { count: ROLL.keep }, symlink: true, mkdir: true, sync: true }).then(
      (s) => stream.attach(s),
      // No log file (a read-only folder): the lines go nowhere rather than stop the till.
      () => stream.attach({ write: () => true }),
    );
    const logger = pino.pino({ base: { pid: process.pid }, mixin: () => ({ ...logContext }) }, stream);
    entry = { logger, ready };
    loggers.set(dir, entry);
  }
  return entry.logger;
}

/** Waits until every line written so far is in its file (before a command's process exits). */
export async function settleLogs(): Promise<void> {
  await Promise.all([...loggers.values()].map((e) => e.ready));
}

import type { Knex } from 'knex';
import type { Config } from '../config/schema';
import { findTerminal, listTerminalCodes, type Terminal } from '../data/places';
import { connect, disconnect, type Connection, type ConnectOptions } from './connect';
import { refuse } from './errors';

/** What every use case needs: the configuration, the database, and which till this is. */
export interface Till {
  config: Config;
  conn: Connection;
  db: Knex;
  terminal: Terminal;
}

export async function resolveTerminal(db: Knex, code: string): Promise<Terminal> {
  const terminal = await findTerminal(db, code);
  if (!terminal) refuse('terminal.unknown', { code, known: (await listTerminalCodes(db)).join(', ') || '—' });
  return terminal;
}

export async function openTill(config: Config, opts: ConnectOptions = { migrate: true, demoOnFirstStart: true }): Promise<Till> {
  const conn = await connect(config, opts);
  try {
    return { config, conn, db: conn.db, terminal: await resolveTerminal(conn.db, config.terminal) };
  } catch (error) {
    await disconnect(conn);
    throw error;
  }
}

/**
 * Opening for a till on screen: one connection held while it runs (so that another till
 * sharing the embedded server sees it). The promise is marked as handled at once: its failure
 * is shown by the screen, which may not have subscribed yet.
 */
export function openTillForScreen(config: Config): Promise<Till> {
  const opening = openTill(config, { migrate: true, demoOnFirstStart: true, keepOpen: true });
  opening.catch(() => undefined);
  return opening;
}

export async function closeTill(till: Till): Promise<void> {
  await disconnect(till.conn);
}

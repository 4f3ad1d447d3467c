import type { Knex } from 'knex';
import type { Config } from '../config/schema';
import { findTerminal, listTerminalCodes, type Terminal } from '../data/places';
import { connect, disconnect, type Connection, type ConnectOptions } from './connect';
import { refuse } from './errors';
import { journalStart } from './fiscal/events';
import { getLog } from './log';
import { openReadDb } from './readDb';

/** What every use case needs: the configuration, the database, and which till this is. */
export interface Till {
  config: Config;
  conn: Connection;
  db: Knex;
  /** The standbys' pool (db.readUrls) for what need not be fresh (the back office's reports); absent: db serves. */
  readDb?: Knex;
  terminal: Terminal;
  /**
   * Work to let finish before the connection closes: a receipt still printing when the
   * cashier quits is recorded as printed, not left for the next start to offer again.
   */
  finishing: Set<() => Promise<void>>;
  /**
   * Opened from the till's own data with the server away (offline/openOffline.ts): nothing in
   * the database is known to be as this program needs it yet. It sells offline only, and is
   * replaced by a till opened the ordinary way once the server answers.
   */
  offline?: boolean;
}

/** How long closing waits for that work: a hung printer must not keep the till from quitting. */
const FINISH_WAIT_MS = 5000;

export async function resolveTerminal(db: Knex, code: string): Promise<Terminal> {
  const terminal = await findTerminal(db, code);
  if (!terminal) refuse('terminal.unknown', { code, known: (await listTerminalCodes(db)).join(', ') || '—' });
  return terminal;
}

/**
 * The store's own settings (pos store edit) over the configuration's: its time zone, its receipt
 * footer; and the devices recorded for this till (pos terminal edit) over the configuration's
 * devices.*.uri, each recorded one in place of the configuration's (any layer of it, POS_*
 * included, as the store's time zone is), those not recorded left as configured.
 */
export function withStoreSettings(config: Config, terminal: Terminal): Config {
  // A till kept on disk by an older version (offline) has none recorded.
  const rec = terminal.devices ?? {};
  const d = config.devices;
  return {
    ...config,
    timeZone: terminal.storeTimeZone ?? config.timeZone,
    receipt: { ...config.receipt, footer: terminal.storeFooter.length ? terminal.storeFooter : config.receipt.footer },
    devices: {
      ...d,
      printer: { ...d.printer, uri: rec.printer ?? d.printer.uri },
      drawer: { ...d.drawer, uri: rec.drawer ?? d.drawer.uri },
      display: { ...d.display, uri: rec.display ?? d.display.uri },
      scanners: { ...d.scanners, uris: rec.scanners ?? d.scanners.uris },
    },
  };
}

/** Whether two configurations name the same devices (the till's hub is built again when not). */
export function sameDevices(a: Config['devices'], b: Config['devices']): boolean {
  return a.printer.uri === b.printer.uri && a.drawer.uri === b.drawer.uri && a.display.uri === b.display.uri && a.scanners.uris.join(' ') === b.scanners.uris.join(' ');
}

export async function openTill(config: Config, opts: ConnectOptions = { migrate: true, demoOnFirstStart: true }): Promise<Till> {
  const conn = await connect(config, opts);
  try {
    const terminal = await resolveTerminal(conn.db, config.terminal);
    // A pool connects on first use only: a till that never opens a report never reaches the standby.
    const readDb = openReadDb(config, `${conn.applicationName}:read`) ?? undefined;
    return { config: withStoreSettings(config, terminal), conn, db: conn.db, ...(readDb && { readDb }), terminal, finishing: new Set() };
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
  const opening = openTill(config, { migrate: true, demoOnFirstStart: true, keepOpen: true }).then(async (till) => {
    // The software's start (and a version change) in the till's journal; a till that cannot
    // write it still opens (its log says why), as it opens with the server away.
    await journalStart(till.db, till.terminal.id, config).catch((e: unknown) => getLog(config.dataDir).error({ err: e }, 'start not journalled'));
    return till;
  });
  opening.catch(() => undefined);
  return opening;
}

export async function closeTill(till: Till): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((r) => (timer = setTimeout(r, FINISH_WAIT_MS)));
  await Promise.race([Promise.allSettled([...till.finishing].map((f) => f())), waited]);
  clearTimeout(timer);
  await till.readDb?.destroy();
  await disconnect(till.conn);
}

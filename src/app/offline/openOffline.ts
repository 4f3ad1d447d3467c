import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/schema';
import { openDb } from '../../data/db';
import type { Till } from '../till';
import { offlineFolder } from './journal';
import { keptTerminal } from './operators';

/**
 * A till opened with its store server unreachable, from what it kept while the server answered
 * (this till, its operators, block and catalogue): it lets its operators sign in and sells for
 * cash and card into its journal. Null when it cannot: selling offline is off, the database is
 * the embedded one on this machine (not an outage: it is started here), or this till never met
 * its server. Its pool connects to nothing until asked; the screen opens the till again the
 * ordinary way (schema, role checks) once the server answers, and uses that one from then on.
 */
export async function openTillOffline(config: Config): Promise<Till | null> {
  const urls = config.db.urls;
  const url = config.db.url || urls[0] || '';
  if (!config.offline.enabled || !url) return null;
  const terminal = await keptTerminal(offlineFolder(config.dataDir, config.terminal));
  if (!terminal || terminal.code !== config.terminal) return null;
  const applicationName = `pos:${process.pid}:${randomBytes(4).toString('hex')}`;
  const db = openDb({ url, urls, poolMax: config.db.poolMax, connectTimeoutMs: config.db.connectTimeoutMs, applicationName });
  return {
    config, db, terminal, finishing: new Set(), offline: true,
    conn: { db, url, urls: urls.length > 0 ? urls : [url], embedded: null, applicationName, migrated: [], seededDemo: false },
  };
}

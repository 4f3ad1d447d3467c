import type { Knex } from 'knex';
import type { Config } from '../config/schema';
import { isConnectionError, maskUrl, openDb } from '../data/db';
import { replicationLag } from '../data/servers';
import type { Lang } from '../domain/money';
import { t } from '../i18n/messages';
import { Refusal } from './errors';

// What need not be fresh (reports, back-office lists, `pos check`) is read from a standby when
// db.readUrls names some, sparing the primary the tills sell on. The standby is behind by its
// replication lag, which is said with what was read there.

/** Where a read was served: a standby and how far behind (seconds), or the primary (lag null). */
export interface ReadSource {
  standby: boolean;
  lagSeconds: number | null;
}

/**
 * A pool on the first of db.readUrls that answers, then the primary's own addresses should no
 * standby answer; null when no standby is configured (the till's pool serves).
 */
export function openReadDb(config: Config, applicationName = `pos:${process.pid}:read`): Knex | null {
  const { readUrls } = config.db;
  if (readUrls.length === 0) return null;
  const primary = config.db.urls.length > 0 ? config.db.urls : config.db.url ? [config.db.url] : [];
  const urls = [...readUrls, ...primary];
  return openDb({ url: urls[0]!, urls, want: 'any', poolMax: config.db.poolMax, connectTimeoutMs: config.db.connectTimeoutMs, applicationName });
}

export async function readSource(db: Knex): Promise<ReadSource> {
  const lagSeconds = await replicationLag(db);
  return { standby: lagSeconds !== null, lagSeconds };
}

/**
 * Where a till reads what need not be fresh (reports, back-office lists): its standbys' pool and
 * how far behind it is when db.readUrls names some, else its own pool (source null).
 */
export async function readSide(till: { db: Knex; readDb?: Knex }): Promise<{ db: Knex; source: ReadSource | null }> {
  return till.readDb ? { db: till.readDb, source: await readSource(till.readDb) } : { db: till.db, source: null };
}

/** Runs `work` on the standbys' pool (db.readUrls, not empty); unreachable is the same one line as for the primary. */
export async function withReadDb<T>(config: Config, work: (db: Knex, source: ReadSource) => Promise<T>): Promise<T> {
  const db = openReadDb(config);
  if (!db) throw new Error('withReadDb: db.readUrls is empty');
  try {
    return await work(db, await readSource(db));
  } catch (error) {
    if (isConnectionError(error)) throw new Refusal('db.unreachable', { url: maskUrl(config.db.readUrls[0]!), reason: (error as Error).message });
    throw error;
  } finally {
    await db.destroy();
  }
}

/** The line saying where a read was served and how far behind (none when no standby is configured). */
export function readSourceLine(source: ReadSource | null, lang: Lang): string[] {
  if (!source) return [];
  if (!source.standby) return [t(lang, 'db.readFrom.primary')];
  const lag = (source.lagSeconds ?? 0).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  return [t(lang, 'db.readFrom.standby', { lag })];
}

/** The same, for --json: where the read was served. */
export function readSourceJson(source: ReadSource | null): { read_from?: { standby: boolean; lag_seconds: number | null } } {
  return source ? { read_from: { standby: source.standby, lag_seconds: source.lagSeconds } } : {};
}

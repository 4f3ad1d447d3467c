import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { join } from 'node:path';
import type { Config } from '../config/schema';
import { isConnectionError, maskUrl, openDb, serverQuery, withDatabase } from '../data/db';
import { ensureEmbeddedServer, EmbeddedError, type EmbeddedServer } from '../data/embedded';
import { migrateLatest, migrationSource, pendingMigrations } from '../data/migrations';
import { Refusal } from './errors';

export interface Connection {
  db: Knex;
  /** The URL in use, password included: never show it, use maskUrl(). */
  url: string;
  embedded: EmbeddedServer | null;
  applicationName: string;
  /** What start-up did: migrations applied, demo loaded. */
  migrated: string[];
  seededDemo: boolean;
}

const DATABASE = 'pos';

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const { rowCount } = await serverQuery(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) {
    await serverQuery(serverUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((e: { code?: string }) => {
      // Created by another till a moment ago: said as "exists", or as the catalog's unique index when both were at it at once.
      if (e.code !== '42P04' && e.code !== '23505') throw e;
    });
  }
}

/** Any number that no other lock of the till uses: the migrations' turn. */
const MIGRATION_LOCK = 0x706f736d;

/** Runs `work` holding a session advisory lock on a connection of its own (outside the pool, which `work` may need whole). */
async function oneAtATime(url: string, applicationName: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: `${applicationName}:migrate` });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ConnectOptions {
  /** Apply pending migrations (the till and most commands); `pos migrate` does it explicitly. */
  migrate?: boolean;
  /** Load the demo shop into a new embedded database. */
  demoOnFirstStart?: boolean;
  /** Hold one connection open while running (a till on screen), so other tills see it. */
  keepOpen?: boolean;
}

/**
 * Opens the database: the store server when a URL is configured, else the embedded one
 * in the data folder. Failing to reach it is a Refusal naming the URL, password masked.
 */
export async function connect(config: Config, opts: ConnectOptions = {}): Promise<Connection> {
  let embedded: EmbeddedServer | null = null;
  let url = config.db.url;
  if (!url) {
    try {
      embedded = await ensureEmbeddedServer({ dir: join(config.dataDir, 'db'), port: config.db.embedded.port, lingerSeconds: config.db.embedded.lingerSeconds });
      url = withDatabase(embedded.url, DATABASE);
    } catch (error) {
      if (error instanceof EmbeddedError) throw new Refusal('db.embeddedFailed', { reason: error.message });
      throw new Refusal('db.unreachable', { url: maskUrl(url || embedded?.url || 'embedded'), reason: (error as Error).message });
    }
  }
  // Each connection names its process (pg_stat_activity tells which till holds what).
  const applicationName = `pos:${process.pid}:${randomBytes(4).toString('hex')}`;
  const db = openDb({ url, poolMax: config.db.poolMax, poolMin: opts.keepOpen ? 1 : 0, connectTimeoutMs: config.db.connectTimeoutMs, applicationName });
  try {
    const pending = await pendingMigrations(db).catch(async (error: { code?: string }) => {
      // The embedded server's database is made on first use (not on every start: that
      // would cost a second connection each time).
      if (!embedded || error.code !== '3D000') throw error;
      await ensureDatabase(embedded.url, DATABASE);
      return pendingMigrations(db);
    });
    let migrated: string[] = [];
    let seededDemo = false;
    if (pending.length > 0 && opts.migrate !== false) {
      // One process at a time (knex's own lock refuses the second instead of waiting): the
      // second finds nothing left to do, and the demo loaded by the first.
      await oneAtATime(url, applicationName, async () => {
        migrated = await migrateLatest(db);
        // The demo shop goes into an embedded database made just now (its first migration applied).
        seededDemo = Boolean(embedded && opts.demoOnFirstStart && migrated[0] === (await migrationSource.getMigrations([]))[0]);
        // Loaded only then: the demo catalog, customers and coupons are not every start's business.
        if (seededDemo) await (await import('./seedDemo')).seedDemo(db);
      });
    }
    return { db, url, embedded, migrated, seededDemo, applicationName };
  } catch (error) {
    await db.destroy();
    // Unreachable, wrong password (28…), no such database (3D…): the same one line, with why.
    const code = (error as { code?: string }).code ?? '';
    if (isConnectionError(error) || /^(28|3D)/.test(code)) throw new Refusal('db.unreachable', { url: maskUrl(url), reason: (error as Error).message });
    throw error;
  }
}

/**
 * Closes the pool and gives back this process's use of the embedded server, which stops
 * `db.embedded.lingerSeconds` after its last till or command (see src/data/embedded.ts).
 */
export async function disconnect(conn: Connection): Promise<void> {
  await conn.db.destroy();
  await conn.embedded?.release();
}

import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { join } from 'node:path';
import type { Config } from '../config/schema';
import { isConnectionError, maskUrl, openDb, serverQuery, withDatabase } from '../data/db';
import { ensureEmbeddedServer, EmbeddedError, type EmbeddedServer } from '../data/embedded';
import { migrateLatest, migrationSource, minTillVersions, pendingMigrations } from '../data/migrations';
import { schemaCompat } from '../data/schemaVersions';
import { APP_VERSION, compareVersions } from '../domain/version';
import { ensureTillLogin, whoami } from '../data/roles';
import { findServer } from '../data/servers';
import { Refusal } from './errors';

export interface Connection {
  db: Knex;
  /** The URL in use, password included: never show it, use maskUrl(). */
  url: string;
  /** Every address of the server (db.urls), the one in use among them; [url] for a single server. */
  urls: string[];
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

/**
 * Runs `work` holding an advisory lock on a connection of its own (outside the pool, which
 * `work` may need whole). The lock is a transaction's, held by a transaction left open while
 * `work` runs: it goes with that transaction whatever happens, even through a pooler in
 * transaction mode (which would hand a session lock on to another client). Migrations
 * themselves belong on a direct connection to the primary: db.ownerUrl.
 */
async function oneAtATime(url: string, applicationName: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: `${applicationName}:migrate` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN');
    // A long migration must not end the transaction that holds the turn.
    await client.query("SET LOCAL idle_in_transaction_session_timeout = 0");
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await work();
    await client.query('COMMIT');
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
  /**
   * Connect as the owner of the tables (`pos migrate`, `pos seed`): db.ownerUrl, else db.url;
   * the embedded server's superuser. Everything else runs as the till role.
   */
  asOwner?: boolean;
  /** This till's version as compared with the schema's minimum (tests give an older one). */
  appVersion?: string;
  /** Refuse a till older than the schema asks (false: `pos doctor`, which says it instead). */
  checkVersion?: boolean;
}

/** The embedded server's own till user, whose password is kept in the data folder. */
export const EMBEDDED_TILL_USER = 'pos_local_till';

/** The password of the embedded till user: made once, in one step (two tills starting at once read the same). */
function embeddedTillPassword(dir: string): string {
  const file = join(dir, 'till-password');
  if (!existsSync(file)) {
    const own = `${file}.${process.pid}`;
    writeFileSync(own, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
    try {
      linkSync(own, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(own);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Where the embedded server keeps its cluster, in the data folder. */
const embeddedDir = (config: Config) => join(config.dataDir, 'db');

/**
 * Whether opening the database will first make the embedded one (no store server configured,
 * no cluster yet): some seconds of initdb, migrations and the demo shop, worth a word on screen.
 */
export function embeddedIsNew(config: Config): boolean {
  return !config.db.url && !existsSync(join(embeddedDir(config), 'pgdata', 'PG_VERSION'));
}

/** Errors of a first start on the embedded server: no database yet, no till user yet (or another password). */
const FIRST_START = /^(3D000|28P01|28000)$/;

/**
 * Opens the database: the store server when a URL is configured, else the embedded one
 * in the data folder. Failing to reach it is a Refusal naming the URL, password masked.
 *
 * The till connects as a user of the till role (pos_till); migrations run as the owner: on a
 * store server through db.ownerUrl when it is set (or by `pos migrate`), on the embedded one as
 * its superuser, which also makes the embedded till user. A store server's owner or superuser is
 * refused for the till unless db.allowOwner (`--allow-owner`).
 */
export async function connect(config: Config, opts: ConnectOptions = {}): Promise<Connection> {
  let embedded: EmbeddedServer | null = null;
  // A chain's server as several addresses (db.urls): the pools go to the one accepting writes.
  let urls = config.db.urls.length > 0 ? [...config.db.urls] : [];
  let url = config.db.url || urls[0] || '';
  let ownerUrl = config.db.ownerUrl || url;
  const ownerUrls = config.db.ownerUrl ? [] : urls;
  let tillPassword = '';
  if (!url) {
    try {
      embedded = await ensureEmbeddedServer({ dir: embeddedDir(config), port: config.db.embedded.port, lingerSeconds: config.db.embedded.lingerSeconds });
      ownerUrl = withDatabase(embedded.url, DATABASE);
      tillPassword = embeddedTillPassword(embedded.dir);
      url = opts.asOwner ? ownerUrl : withUser(ownerUrl, EMBEDDED_TILL_USER, tillPassword);
    } catch (error) {
      if (error instanceof EmbeddedError) throw new Refusal('db.embeddedFailed', { reason: error.message });
      throw new Refusal('db.unreachable', { url: maskUrl(url || embedded?.url || 'embedded'), reason: (error as Error).message });
    }
  } else if (opts.asOwner) {
    url = ownerUrl;
    urls = ownerUrls;
  }
  // Each connection names its process (pg_stat_activity tells which till holds what).
  const applicationName = `pos:${process.pid}:${randomBytes(4).toString('hex')}`;
  const open = (at: string) => openDb({ url: at, urls, poolMax: config.db.poolMax, poolMin: opts.keepOpen ? 1 : 0, connectTimeoutMs: config.db.connectTimeoutMs, applicationName });
  let db = open(url);
  try {
    let setUp = false;
    let pending = await pendingMigrations(db).catch(async (error: { code?: string }) => {
      // The embedded server's database and till user are made on first use (not checked on
      // every start: that would cost a second connection each time).
      if (!embedded || !FIRST_START.test(error.code ?? '')) throw error;
      // No till user yet is said before any missing database: make sure of both.
      await ensureDatabase(embedded.url, DATABASE);
      setUp = true;
      return null;
    });
    if (embedded === null && !opts.asOwner) {
      const who = await whoami(db);
      if ((who.superuser || who.owner) && !config.db.allowOwner) throw new Refusal('db.ownerRefused', { user: who.user });
    }
    let migrated: string[] = [];
    let seededDemo = false;
    // A store server is migrated only when told (`pos migrate`): other tills of the store may be
    // older, and a till must never upgrade the schema under them on its own.
    const behind = pending === null || pending.length > 0;
    if (behind && embedded === null && !opts.asOwner && opts.migrate !== false) throw new Refusal('db.notMigrated', { n: pending?.length ?? 0 });
    const migrating = opts.migrate !== false && behind;
    if (setUp || migrating) {
      // As the owner; one process at a time (knex's own lock refuses the second instead of
      // waiting): the second finds nothing left to do, and the demo loaded by the first.
      const owner = opts.asOwner || (!embedded && !config.db.ownerUrl) ? db : openDb({ url: ownerUrl, urls: ownerUrls, poolMax: 2, connectTimeoutMs: config.db.connectTimeoutMs, applicationName: `${applicationName}:owner` });
      try {
        const lockUrl = ownerUrls.length > 1 ? await findServer(ownerUrls, 'primary', config.db.connectTimeoutMs, `${applicationName}:probe`) : ownerUrl;
        await oneAtATime(lockUrl, applicationName, async () => {
          if (migrating) {
            migrated = await migrateLatest(owner);
            // The demo shop goes into an embedded database made just now (its first migration applied).
            seededDemo = Boolean(embedded && opts.demoOnFirstStart && migrated[0] === (await migrationSource.getMigrations([]))[0]);
            // Loaded only then: the demo catalog, customers and coupons are not every start's business.
            if (seededDemo) await (await import('./seedDemo')).seedDemo(owner);
          }
          if (embedded) await ensureTillLogin(owner, EMBEDDED_TILL_USER, tillPassword);
        });
      } finally {
        if (owner !== db) await owner.destroy();
      }
      if (setUp && !opts.asOwner) {
        await db.destroy();
        db = open(url);
        pending = await pendingMigrations(db);
      }
    }
    if (!opts.asOwner && opts.checkVersion !== false) await refuseIfTooOld(db, opts.appVersion ?? APP_VERSION);
    return { db, url, urls: urls.length > 0 ? urls : [url], embedded, migrated, seededDemo, applicationName };
  } catch (error) {
    await db.destroy();
    if (error instanceof Refusal) throw error;
    // Unreachable, wrong password (28…), no such database (3D…): the same one line, with why.
    const code = (error as { code?: string }).code ?? '';
    if (isConnectionError(error) || /^(28|3D)/.test(code)) throw new Refusal('db.unreachable', { url: maskUrl(url), reason: (error as Error).message });
    throw error;
  }
}

/** A till older than what the schema asks refuses to start, naming the version to install. */
export async function refuseIfTooOld(db: Knex, mine: string): Promise<void> {
  const compat = await schemaCompat(db, Object.keys(minTillVersions()));
  if (compareVersions(mine, compat.minTillVersion) < 0) {
    throw new Refusal('db.tillTooOld', { mine, need: compat.minTillVersion, by: compat.migratedBy ?? compat.minTillVersion });
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

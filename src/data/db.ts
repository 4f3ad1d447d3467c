import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { findServer, NoServerError, type Want } from './servers';

// Cents and ids are bigint in SQL; every amount the till handles fits a JS number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export type Db = Knex | Knex.Transaction;

export interface DbOptions {
  url: string;
  /**
   * Several addresses of one cluster (a primary and its standbys): each new connection goes to
   * the one `want` asks for, found again after a failover. Empty or one: `url` alone.
   */
  urls?: readonly string[];
  want?: Want;
  poolMax?: number;
  poolMin?: number;
  connectTimeoutMs?: number;
  /** Shown in pg_stat_activity: how the tills sharing an embedded server count each other. */
  applicationName?: string;
}

export function openDb(options: DbOptions): Knex {
  const urls = options.urls ?? [];
  if (urls.length < 2) return knexFactory(dbConfig(options));
  // Which server is found once, and again only when a connection to it failed or it stopped
  // accepting writes (a failover): then every idle connection is dropped and the next one
  // goes to the server found now. Nothing of a session is relied upon, so any connection of
  // the new server serves.
  let stale = true;
  const want = options.want ?? 'primary';
  const base = dbConfig(options);
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  const settings = (url: string): Knex.PgConnectionConfig => ({ ...(base.connection as Knex.PgConnectionConfig), connectionString: url });
  const knex = knexFactory({
    ...base,
    // Thrown, none accepting (the standby not yet promoted) is said as unreachable: SQLSTATE 08001.
    connection: async () => {
      const url = await findServer(urls, want, timeoutMs, `${options.applicationName ?? 'pos'}:probe`);
      stale = false;
      return { ...settings(url), expirationChecker: () => stale };
    },
    pool: {
      ...(base.pool as object),
      afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => {
        conn.on('error', () => (stale = true));
        if (want === 'any') return done(null, conn);
        conn.query('SELECT pg_is_in_recovery() AS standby', (err: Error | null, res: pg.QueryResult<{ standby: boolean }>) => {
          if (err || res.rows[0]?.standby !== false) {
            stale = true;
            // Refused here, the connection is no pool's: closed now, or the standby keeps it.
            conn.end().catch(() => undefined);
            return done(err ?? new NoServerError('the server is a standby now: it accepts no writes'), conn);
          }
          done(null, conn);
        });
      },
    },
  });
  (knex.client as { pool?: { on(event: string, f: () => void): void } }).pool?.on('createFail', () => (stale = true));
  return knex;
}

/** The one knex configuration of the till (knexfile.ts hands it to knex's own CLI). */
export function dbConfig({ url, poolMax = 4, poolMin = 0, connectTimeoutMs = 3000, applicationName = `pos:${process.pid}` }: DbOptions): Knex.Config {
  return {
    client: 'pg',
    // Given, so that knex does not ask each new connection for `select version()`: the till
    // needs PostgreSQL 13 or later (trusted pg_trgm).
    version: '13',
    connection: { connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs },
    pool: { min: poolMin, max: poolMax, acquireTimeoutMillis: connectTimeoutMs + 1000 },
    acquireConnectionTimeout: connectTimeoutMs + 1000,
    // A failed statement's message carries its SQL, but never the values bound to it (PINs,
    // names…), which would end up in logs.
    compileSqlOnError: false,
    // knex would print its warnings on the console, under the cashier's screen; failures
    // reach the caller as errors and are reported there.
    log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
  };
}

/** "postgres://pos:***@server:5432/pos": a URL fit to show to a cashier or in a log. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** True when an error means "the server is not reachable", as opposed to a refused statement. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string } | null;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  const m = e.message ?? '';
  return (
    e.name === 'KnexTimeoutError' ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|terminating connection/i.test(m)
  );
}

/**
 * One statement on its own connection, for what a pool cannot do: make or drop a database
 * (the connection must not be inside that database).
 */
export async function serverQuery(serverUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'pos:admin' });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

// The PostgreSQL server the bench runs against: DATABASE_URL's when set (the figures then
// describe that server), else a private embedded one, so `npm run bench` works on a fresh machine.
import { chmodSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { serverQuery } from '../data/db';
import { ensureEmbeddedServer, type EmbeddedServer } from '../data/embedded';

export interface BenchServer {
  /** A URL on the server's maintenance database, for CREATE/DROP DATABASE. */
  url: string;
  /** Set when the bench started its own server; a till with no URL finds it in `dataDir`. */
  embedded: EmbeddedServer | null;
  /** A till's data folder whose db/ holds the embedded server. */
  dataDir: string;
  close(): Promise<void>;
}

/** Not the till's default port (54329): a developer's running till is left alone. */
const PORT = 54340;

export async function openBenchServer(env: NodeJS.ProcessEnv = process.env): Promise<BenchServer> {
  const dataDir = join(tmpdir(), `pos-bench-pg-${userInfo().uid}`);
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as the postgres user, which must be able to reach db/ inside.
  chmodSync(dataDir, 0o755);
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null, dataDir, close: async () => undefined };
  // The folder is kept between runs (initdb costs seconds); the server is stopped at the end.
  const embedded = await ensureEmbeddedServer({ dir: join(dataDir, 'db'), port: PORT });
  return { url: embedded.url, embedded, dataDir, close: () => embedded.stop() };
}

/** A fresh, empty database: one left by an interrupted run is dropped first. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  await dropDatabase(serverUrl, name);
  await serverQuery(serverUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await serverQuery(serverUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
}

/** Flushes dirty pages, so that a throughput run does not pay for the previous step's writes. */
export async function checkpoint(serverUrl: string): Promise<void> {
  // Needs superuser or pg_checkpoint; on a store server without them the run just goes on.
  await serverQuery(serverUrl, 'CHECKPOINT').catch(() => undefined);
}

/** libpq's environment for a URL, for the PostgreSQL command-line tools. */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    PGHOST: decodeURIComponent(u.hostname) || 'localhost',
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** Whether the server runs on this machine: its work is then part of the machine's CPU figures. */
export function isLocalServer(url: string): boolean {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? decodeURIComponent(u.hostname);
  return host === '' || host.startsWith('/') || host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';
}

import pg from 'pg';

// A chain's server is a primary and its standbys (streaming replication). node-pg has no
// libpq-style target_session_attrs=read-write, so the till asks each address itself which one
// accepts writes: pg_is_in_recovery() is false on the primary only, and turns false on a
// standby the moment it is promoted.

export type Want = 'primary' | 'any';

/** An error the till reads as "the server is not reachable" (SQLSTATE 08001, see isConnectionError). */
export class NoServerError extends Error {
  readonly code = '08001';
}

/** Whether the server at `url` accepts writes; throws when it cannot be reached. */
export async function acceptsWrites(url: string, timeoutMs: number, applicationName: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    return rows[0]?.standby === false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The first address, in the order given, that answers and (for `primary`) accepts writes.
 * Asked in turn rather than all at once: the list is short and the first is the usual answer.
 */
export async function findServer(urls: readonly string[], want: Want, timeoutMs: number, applicationName: string): Promise<string> {
  let reason = '';
  for (const url of urls) {
    try {
      const writable = await acceptsWrites(url, timeoutMs, applicationName);
      if (want === 'any' || writable) return url;
      reason = 'read only (standby)';
    } catch (error) {
      reason = (error as Error).message;
    }
  }
  throw new NoServerError(`no server of ${urls.length} accepts ${want === 'primary' ? 'writes' : 'connections'} (last: ${reason})`);
}

/** On a standby, how far behind its primary it is, in seconds (0: caught up); null on a primary. */
export const LAG_SQL = `SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
  WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
  ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp())) END::float8 AS lag`;

/** How far behind its primary the server of `db` is, in seconds (0: caught up); null when it is the primary itself. */
export async function replicationLag(db: { raw(sql: string): PromiseLike<{ rows: { lag: number | null }[] }> }): Promise<number | null> {
  const { rows } = await db.raw(LAG_SQL);
  return rows[0]?.lag ?? null;
}

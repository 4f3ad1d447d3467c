import type { Db } from './db';

export interface CodeFailure {
  apiKeyId: number;
  clientAddr: string;
  route: string;
  reason: string;
  codeHint: string;
}

export async function insertCodeFailure(db: Db, f: CodeFailure): Promise<void> {
  await db('api_code_failures').insert({ api_key_id: f.apiKeyId, client_addr: f.clientAddr, route: f.route, reason: f.reason, code_hint: f.codeHint });
}

/**
 * Seconds until the key, or the address, falls back under `max` failures in the last
 * `windowSeconds` (by the database's clock, which every `pos serve` shares); null when neither
 * is at its limit. One round trip: the max-th latest failure of each, if inside the window.
 */
export async function lockedForSeconds(db: Db, apiKeyId: number, clientAddr: string, max: number, windowSeconds: number): Promise<number | null> {
  const nth = (column: string) => `(SELECT ceil(extract(epoch FROM at + make_interval(secs => :window) - now()))::int FROM api_code_failures
    WHERE ${column} = :${column} AND at > now() - make_interval(secs => :window) ORDER BY at DESC OFFSET :skip LIMIT 1)`;
  const { rows } = await db.raw(`SELECT ${nth('api_key_id')} AS by_key, ${nth('client_addr')} AS by_addr`, {
    window: windowSeconds, api_key_id: apiKeyId, client_addr: clientAddr, skip: max - 1,
  });
  const r = rows[0] as { by_key: number | null; by_addr: number | null };
  const seconds = Math.max(r.by_key ?? 0, r.by_addr ?? 0);
  return r.by_key === null && r.by_addr === null ? null : Math.max(1, seconds);
}

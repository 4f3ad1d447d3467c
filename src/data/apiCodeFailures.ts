import type { Db } from './db';

export interface CodeLookup {
  apiKeyId: number;
  clientAddr: string;
  route: string;
  codeHint: string;
}

export interface FailureLimit {
  max: number;
  windowSeconds: number;
}

/** A look-up's place in the count (its row's id), or the seconds to wait when the key or the address is at its limit. */
export type Reservation = { attempt: string } | { retryAfter: number };

/**
 * Counts a look-up before it is made, in one statement that checks and counts under the key's
 * and the address's locks (pos_api_code_attempt): look-ups arriving together are counted one
 * after the other, so no more than `max` of them are ever failed or in flight in the window.
 */
export async function reserveCodeLookup(db: Db, l: CodeLookup, limit: FailureLimit): Promise<Reservation> {
  const { rows } = await db.raw<{ rows: { attempt: string | null; retry_after: number | null }[] }>(
    'SELECT attempt, retry_after FROM pos_api_code_attempt(?, ?, ?, ?, ?, ?)',
    [l.apiKeyId, l.clientAddr, l.route, l.codeHint, limit.max, limit.windowSeconds],
  );
  const r = rows[0]!;
  return r.attempt !== null ? { attempt: String(r.attempt) } : { retryAfter: r.retry_after ?? 1 };
}

/** The look-up's end: a failure keeps its row with the reason; null (found, or refused for another reason) takes it back. */
export async function settleCodeLookup(db: Db, attempt: string, reason: string | null): Promise<void> {
  await db.raw('SELECT pos_api_code_settle(?, ?)', [attempt, reason]);
}

import type { Knex } from 'knex';

// The failed look-up limit of the e-shop API, made to hold under concurrency. Checking the
// count before a look-up and adding the failure after it let as many look-ups through as a
// caller had in flight at once. Now each look-up first reserves its place in the count, in one
// statement that checks and counts under a lock of the key and one of the address: a row with
// no reason yet (in flight). The look-up then turns it into a failure (its reason) or, when it
// found its code, takes it back. So at most `max` look-ups of a key or an address are ever
// failed or in flight in a window, whatever arrives together.
//
// The same statement purges a few rows that have left the window, so the table holds the
// window's rows and no more (every failure is in pos.log as well). The tills' role writes this
// table only through these two functions.

const DEFINER = 'SECURITY DEFINER SET search_path = public, pg_temp';
const ATTEMPT = 'pos_api_code_attempt(integer, text, text, text, integer, integer)';
const SETTLE = 'pos_api_code_settle(bigint, text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE api_code_failures ALTER COLUMN reason DROP NOT NULL;
    COMMENT ON COLUMN api_code_failures.reason IS 'why the look-up failed; NULL while it is in flight';
    CREATE INDEX api_code_failures_at ON api_code_failures (at);

    -- A look-up's place in the count of its key and of its address: its row's id, or (when
    -- either is at its limit) no row and the seconds to wait. Rows older than the window go,
    -- a hundred at most a call, none waited for (SKIP LOCKED: two calls never queue on them).
    -- The two locks are taken in one order (key, then address) and held to the end of the
    -- statement's transaction, past the row's insert: the next look-up of either counts it.
    CREATE FUNCTION pos_api_code_attempt(p_key integer, p_addr text, p_route text, p_hint text, p_max integer, p_window integer)
      RETURNS TABLE (attempt bigint, retry_after integer) LANGUAGE plpgsql ${DEFINER} AS $$
    DECLARE
      since timestamptz := now() - make_interval(secs => p_window);
      by_key integer;
      by_addr integer;
      wait integer;
    BEGIN
      DELETE FROM api_code_failures WHERE id IN (
        SELECT f.id FROM api_code_failures f WHERE f.at <= since ORDER BY f.at LIMIT 100 FOR UPDATE SKIP LOCKED);
      -- Two key spaces of their own (class 720131: keys, 720132: addresses).
      PERFORM pg_advisory_xact_lock(720131, p_key);
      PERFORM pg_advisory_xact_lock(720132, hashtext(p_addr));
      SELECT count(*) INTO by_key FROM (SELECT 1 FROM api_code_failures f WHERE f.api_key_id = p_key AND f.at > since LIMIT p_max) x;
      SELECT count(*) INTO by_addr FROM (SELECT 1 FROM api_code_failures f WHERE f.client_addr = p_addr AND f.at > since LIMIT p_max) x;
      IF by_key < p_max AND by_addr < p_max THEN
        INSERT INTO api_code_failures (api_key_id, client_addr, route, reason, code_hint)
        VALUES (p_key, p_addr, p_route, NULL, p_hint) RETURNING id INTO attempt;
        RETURN NEXT;
        RETURN;
      END IF;
      -- Until the max-th latest failure leaves the window. Look-ups in flight end in
      -- milliseconds (a second is said for them); one in flight for ten seconds died and
      -- counts as failed.
      SELECT greatest(
        CASE WHEN by_key >= p_max THEN (SELECT ceil(extract(epoch FROM f.at - since))::int FROM api_code_failures f
          WHERE f.api_key_id = p_key AND f.at > since AND (f.reason IS NOT NULL OR f.at < now() - interval '10 seconds')
          ORDER BY f.at DESC OFFSET p_max - 1 LIMIT 1) END,
        CASE WHEN by_addr >= p_max THEN (SELECT ceil(extract(epoch FROM f.at - since))::int FROM api_code_failures f
          WHERE f.client_addr = p_addr AND f.at > since AND (f.reason IS NOT NULL OR f.at < now() - interval '10 seconds')
          ORDER BY f.at DESC OFFSET p_max - 1 LIMIT 1) END) INTO wait;
      retry_after := greatest(1, coalesce(wait, 1));
      RETURN NEXT;
    END $$;

    -- A look-up's end: failed (its reason: the row stays, counted) or not a guess (NULL: the
    -- row goes). Only a row still in flight is touched: a failure, once said, stays.
    CREATE FUNCTION pos_api_code_settle(p_attempt bigint, p_reason text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
    BEGIN
      IF p_reason IS NULL THEN
        DELETE FROM api_code_failures WHERE id = p_attempt AND reason IS NULL;
      ELSE
        UPDATE api_code_failures SET reason = p_reason WHERE id = p_attempt AND reason IS NULL;
      END IF;
    END $$;

    REVOKE EXECUTE ON FUNCTION ${ATTEMPT} FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION ${SETTLE} FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION ${ATTEMPT} TO pos_till;
    GRANT EXECUTE ON FUNCTION ${SETTLE} TO pos_till;
    -- A row written by hand would be counted, or not, outside the locks.
    REVOKE INSERT ON api_code_failures FROM pos_till;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    GRANT INSERT ON api_code_failures TO pos_till;
    DROP FUNCTION ${SETTLE};
    DROP FUNCTION ${ATTEMPT};
    DROP INDEX api_code_failures_at;
    DELETE FROM api_code_failures WHERE reason IS NULL;
    ALTER TABLE api_code_failures ALTER COLUMN reason SET NOT NULL;
  `);
}

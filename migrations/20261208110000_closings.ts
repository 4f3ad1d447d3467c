import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Knex } from 'knex';

// Closings (clôtures Z, monthly, yearly), per till and per store, and the store's signing key.
//
// A closing is written once: a trigger refuses UPDATE and DELETE for every role, the owner
// included (who could drop the trigger, but then the chain, the signature, the heads file kept
// outside the database and the printed Z all tell). Each closing carries the hash of the one
// before it in its chain (same scope, same kind), its totals, the perpetual grand total since
// the first sale, and an Ed25519 signature by the store's key (src/app/closings).
//
// A sale whose time falls in or before a closed period of its till (or of its store) is refused
// by a trigger on `sales`, whoever inserts it: periods are stored as instants (start, end), so
// the trigger needs no time zone, and the app computes them in the shop's zone.
//
// `down` refuses while any closing exists: fiscal records are never dropped by a migration, so
// a re-migration cannot reset the perpetual grand total (it is carried by the chain anyway, and
// the first closing of a chain recomputes it from every ticket since the first sale).

export const CLOSED_PERIOD = 'P0K10';

/** The first key of the advisory lock on a till's tickets (the second is the till's id). */
export const TICKETS_LOCK = 14014;

/** An Ed25519 key pair as stored: SPKI and PKCS#8 PEM, and a short id (SHA-256 of the public key's DER). */
export function newStoreKey(): { public_key: string; private_key: string; key_id: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    key_id: createHash('sha256').update(der).digest('hex').slice(0, 16),
  };
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- The private key is readable by the tills: they sign the closings they make (see
    -- src/app/closings/keys.ts for why, and what the signature does and does not prove).
    CREATE TABLE store_keys (
      store_id integer PRIMARY KEY REFERENCES stores (id),
      key_id text NOT NULL UNIQUE,
      public_key text NOT NULL,
      private_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE closings (
      id bigserial PRIMARY KEY,
      format smallint NOT NULL,
      scope text NOT NULL CHECK (scope IN ('terminal', 'store')),
      store_id integer NOT NULL REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      kind text NOT NULL CHECK (kind IN ('day', 'month', 'year')),
      seq integer NOT NULL CHECK (seq >= 1),
      first_day date NOT NULL,
      last_day date NOT NULL,
      time_zone text NOT NULL,
      period_start timestamptz NOT NULL,
      period_end timestamptz NOT NULL,
      tickets integer NOT NULL,
      total_cents bigint NOT NULL,
      perpetual_cents bigint NOT NULL,
      by_vat jsonb NOT NULL,
      by_tender jsonb NOT NULL,
      first_ticket_no bigint,
      last_ticket_no bigint,
      automatic boolean NOT NULL,
      operator_id integer REFERENCES operators (id),
      closed_at timestamptz NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE,
      key_id text NOT NULL,
      signature text NOT NULL,
      CONSTRAINT closings_scope_terminal CHECK ((scope = 'terminal') = (terminal_id IS NOT NULL)),
      CONSTRAINT closings_period CHECK (last_day >= first_day AND period_end > period_start)
    );
    -- One chain per (scope, till or store, kind): numbered without gaps, one closing per period.
    CREATE UNIQUE INDEX closings_chain_seq ON closings (kind, store_id, coalesce(terminal_id, 0), seq);
    CREATE UNIQUE INDEX closings_chain_period ON closings (kind, store_id, coalesce(terminal_id, 0), first_day);
    CREATE INDEX closings_store_end ON closings (store_id, period_end);
    CREATE INDEX closings_terminal_end ON closings (terminal_id, kind, period_end) WHERE terminal_id IS NOT NULL;
    -- A till's tickets by time: what each sale's check for a day left open reads (autoClose).
    CREATE INDEX sales_terminal_created ON sales (terminal_id, created_at);

    CREATE FUNCTION pos_closings_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'closings and store keys are never changed (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
    END $$;
    CREATE TRIGGER closings_frozen BEFORE UPDATE OR DELETE ON closings FOR EACH ROW EXECUTE FUNCTION pos_closings_frozen();
    CREATE TRIGGER store_keys_frozen BEFORE UPDATE OR DELETE ON store_keys FOR EACH ROW EXECUTE FUNCTION pos_closings_frozen();
    CREATE TRIGGER closings_no_truncate BEFORE TRUNCATE ON closings FOR EACH STATEMENT EXECUTE FUNCTION pos_closings_frozen();
    CREATE TRIGGER store_keys_no_truncate BEFORE TRUNCATE ON store_keys FOR EACH STATEMENT EXECUTE FUNCTION pos_closings_frozen();

    -- A ticket dated in (or before) a closed period of its till or its store is refused; the
    -- message names the ticket's business day in the closing's time zone (DETAIL, read by the app).
    --
    -- The ticket holds its till's advisory lock (shared) until it commits; a closing takes it
    -- exclusively: a ticket in flight when a closing starts is in its figures, one that comes
    -- after waits for the closing and then meets it here (each statement of this function sees
    -- what was committed before it ran). Numbered by the server or from an offline block alike.
    CREATE FUNCTION pos_refuse_closed_sale() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      c record;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${TICKETS_LOCK}, NEW.terminal_id);
      SELECT kind, time_zone INTO c FROM closings
       WHERE store_id = NEW.store_id AND period_end > NEW.created_at
         AND (terminal_id = NEW.terminal_id OR terminal_id IS NULL)
       ORDER BY period_end DESC LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'the day % is closed for terminal %', (NEW.created_at AT TIME ZONE c.time_zone)::date, NEW.terminal_id
          USING ERRCODE = '${CLOSED_PERIOD}', DETAIL = ((NEW.created_at AT TIME ZONE c.time_zone)::date)::text;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER sales_not_in_closed_period BEFORE INSERT ON sales FOR EACH ROW EXECUTE FUNCTION pos_refuse_closed_sale();

    -- The tills read and add (they make closings and the key at first need); nobody else reads.
    REVOKE ALL ON store_keys, closings FROM PUBLIC;
    GRANT SELECT, INSERT ON store_keys, closings TO pos_till;
    GRANT USAGE, SELECT ON SEQUENCE closings_id_seq TO pos_till;
  `);
  // A key for each store there already is; a store made later gets one at its first need.
  const stores = (await knex('stores').pluck('id')) as number[];
  for (const id of stores) await knex('store_keys').insert({ store_id: id, ...newStoreKey() }).onConflict('store_id').ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      IF EXISTS (SELECT FROM closings) THEN
        RAISE EXCEPTION 'closings exist: fiscal records are never dropped by a migration';
      END IF;
    END $$;
    DROP TRIGGER sales_not_in_closed_period ON sales;
    DROP INDEX sales_terminal_created;
    DROP FUNCTION pos_refuse_closed_sale();
    DROP TABLE closings;
    -- A store key goes with its table only when nothing was signed with it (checked above).
    DROP TABLE store_keys;
    DROP FUNCTION pos_closings_frozen();
  `);
}

import type { Knex } from 'knex';

// What every till must know (a stock figure moved, a price changed, a code blocked) is a row of
// `events`, written in the same transaction as the change. NOTIFY only wakes the tills: it is
// sent once per transaction (a statement trigger; PostgreSQL folds the same payload sent again
// in one transaction into one), and a till then reads every event it has not seen. An event
// that changes nothing on a till's screen (a figure that is not low, and was not) is written
// with `wake` off: read at the next wake-up, it sends none of its own. Notifying commits queue
// one behind the other (PostgreSQL holds a lock through each one's commit, to keep the queue
// in commit order): only what a till shows pays for it.
//
// Event ids come from a sequence, and transactions commit in another order than they took
// their ids: a reader that kept "the last id seen" would step over an id that commits later.
// Each row keeps its transaction's id (xid8) instead, and readers go by it: every transaction
// below the oldest one still running is finished, so what a reader has read below that mark is
// all there will ever be (src/data/events.ts).

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      kind text NOT NULL CONSTRAINT events_kind CHECK (kind IN ('stock', 'item', 'voucher', 'coupon', 'giftcard', 'keys')),
      -- The store concerned; none: every store.
      store_id integer REFERENCES stores (id),
      -- What changed: an item's id, a code…
      subject text NOT NULL CONSTRAINT events_subject CHECK (subject <> '' AND length(subject) <= 100),
      data jsonb NOT NULL DEFAULT '{}',
      -- Whether its transaction wakes the tills (see above).
      wake boolean NOT NULL DEFAULT true,
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX events_xid ON events (xid, id);
    -- Read, never rewritten; old ones may be deleted once every till is past them.
    CREATE TRIGGER events_frozen BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION pos_refuse_ledger_change();

    CREATE FUNCTION pos_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM added WHERE wake) THEN
        PERFORM pg_notify('pos_events', '');
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_notify AFTER INSERT ON events REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pos_events_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE events; DROP FUNCTION pos_events_notify();');
}

import type { Knex } from 'knex';
import { TICKETS_LOCK, CLOSED_PERIOD } from './20261208110000_closings';

// Training mode ("mode école", issue 14). A till is switched into it by a manager
// (terminals.training_mode, through pos_training_switch: the switch and its event in the till's
// technical journal together). A ticket made in training mode is marked so (sales.training):
// the till says it for the one transaction of the sale (set_config('pos.training', 'on', true)),
// the column's default reads it, so the commit function is not touched and an older till's
// sales stay real. A training ticket is sealed in a chain of its own ('training'), is counted by
// no closing or report, and may be made after its day's Z (it is in no period). Nothing marks a
// real ticket as training afterwards: sales refuse UPDATE, and `pos verify` names a ticket whose
// mark does not agree with the chain it is sealed in.

const OWN_PATH = 'SET search_path = public, pg_temp';

/** The seal of a ticket, in the chain `chain` names. */
export const sealTicketSelect = (chain: string) =>
  `SELECT pos_seal_append(${chain}, s.terminal_id, 1, s.id, pos_ticket_record_v1(s.id, origins)) FROM sales s WHERE s.id = sale`;

/** Training tickets are sealed in a chain of their own. */
export const TICKET_CHAIN = "CASE WHEN s.training THEN 'training' ELSE 'ticket' END";

const SEAL_TICKET = (chain: string) => `
  CREATE OR REPLACE FUNCTION pos_seal_ticket(sale bigint, origins jsonb) RETURNS text LANGUAGE sql ${OWN_PATH} AS $$
    ${sealTicketSelect(chain)}
  $$;`;

const REFUSE_CLOSED = (training: boolean) => `
  CREATE OR REPLACE FUNCTION pos_refuse_closed_sale() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    c record;
  BEGIN
    ${training ? '-- A training ticket belongs to no period: closings never count it.\n    IF NEW.training THEN RETURN NEW; END IF;' : ''}
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
  END $$;`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE terminals ADD COLUMN training_mode boolean NOT NULL DEFAULT false;
    -- Existing tickets are real (a constant default: no rewrite); new ones read the sale's setting.
    ALTER TABLE sales ADD COLUMN training boolean NOT NULL DEFAULT false;
    ALTER TABLE sales ALTER COLUMN training SET DEFAULT (coalesce(current_setting('pos.training', true), '') = 'on');
    ${SEAL_TICKET(TICKET_CHAIN)}
    ${REFUSE_CLOSED(true)}

    -- The switch and its journal event, in one: answers the event's seal.
    CREATE FUNCTION pos_training_switch(terminal integer, mode boolean, operator integer) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER ${OWN_PATH} AS $$
    DECLARE
      was boolean;
    BEGIN
      SELECT training_mode INTO was FROM terminals WHERE id = terminal FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no terminal %', terminal USING ERRCODE = 'P0002';
      END IF;
      IF was = mode THEN
        RETURN jsonb_build_object('changed', false);
      END IF;
      UPDATE terminals SET training_mode = mode WHERE id = terminal;
      RETURN jsonb_build_object('changed', true, 'event',
        pos_journal(terminal, CASE WHEN mode THEN 'training_on' ELSE 'training_off' END, operator, NULL, jsonb_build_object('training', mode)));
    END $$;
    REVOKE EXECUTE ON FUNCTION pos_training_switch(integer, boolean, integer) FROM PUBLIC;
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN
        GRANT EXECUTE ON FUNCTION pos_training_switch(integer, boolean, integer) TO pos_till;
      END IF;
    END $$;
    CREATE INDEX sales_training ON sales (terminal_id) WHERE training;
  `);
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the mark would make every training ticket a real one: refused once there is one.
  const { rows } = await knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM sales WHERE training');
  if (rows[0]!.n > 0) throw new Error(`training tickets exist (${rows[0]!.n}): the training mode's migration does not go down`);
  await knex.raw(`
    DROP FUNCTION pos_training_switch(integer, boolean, integer);
    ${SEAL_TICKET("'ticket'")}
    ${REFUSE_CLOSED(false)}
    DROP INDEX sales_training;
    ALTER TABLE sales DROP COLUMN training;
    ALTER TABLE terminals DROP COLUMN training_mode;
  `);
}

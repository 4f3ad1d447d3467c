import type { Knex } from 'knex';

// Stores and tills managed from the till (`pos store`, `pos terminal`, the back office) instead
// of by SQL.
//
// What a receipt prints at its top stays `stores.address` (read by pos_commit_sale, the ticket
// query and the offline journal, unchanged): it becomes a generated column made of the postal
// address, the SIRET and the store's own header lines, so the store's settings reach every
// receipt without touching the code that prints them.
//
// A retired till keeps its tickets and sells no more: the database refuses a ticket of it sold
// after its retirement (a sale made offline before it, replayed later, still goes in). Retiring
// is for good: a till's code and numbering are never handed to another machine.

/** The SQLSTATE of a sale refused because its till is retired (the app says it in one line). */
export const TILL_RETIRED = 'P0T01';

export const minTillVersion = '0.1.0';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE stores RENAME COLUMN address TO postal_address;
    ALTER TABLE stores
      ADD COLUMN siret text,
      ADD COLUMN time_zone text,
      ADD COLUMN receipt_header text[] NOT NULL DEFAULT '{}',
      ADD COLUMN receipt_footer text[] NOT NULL DEFAULT '{}',
      ADD CONSTRAINT stores_siret_digits CHECK (siret ~ '^[0-9]{14}$'),
      ADD CONSTRAINT stores_name_present CHECK (btrim(name) <> '');
    ALTER TABLE stores ADD COLUMN address text[] GENERATED ALWAYS AS (
      postal_address
      || CASE WHEN siret IS NULL THEN '{}'::text[]
              ELSE ARRAY['SIRET ' || substr(siret, 1, 3) || ' ' || substr(siret, 4, 3) || ' ' || substr(siret, 7, 3) || ' ' || substr(siret, 10, 5)] END
      || receipt_header) STORED;

    ALTER TABLE terminals
      ADD COLUMN retired_at timestamptz,
      ADD COLUMN devices jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT terminals_code_format CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
      ADD CONSTRAINT terminals_name_present CHECK (btrim(name) <> '');

    CREATE FUNCTION pos_terminal_retired_stays() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.retired_at IS NOT NULL AND NEW.retired_at IS DISTINCT FROM OLD.retired_at THEN
        RAISE EXCEPTION 'till % is retired for good', OLD.code USING ERRCODE = '${TILL_RETIRED}';
      END IF;
      IF NEW.store_id <> OLD.store_id AND EXISTS (SELECT 1 FROM sales WHERE terminal_id = OLD.id) THEN
        RAISE EXCEPTION 'till % has tickets in its store: it does not move to another', OLD.code USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER terminals_retired_stays BEFORE UPDATE ON terminals FOR EACH ROW EXECUTE FUNCTION pos_terminal_retired_stays();

    CREATE FUNCTION pos_sale_till_active() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      t record;
    BEGIN
      SELECT code, retired_at INTO t FROM terminals WHERE id = NEW.terminal_id;
      IF t.retired_at IS NOT NULL AND NEW.created_at >= t.retired_at THEN
        RAISE EXCEPTION 'till % is retired since %: it sells no more', t.code, t.retired_at USING ERRCODE = '${TILL_RETIRED}';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER sales_till_active BEFORE INSERT ON sales FOR EACH ROW EXECUTE FUNCTION pos_sale_till_active();

    GRANT INSERT (code, name, postal_address, siret, time_zone, receipt_header, receipt_footer) ON stores TO pos_till;
    GRANT UPDATE (name, postal_address, siret, time_zone, receipt_header, receipt_footer) ON stores TO pos_till;
    GRANT INSERT (code, store_id, name, devices) ON terminals TO pos_till;
    GRANT UPDATE (name, store_id, devices, retired_at) ON terminals TO pos_till;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    REVOKE INSERT, UPDATE ON stores FROM pos_till;
    REVOKE INSERT, UPDATE ON terminals FROM pos_till;
    DROP TRIGGER sales_till_active ON sales;
    DROP FUNCTION pos_sale_till_active();
    DROP TRIGGER terminals_retired_stays ON terminals;
    DROP FUNCTION pos_terminal_retired_stays();
    ALTER TABLE terminals DROP COLUMN retired_at, DROP COLUMN devices, DROP COLUMN created_at,
      DROP CONSTRAINT terminals_code_format, DROP CONSTRAINT terminals_name_present;
    -- What receipts printed stays printed: the SIRET and header lines go back into the address.
    ALTER TABLE stores DROP COLUMN address;
    UPDATE stores SET postal_address = postal_address
      || CASE WHEN siret IS NULL THEN '{}'::text[]
              ELSE ARRAY['SIRET ' || substr(siret, 1, 3) || ' ' || substr(siret, 4, 3) || ' ' || substr(siret, 7, 3) || ' ' || substr(siret, 10, 5)] END
      || receipt_header;
    ALTER TABLE stores DROP COLUMN siret, DROP COLUMN time_zone, DROP COLUMN receipt_header, DROP COLUMN receipt_footer,
      DROP CONSTRAINT stores_name_present;
    ALTER TABLE stores RENAME COLUMN postal_address TO address;
  `);
}

import type { Knex } from 'knex';

// What a customer record needs beyond the first table: the history of their loyalty cards (a
// replaced card's code is refused, never given to anyone again), a standing discount of their
// own or of their group, codes for customers made without a card, and indexes for the
// back-room search (by name in order, by the start of a phone number or an e-mail address).

// Every code a customer was ever known by is kept here, so that the primary key refuses a code
// given before: the triggers follow customers.code whatever writes it (the till, an import).
const CARD_TRIGGERS = `
  CREATE FUNCTION pos_customer_cards_added() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO customer_cards (code, customer_id) SELECT code, id FROM added;
    RETURN NULL;
  END $$;
  CREATE TRIGGER customers_cards_added AFTER INSERT ON customers
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pos_customer_cards_added();

  CREATE FUNCTION pos_customer_card_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE customer_cards SET retired_at = now() WHERE code = OLD.code AND retired_at IS NULL;
    INSERT INTO customer_cards (code, customer_id) VALUES (NEW.code, NEW.id);
    RETURN NULL;
  END $$;
  CREATE TRIGGER customers_card_changed AFTER UPDATE OF code ON customers
    FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION pos_customer_card_changed();`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE customer_cards (
      code text PRIMARY KEY,
      customer_id integer NOT NULL REFERENCES customers (id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz
    );
    CREATE UNIQUE INDEX customer_cards_current ON customer_cards (customer_id) WHERE retired_at IS NULL;
    INSERT INTO customer_cards (code, customer_id, assigned_at) SELECT code, id, created_at FROM customers;
    ${CARD_TRIGGERS}

    -- "C0000042": the code of a customer made without a card, until one is given.
    CREATE SEQUENCE customer_code_seq;

    ALTER TABLE customers ADD COLUMN discount_bp integer
      CONSTRAINT customers_discount_range CHECK (discount_bp BETWEEN 1 AND 10000);
    ALTER TABLE customer_groups ADD COLUMN discount_bp integer
      CONSTRAINT customer_groups_discount_range CHECK (discount_bp BETWEEN 1 AND 10000);

    CREATE INDEX customers_name_order ON customers (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, '')), id);
    CREATE INDEX customers_phone_prefix ON customers (phone text_pattern_ops) WHERE phone IS NOT NULL;
    CREATE INDEX customers_email_prefix ON customers (lower(email) text_pattern_ops) WHERE email IS NOT NULL;
    CREATE INDEX customers_group ON customers (group_id) WHERE group_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX customers_group;
    DROP INDEX customers_email_prefix;
    DROP INDEX customers_phone_prefix;
    DROP INDEX customers_name_order;
    ALTER TABLE customer_groups DROP COLUMN discount_bp;
    ALTER TABLE customers DROP COLUMN discount_bp;
    DROP SEQUENCE customer_code_seq;
    DROP TRIGGER customers_card_changed ON customers;
    DROP TRIGGER customers_cards_added ON customers;
    DROP FUNCTION pos_customer_card_changed();
    DROP FUNCTION pos_customer_cards_added();
    DROP TABLE customer_cards;
  `);
}

import type { Knex } from 'knex';

// Discount coupons (bons de réduction): numbering schemes, definitions and the stores that may
// grant them, codes, and the use of each code by a sale.
//
// A code's text is unique among live codes (inactive and active); a blocked code keeps its text
// and gives it up, so the text can be given again. One unique index on (code, retired_id), where
// retired_id is 0 for a live code and the code's own id once blocked, says exactly that and also
// finds any code by its text (the till's look-up among a million codes).
//
// Limits hold under concurrency with one counter row per code and scope (global, a store, a
// customer), raised by a conditional upsert in the sale's transaction: a second till wanting the
// last use waits for the first one's commit and then finds nothing left.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE coupon_numbering_schemes (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
      name text NOT NULL CHECK (btrim(name) <> ''),
      pattern text NOT NULL,
      -- Every code the pattern makes matches it: how the till tells an unknown code from a name.
      match_regex text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      next_no bigint NOT NULL DEFAULT 1 CHECK (next_no >= 1)
    );

    CREATE TABLE coupon_definitions (
      id serial PRIMARY KEY,
      symbol text NOT NULL UNIQUE CHECK (symbol ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
      name text NOT NULL CHECK (btrim(name) <> ''),
      numbering_scheme_id integer REFERENCES coupon_numbering_schemes (id),
      discount_type text NOT NULL CHECK (discount_type IN ('ticket', 'customer', 'customer_group', 'bundle', 'threshold')),
      -- The discount engine's input (value, target, threshold, bundle): checked by the domain.
      discount jsonb NOT NULL,
      holder text NOT NULL CHECK (holder IN ('none', 'customer', 'group')),
      customer_rule text NOT NULL CHECK (customer_rule IN ('optional', 'required', 'matching')),
      limit_scope text CHECK (limit_scope IN ('global', 'store', 'customer')),
      limit_max integer CHECK (limit_max BETWEEN 1 AND 1000000),
      valid_from date,
      valid_until date,
      schedule jsonb NOT NULL DEFAULT '[]',
      exclusive boolean NOT NULL DEFAULT false,
      conditions text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      -- Codes made from the symbol: 0 gives the symbol itself, then REMISE1, REMISE2…
      next_code_no bigint NOT NULL DEFAULT 0 CHECK (next_code_no >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT coupon_definitions_limit CHECK ((limit_scope IS NULL) = (limit_max IS NULL)),
      CONSTRAINT coupon_definitions_dates CHECK (valid_from <= valid_until),
      CONSTRAINT coupon_definitions_customer_limit CHECK (limit_scope IS DISTINCT FROM 'customer' OR customer_rule <> 'optional')
    );

    -- The stores that may grant a coupon (the e-shop is a store); none listed: every store.
    CREATE TABLE coupon_definition_stores (
      definition_id integer NOT NULL REFERENCES coupon_definitions (id) ON DELETE CASCADE,
      store_id integer NOT NULL REFERENCES stores (id),
      PRIMARY KEY (definition_id, store_id)
    );

    CREATE TABLE coupon_codes (
      id bigserial PRIMARY KEY,
      definition_id integer NOT NULL REFERENCES coupon_definitions (id),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
      valid_from date,
      valid_until date,
      status text NOT NULL DEFAULT 'inactive' CHECK (status IN ('inactive', 'active', 'blocked')),
      customer_id integer REFERENCES customers (id),
      group_id integer REFERENCES customer_groups (id),
      source text NOT NULL CHECK (source IN ('manual', 'import', 'sale')),
      source_sale_id bigint REFERENCES sales (id),
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_id bigint GENERATED ALWAYS AS (CASE WHEN status = 'blocked' THEN id ELSE 0 END) STORED,
      CONSTRAINT coupon_codes_one_holder CHECK (customer_id IS NULL OR group_id IS NULL),
      CONSTRAINT coupon_codes_sale_source CHECK ((source = 'sale') = (source_sale_id IS NOT NULL)),
      CONSTRAINT coupon_codes_dates CHECK (valid_from <= valid_until),
      CONSTRAINT coupon_codes_live_unique UNIQUE (code, retired_id)
    );
    CREATE INDEX coupon_codes_definition ON coupon_codes (definition_id, id);
    CREATE INDEX coupon_codes_customer ON coupon_codes (customer_id) WHERE customer_id IS NOT NULL;
    CREATE INDEX coupon_codes_source_sale ON coupon_codes (source_sale_id) WHERE source_sale_id IS NOT NULL;

    -- The usage log ("Utilisations"): one row per code a sale used, never changed.
    CREATE TABLE coupon_uses (
      id bigserial PRIMARY KEY,
      code_id bigint NOT NULL REFERENCES coupon_codes (id),
      sale_id bigint NOT NULL REFERENCES sales (id),
      store_id integer NOT NULL REFERENCES stores (id),
      terminal_id integer NOT NULL REFERENCES terminals (id),
      operator_id integer NOT NULL REFERENCES operators (id),
      customer_id integer REFERENCES customers (id),
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      used_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT coupon_uses_once_a_sale UNIQUE (code_id, sale_id)
    );
    CREATE INDEX coupon_uses_sale ON coupon_uses (sale_id);
    CREATE TRIGGER coupon_uses_frozen BEFORE UPDATE OR DELETE ON coupon_uses FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();

    -- Uses counted against a code's limit, per scope: '' for global, the store's or the customer's id.
    CREATE TABLE coupon_use_counts (
      code_id bigint NOT NULL REFERENCES coupon_codes (id),
      scope text NOT NULL CHECK (scope IN ('global', 'store', 'customer')),
      scope_key text NOT NULL,
      uses integer NOT NULL CHECK (uses >= 1),
      PRIMARY KEY (code_id, scope, scope_key)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE coupon_use_counts;
    DROP TABLE coupon_uses;
    DROP TABLE coupon_codes;
    DROP TABLE coupon_definition_stores;
    DROP TABLE coupon_definitions;
    DROP TABLE coupon_numbering_schemes;
  `);
}

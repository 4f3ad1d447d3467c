import type { Knex } from 'knex';

// The loyalty program: what earns points (an amount per item, a rate per euro), whether visits
// are counted, when points expire, and the rewards a balance unlocks. Each customer's points
// and visits are cached balances guarded by CHECKs, with an append-only ledger of every
// movement: earned by a sale, taken back by a return, spent on a reward, expired, adjusted.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION pos_refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ledger rows are never changed (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
    END $$;

    ALTER TABLE items ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0
      CONSTRAINT items_loyalty_points_range CHECK (loyalty_points BETWEEN 0 AND 100000);

    -- One row: the shop's program, read by every till at commit.
    CREATE TABLE loyalty_settings (
      id boolean PRIMARY KEY DEFAULT true CONSTRAINT loyalty_settings_one_row CHECK (id),
      points_per_euro integer NOT NULL DEFAULT 1 CONSTRAINT loyalty_settings_points_per_euro CHECK (points_per_euro BETWEEN 0 AND 1000),
      count_visits boolean NOT NULL DEFAULT true,
      points_expire_months integer CONSTRAINT loyalty_settings_expiry CHECK (points_expire_months BETWEEN 1 AND 120),
      -- Loyalty cards bought printed carry codes that start alike: an unknown code that starts
      -- so is an unknown card (said as such), not an unknown item.
      card_prefix text CONSTRAINT loyalty_settings_card_prefix CHECK (card_prefix ~ '^[A-Z0-9_-]{1,10}$'),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO loyalty_settings DEFAULT VALUES;

    CREATE TABLE loyalty_rewards (
      id serial PRIMARY KEY,
      name text NOT NULL CONSTRAINT loyalty_rewards_named CHECK (btrim(name) <> '' AND length(name) <= 40),
      unit text NOT NULL CONSTRAINT loyalty_rewards_unit CHECK (unit IN ('points', 'visits')),
      -- The threshold is what the reward costs: reached when the balance is at least this.
      cost integer NOT NULL CONSTRAINT loyalty_rewards_cost CHECK (cost BETWEEN 1 AND 1000000),
      kind text NOT NULL CONSTRAINT loyalty_rewards_kind CHECK (kind IN ('amount', 'percent', 'item')),
      amount_cents bigint CONSTRAINT loyalty_rewards_amount CHECK (amount_cents BETWEEN 1 AND 9999999999),
      percent_bp integer CONSTRAINT loyalty_rewards_percent CHECK (percent_bp BETWEEN 1 AND 10000),
      item_id integer REFERENCES items (id),
      automatic boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT loyalty_rewards_what CHECK (
        (kind = 'amount') = (amount_cents IS NOT NULL) AND
        (kind = 'percent') = (percent_bp IS NOT NULL) AND
        (kind = 'item') = (item_id IS NOT NULL))
    );

    CREATE TABLE loyalty_balances (
      customer_id integer PRIMARY KEY REFERENCES customers (id),
      points integer NOT NULL DEFAULT 0 CONSTRAINT loyalty_balances_points CHECK (points >= 0),
      visits integer NOT NULL DEFAULT 0 CONSTRAINT loyalty_balances_visits CHECK (visits >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE loyalty_movements (
      id bigserial PRIMARY KEY,
      customer_id integer NOT NULL REFERENCES customers (id),
      unit text NOT NULL CONSTRAINT loyalty_movements_unit CHECK (unit IN ('points', 'visits')),
      kind text NOT NULL CONSTRAINT loyalty_movements_kind CHECK (kind IN ('earn', 'return', 'spend', 'expire', 'adjust')),
      amount integer NOT NULL,
      balance_after integer NOT NULL CONSTRAINT loyalty_movements_balance CHECK (balance_after >= 0),
      sale_id bigint REFERENCES sales (id),
      reward_id integer REFERENCES loyalty_rewards (id),
      store_id integer REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer REFERENCES operators (id),
      channel text NOT NULL DEFAULT 'store' CONSTRAINT loyalty_movements_channel CHECK (channel IN ('store', 'web', 'pickup', 'backoffice')),
      -- Points earned expire (when the program says so) at this time, unless spent before.
      expires_at timestamptz,
      note text,
      -- The time of the row itself, not of its transaction's start: taken under the balance's
      -- lock, so times (like ids) follow the order in which the balance moved.
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT loyalty_movements_sign CHECK (
        amount <> 0 AND
        (kind <> 'earn' OR amount > 0) AND
        (kind NOT IN ('return', 'spend', 'expire') OR amount < 0)),
      CONSTRAINT loyalty_movements_reward CHECK ((kind = 'spend') = (reward_id IS NOT NULL))
    );
    CREATE INDEX loyalty_movements_customer ON loyalty_movements (customer_id, id);
    CREATE INDEX loyalty_movements_sale ON loyalty_movements (sale_id) WHERE sale_id IS NOT NULL;
    CREATE TRIGGER loyalty_movements_frozen BEFORE UPDATE OR DELETE ON loyalty_movements FOR EACH ROW EXECUTE FUNCTION pos_refuse_ledger_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE loyalty_movements;
    DROP TABLE loyalty_balances;
    DROP TABLE loyalty_rewards;
    DROP TABLE loyalty_settings;
    ALTER TABLE items DROP COLUMN loyalty_points;
    DROP FUNCTION pos_refuse_ledger_change();
  `);
}

import type { Knex } from 'knex';

// Store-credit vouchers (bons d'achat): a balance the shop owes, spent in store, online or at
// pickup. The balance is a cached column guarded by CHECKs; every change of it is a row of an
// append-only ledger written by the same statement. Expiry and cancellation take the balance
// to zero through the ledger, so the liability at any instant is the sum of the ledger.
// API keys let the e-shop redeem vouchers over HTTP; only their SHA-256 is kept.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE api_keys (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,40}$'),
      key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
      -- The first characters of the key, to tell keys apart in a list.
      prefix text NOT NULL,
      store_id integer NOT NULL REFERENCES stores (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE vouchers (
      id bigserial PRIMARY KEY,
      code text NOT NULL,
      origin text NOT NULL,
      initial_cents bigint NOT NULL,
      balance_cents bigint NOT NULL,
      status text NOT NULL DEFAULT 'active',
      customer_id integer REFERENCES customers (id),
      store_id integer NOT NULL REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      sale_id bigint REFERENCES sales (id),
      issued_by integer REFERENCES operators (id),
      approved_by integer REFERENCES operators (id),
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_on date NOT NULL,
      expires_at timestamptz NOT NULL,
      closed_at timestamptz,
      CONSTRAINT vouchers_code_unique UNIQUE (code),
      CONSTRAINT vouchers_code_shape CHECK (code ~ '^[2-9A-HJKMNP-Z]{14}$'),
      CONSTRAINT vouchers_origin CHECK (origin IN ('refund', 'trade_in', 'manual')),
      CONSTRAINT vouchers_initial CHECK (initial_cents > 0 AND initial_cents <= 9999999999),
      CONSTRAINT vouchers_balance CHECK (balance_cents >= 0 AND balance_cents <= initial_cents),
      CONSTRAINT vouchers_status CHECK (status IN ('active', 'used', 'expired', 'cancelled')),
      CONSTRAINT vouchers_status_balance CHECK ((status = 'active') = (balance_cents > 0)),
      CONSTRAINT vouchers_closed CHECK ((status = 'active') = (closed_at IS NULL)),
      CONSTRAINT vouchers_refund_ticket CHECK ((origin = 'refund') = (sale_id IS NOT NULL)),
      -- Only a return's refund is issued without a manager.
      CONSTRAINT vouchers_approved CHECK (origin = 'refund' OR approved_by IS NOT NULL),
      CONSTRAINT vouchers_expiry CHECK (expires_at > created_at)
    );
    CREATE INDEX vouchers_customer ON vouchers (customer_id, created_at) WHERE customer_id IS NOT NULL;
    CREATE INDEX vouchers_created_at ON vouchers (created_at);
    CREATE INDEX vouchers_expiring ON vouchers (expires_at) WHERE status = 'active';

    CREATE TABLE voucher_movements (
      id bigserial PRIMARY KEY,
      voucher_id bigint NOT NULL REFERENCES vouchers (id),
      kind text NOT NULL,
      amount_cents bigint NOT NULL,
      balance_after_cents bigint NOT NULL,
      channel text,
      store_id integer REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer REFERENCES operators (id),
      sale_id bigint REFERENCES sales (id),
      order_ref text,
      api_key_id integer REFERENCES api_keys (id),
      idempotency_key text,
      note text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT voucher_movements_kind CHECK (kind IN ('issue', 'use', 'cancel', 'expire')),
      CONSTRAINT voucher_movements_sign CHECK ((kind = 'issue') = (amount_cents > 0) AND amount_cents <> 0),
      CONSTRAINT voucher_movements_balance CHECK (balance_after_cents >= 0),
      CONSTRAINT voucher_movements_channel CHECK ((kind = 'use') = (channel IS NOT NULL) AND channel IN ('store', 'web', 'pickup')),
      -- A use names what it paid for: a ticket, or the e-shop's order.
      CONSTRAINT voucher_movements_use_ref CHECK (kind <> 'use' OR sale_id IS NOT NULL OR order_ref IS NOT NULL),
      CONSTRAINT voucher_movements_key_unique UNIQUE (idempotency_key)
    );
    CREATE INDEX voucher_movements_voucher ON voucher_movements (voucher_id, id);
    CREATE INDEX voucher_movements_sale ON voucher_movements (sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX voucher_movements_at ON voucher_movements (at);
    CREATE TRIGGER voucher_movements_frozen BEFORE UPDATE OR DELETE ON voucher_movements
      FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE voucher_movements; DROP TABLE vouchers; DROP TABLE api_keys;');
}

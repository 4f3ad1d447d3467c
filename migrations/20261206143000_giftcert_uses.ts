import type { Knex } from 'knex';

// E-shop gift certificates (BigCommerce) as a tender. Their balance lives at the provider,
// which has no conditional debit and keeps no history of in-store uses: this ledger is the
// shop's record of each one. A use starts with its `debit` row, written BEFORE the provider is
// asked to lower the balance; every later row names it (use_id): the outcome (`debited` with
// the balance read back, or `not_debited`), the ticket it paid (`sale`, in the sale's own
// transaction), a compensation announced (`recredit`) and its outcome (`recredited`,
// `not_recredited`). A use whose announced write has no outcome is one whose till died or lost
// the answer: `pos giftcert pending` lists it. Append-only, like every ledger.
//
// The code is a bearer instrument (anyone who knows it can spend it online): only its SHA-256
// and its last four characters are kept.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE giftcert_uses (
      id bigserial PRIMARY KEY,
      use_id bigint REFERENCES giftcert_uses (id),
      kind text NOT NULL,
      provider text,
      certificate_id text,
      code_hash text,
      code_last4 text,
      amount_cents bigint,
      -- As read just before the write, what was written, and as read back after it.
      balance_before_cents bigint,
      balance_written_cents bigint,
      balance_after_cents bigint,
      -- The balance read back is not the one written: someone used the certificate meanwhile.
      mismatch boolean,
      reason text,
      sale_key text,
      sale_id bigint REFERENCES sales (id),
      store_id integer NOT NULL REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer REFERENCES operators (id),
      at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT giftcert_uses_kind CHECK (kind IN ('debit', 'debited', 'not_debited', 'sale', 'recredit', 'recredited', 'not_recredited')),
      CONSTRAINT giftcert_uses_head CHECK ((kind = 'debit') = (use_id IS NULL)),
      CONSTRAINT giftcert_uses_certificate CHECK ((kind = 'debit') = (provider IS NOT NULL AND certificate_id IS NOT NULL AND code_hash IS NOT NULL AND code_last4 IS NOT NULL)),
      CONSTRAINT giftcert_uses_code_hash CHECK (code_hash ~ '^[0-9a-f]{64}$' AND length(code_last4) BETWEEN 1 AND 4),
      CONSTRAINT giftcert_uses_write CHECK ((kind IN ('debit', 'recredit')) = (amount_cents IS NOT NULL AND balance_before_cents IS NOT NULL AND balance_written_cents IS NOT NULL)),
      CONSTRAINT giftcert_uses_amount CHECK (amount_cents > 0 AND amount_cents <= 9999999999),
      CONSTRAINT giftcert_uses_balances CHECK (balance_before_cents >= 0 AND balance_written_cents >= 0 AND balance_after_cents >= 0),
      CONSTRAINT giftcert_uses_written CHECK (
        (kind <> 'debit' OR balance_written_cents = balance_before_cents - amount_cents) AND
        (kind <> 'recredit' OR balance_written_cents = balance_before_cents + amount_cents)),
      CONSTRAINT giftcert_uses_read_back CHECK ((kind IN ('debited', 'recredited')) OR (balance_after_cents IS NULL AND mismatch IS NULL)),
      CONSTRAINT giftcert_uses_mismatch CHECK ((mismatch IS NULL) = (balance_after_cents IS NULL)),
      CONSTRAINT giftcert_uses_sale CHECK ((kind = 'sale') = (sale_id IS NOT NULL))
    );
    -- One outcome per debit, one ticket per debit, one compensation that took place.
    CREATE UNIQUE INDEX giftcert_uses_outcome ON giftcert_uses (use_id) WHERE kind IN ('debited', 'not_debited');
    CREATE UNIQUE INDEX giftcert_uses_ticket ON giftcert_uses (use_id) WHERE kind = 'sale';
    CREATE UNIQUE INDEX giftcert_uses_recredited ON giftcert_uses (use_id) WHERE kind = 'recredited';
    CREATE INDEX giftcert_uses_rows ON giftcert_uses (use_id, id) WHERE use_id IS NOT NULL;
    CREATE INDEX giftcert_uses_code ON giftcert_uses (code_hash, id) WHERE kind = 'debit';
    CREATE INDEX giftcert_uses_sale_id ON giftcert_uses (sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX giftcert_uses_at ON giftcert_uses (at);
    CREATE TRIGGER giftcert_uses_frozen BEFORE UPDATE OR DELETE ON giftcert_uses
      FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();

    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_kind;
    ALTER TABLE sale_tenders ADD CONSTRAINT sale_tenders_kind CHECK (kind IN ('cash', 'card', 'voucher', 'gift_card', 'account', 'giftcert'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_kind;
    ALTER TABLE sale_tenders ADD CONSTRAINT sale_tenders_kind CHECK (kind IN ('cash', 'card', 'voucher', 'gift_card', 'account'));
    DROP TABLE giftcert_uses;
  `);
}

import type { Knex } from 'knex';

// Customer accounts (comptes clients): money the shop owes a customer (a positive balance:
// credit notes from returns, payments made in advance) or is owed by them (negative, down to
// their overdraft limit: sales paid "on the account", settled at the end of the month). The
// balance is cached under a CHECK that holds it within the limit; every change is a row of
// the append-only ledger.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE customer_accounts (
      customer_id integer PRIMARY KEY REFERENCES customers (id),
      balance_cents bigint NOT NULL DEFAULT 0,
      overdraft_limit_cents bigint NOT NULL DEFAULT 0
        CONSTRAINT customer_accounts_limit_range CHECK (overdraft_limit_cents BETWEEN 0 AND 9999999999),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT customer_accounts_within_limit CHECK (balance_cents >= -overdraft_limit_cents)
    );

    CREATE TABLE account_movements (
      id bigserial PRIMARY KEY,
      customer_id integer NOT NULL REFERENCES customers (id),
      -- sale: a sale paid by the account (−); credit_note: a return credited to it (+);
      -- payment: money paid onto it (+); adjust: a manager's correction (±).
      kind text NOT NULL CONSTRAINT account_movements_kind CHECK (kind IN ('sale', 'credit_note', 'payment', 'adjust')),
      amount_cents bigint NOT NULL,
      balance_after_cents bigint NOT NULL,
      sale_id bigint REFERENCES sales (id),
      -- How a payment was made (cash, card, cheque, transfer).
      method text CONSTRAINT account_movements_method CHECK (method IN ('cash', 'card', 'cheque', 'transfer')),
      store_id integer REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer REFERENCES operators (id),
      channel text NOT NULL DEFAULT 'store' CONSTRAINT account_movements_channel CHECK (channel IN ('store', 'web', 'pickup', 'backoffice')),
      note text,
      -- The time of the row itself, not of its transaction's start: taken under the balance's
      -- lock, so times (like ids) follow the order in which the balance moved.
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT account_movements_sign CHECK (
        amount_cents <> 0 AND
        (kind <> 'sale' OR amount_cents < 0) AND
        (kind NOT IN ('credit_note', 'payment') OR amount_cents > 0)),
      CONSTRAINT account_movements_sale CHECK ((kind IN ('sale', 'credit_note')) = (sale_id IS NOT NULL)),
      CONSTRAINT account_movements_method_given CHECK ((kind = 'payment') = (method IS NOT NULL))
    );
    CREATE INDEX account_movements_customer ON account_movements (customer_id, created_at, id);
    CREATE INDEX account_movements_sale ON account_movements (sale_id) WHERE sale_id IS NOT NULL;
    CREATE TRIGGER account_movements_frozen BEFORE UPDATE OR DELETE ON account_movements FOR EACH ROW EXECUTE FUNCTION pos_refuse_ledger_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE account_movements;
    DROP TABLE customer_accounts;
  `);
}

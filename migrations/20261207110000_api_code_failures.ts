import type { Knex } from 'knex';

// Each failed code look-up of the e-shop API (an unknown, mistyped or out-of-store voucher or
// gift card code), kept as the audit trail of guessing and read back to limit it: the rows of
// the last window, per API key and per client address, decide a 429. Kept in PostgreSQL so
// several `pos serve` processes on one database share the count. Rows are only ever added.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE api_code_failures (
      id bigserial PRIMARY KEY,
      api_key_id integer NOT NULL REFERENCES api_keys(id),
      client_addr text NOT NULL CHECK (length(client_addr) <= 64),
      route text NOT NULL CHECK (length(route) <= 40),
      reason text NOT NULL CHECK (length(reason) <= 40),
      -- Enough to tell a typo from a sweep, not enough to be a code.
      code_hint text NOT NULL CHECK (length(code_hint) <= 8),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX api_code_failures_key_at ON api_code_failures (api_key_id, at);
    CREATE INDEX api_code_failures_addr_at ON api_code_failures (client_addr, at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE api_code_failures');
}

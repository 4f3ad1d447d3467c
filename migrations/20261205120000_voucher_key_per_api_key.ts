import type { Knex } from 'knex';

// An idempotency key is the caller's: two e-shops (two API keys) may well draw the same one,
// and each must get its own redemption rather than the other's answer. The key is unique per
// API key; uses made without one (the CLI) share one scope, 0.
// Vouchers are searched by the beginning of their code (`LIKE 'K7QM%'`): the unique index on
// the code follows the database's collation, which the planner cannot use for LIKE unless it is
// "C" (EXPLAIN on a C.UTF-8 server: a sequential scan); a text_pattern_ops index can.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE voucher_movements DROP CONSTRAINT voucher_movements_key_unique;
    CREATE UNIQUE INDEX voucher_movements_caller_key_unique ON voucher_movements (coalesce(api_key_id, 0), idempotency_key)
      WHERE idempotency_key IS NOT NULL;
    CREATE INDEX vouchers_code_prefix ON vouchers (code text_pattern_ops);
  `);
}

// Fails, rightly, once two API keys have used the same idempotency key: going back would merge them.
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX vouchers_code_prefix;
    DROP INDEX voucher_movements_caller_key_unique;
    ALTER TABLE voucher_movements ADD CONSTRAINT voucher_movements_key_unique UNIQUE (idempotency_key);
  `);
}

import type { Knex } from 'knex';

// The trigram index on the folded-name expression comes back: migration 20261122143000 took it
// away as superseded by the stored name_key, but the voucher search by customer name
// (src/data/vouchers.ts) still matches on the expression. Once it matches on c.name_key, this
// index can go.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX IF NOT EXISTS customers_name_trgm ON customers USING gin (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, '')) gin_trgm_ops)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS customers_name_trgm');
}

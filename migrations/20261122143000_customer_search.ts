import type { Knex } from 'knex';

// Customer search that stays fast among a million customers, whatever is typed. Results come
// in customer-number order (stable pages, keyset on id): a fragment many customers share is
// found by walking the ids through a covering index (the first page is reached after a few
// thousand entries), a rare one through the trigram index (few rows to sort). Name order was
// measured and set aside: a common fragment clustered late in the alphabet ("rou…") made the
// ordered walk read most of the index (≈ 60 ms at a million).

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- The folded name, stored: matched by LIKE without calling pos_fold() row after row.
    ALTER TABLE customers ADD COLUMN name_key text
      GENERATED ALWAYS AS (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, ''))) STORED;
    CREATE INDEX customers_name_key_trgm ON customers USING gin (name_key gin_trgm_ops);
    CREATE INDEX customers_by_number ON customers (id) INCLUDE (name_key, active, group_id);
    -- Superseded by the two above (the expression's trigram index, the name order).
    DROP INDEX customers_name_trgm;
    DROP INDEX customers_name_order;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX customers_name_order ON customers (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, '')), id);
    CREATE INDEX customers_name_trgm ON customers USING gin (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, '')) gin_trgm_ops);
    DROP INDEX customers_by_number;
    DROP INDEX customers_name_key_trgm;
    ALTER TABLE customers DROP COLUMN name_key;
  `);
}

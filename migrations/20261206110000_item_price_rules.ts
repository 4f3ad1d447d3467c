import type { Knex } from 'knex';

// French price rules of an item (src/domain/itemPriceRule.ts): `free`, `fixed` (prix unique /
// prix imposé: press, tobacco, stamps — no discount of any kind) or `capped` (the loi Lang's
// book price: at most `max_discount_bp` off the public price). Every item is free until marked.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE items
      ADD COLUMN price_rule text NOT NULL DEFAULT 'free',
      ADD COLUMN max_discount_bp integer,
      ADD CONSTRAINT items_price_rule CHECK (price_rule IN ('free', 'fixed', 'capped')),
      ADD CONSTRAINT items_price_rule_cap CHECK ((price_rule = 'capped') = (max_discount_bp IS NOT NULL) AND max_discount_bp BETWEEN 1 AND 9999);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE items
      DROP CONSTRAINT items_price_rule_cap,
      DROP CONSTRAINT items_price_rule,
      DROP COLUMN max_discount_bp,
      DROP COLUMN price_rule;
  `);
}

import type { Knex } from 'knex';

// The database's own bounds on amounts and names: the last guard behind the checks every entry
// path makes (src/domain/limits.ts, the catalog import). The shop's ceilings are configurable
// and may only be lower than these: a hundred million euros, the till's integer bound.
//
// A customer's standing discount now applies to returned items too (priced like a sale): on a
// ticket that takes items back, its adjustment is the discount given back, a negative amount.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE sale_adjustments
      DROP CONSTRAINT sale_adjustments_amount_cents_check,
      ADD CONSTRAINT sale_adjustments_amount CHECK (amount_cents <> 0 AND abs(amount_cents) <= 9999999999);
    ALTER TABLE sale_lines
      ADD CONSTRAINT sale_lines_bounds CHECK (unit_price_cents <= 9999999999 AND abs(total_cents) <= 9999999999);
    ALTER TABLE sales
      ADD CONSTRAINT sales_total_bound CHECK (abs(total_cents) <= 9999999999);
    -- Names printed on a 42-column receipt and shown on an 80-column screen: 80 characters at
    -- most, no control character. Items named before are kept as they are (NOT VALID) and held
    -- to it when changed.
    ALTER TABLE items
      ADD CONSTRAINT items_name_shape CHECK (length(name) <= 80 AND name !~ '[[:cntrl:]]') NOT VALID;
  `);
}

// Back to positive adjustments only: the rows already written stay (NOT VALID), new ones are held to it.
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE items DROP CONSTRAINT items_name_shape;
    ALTER TABLE sales DROP CONSTRAINT sales_total_bound;
    ALTER TABLE sale_lines DROP CONSTRAINT sale_lines_bounds;
    ALTER TABLE sale_adjustments
      DROP CONSTRAINT sale_adjustments_amount,
      ADD CONSTRAINT sale_adjustments_amount_cents_check CHECK (amount_cents > 0) NOT VALID;
  `);
}

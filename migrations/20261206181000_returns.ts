import type { Knex } from 'knex';

// Returns against a ticket. Sold lines are frozen, so what has come back of each is counted
// beside them: `sale_line_returns` holds one row per line ever returned, its quantity bound by
// a CHECK to what was sold. The return adds to it with one INSERT … ON CONFLICT DO UPDATE,
// which locks the row: two tills returning the same line queue there, and the second one past
// what was sold fails the CHECK and rolls its whole ticket back. `sale_line_origins` links each
// returned line to the line it gives back, with what it was credited (written once, frozen).

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE sale_line_returns (
      sale_id bigint NOT NULL,
      line_no integer NOT NULL,
      sold_qty integer NOT NULL,
      returned_qty integer NOT NULL,
      sold_cents bigint NOT NULL,
      returned_cents bigint NOT NULL,
      PRIMARY KEY (sale_id, line_no),
      FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines (sale_id, line_no),
      CONSTRAINT sale_line_returns_sold CHECK (sold_qty > 0),
      CONSTRAINT sale_line_returns_qty CHECK (returned_qty BETWEEN 0 AND sold_qty),
      CONSTRAINT sale_line_returns_cents CHECK (returned_cents BETWEEN 0 AND sold_cents)
    );

    CREATE TABLE sale_line_origins (
      sale_id bigint NOT NULL,
      line_no integer NOT NULL,
      origin_sale_id bigint NOT NULL,
      origin_line_no integer NOT NULL,
      qty integer NOT NULL CHECK (qty > 0),
      credited_cents bigint NOT NULL CHECK (credited_cents >= 0),
      PRIMARY KEY (sale_id, line_no),
      FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines (sale_id, line_no),
      FOREIGN KEY (origin_sale_id, origin_line_no) REFERENCES sale_lines (sale_id, line_no)
    );
    CREATE INDEX sale_line_origins_origin ON sale_line_origins (origin_sale_id, origin_line_no);
    CREATE TRIGGER sale_line_origins_frozen BEFORE UPDATE OR DELETE ON sale_line_origins FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE sale_line_origins; DROP TABLE sale_line_returns;');
}

import type { Knex } from 'knex';

// `pos check` walks every ledger in its owners' order, by id, to verify each row's "balance
// after" against the row before it (src/app/check/ledgers.ts). An index on (owner, id) that
// also carries the amount and the balance after gives it those rows in that order from the
// index alone (an index-only scan): no sort of millions of rows, no visit to the table. The
// ledgers that had an (owner, id) index get it back with those columns included, under the
// same name; loyalty (walked per customer and unit) and accounts get one.

interface Walk {
  table: string;
  /** The index replaced, or null: a new one, named `name`. */
  replaces: string | null;
  name: string;
  keys: string;
  include: string;
}

const WALKS: Walk[] = [
  { table: 'voucher_movements', replaces: 'voucher_movements_voucher', name: 'voucher_movements_voucher', keys: 'voucher_id, id', include: 'amount_cents, balance_after_cents' },
  { table: 'gift_card_movements', replaces: 'gift_card_movements_card', name: 'gift_card_movements_card', keys: 'gift_card_id, id', include: 'amount_cents, balance_after_cents' },
  { table: 'stock_movements', replaces: 'stock_movements_item', name: 'stock_movements_item', keys: 'store_id, item_id, id', include: 'qty, qty_after' },
  { table: 'loyalty_movements', replaces: null, name: 'loyalty_movements_walk', keys: 'customer_id, unit, id', include: 'amount, balance_after' },
  { table: 'account_movements', replaces: null, name: 'account_movements_walk', keys: 'customer_id, id', include: 'amount_cents, balance_after_cents' },
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    WALKS.map((w) =>
      w.replaces
        ? `CREATE INDEX ${w.name}_walk ON ${w.table} (${w.keys}) INCLUDE (${w.include});
           DROP INDEX ${w.replaces};
           ALTER INDEX ${w.name}_walk RENAME TO ${w.name};`
        : `CREATE INDEX ${w.name} ON ${w.table} (${w.keys}) INCLUDE (${w.include});`,
    ).join('\n'),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    WALKS.map((w) =>
      w.replaces
        ? `CREATE INDEX ${w.name}_plain ON ${w.table} (${w.keys});
           DROP INDEX ${w.name};
           ALTER INDEX ${w.name}_plain RENAME TO ${w.replaces};`
        : `DROP INDEX ${w.name};`,
    ).join('\n'),
  );
}

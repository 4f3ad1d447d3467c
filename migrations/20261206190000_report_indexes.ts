import type { Knex } from 'knex';

// What the reports read, indexed so a month end stays fast over millions of ledger rows:
// the liabilities read the movements after an instant (card and amount, from the index alone)
// and the expiries of a period (breakage); both ledgers alike. The plain index on `at` is
// replaced by its covering twin, not kept beside it: each sale writes one index less.

const LEDGERS = [
  { table: 'gift_card_movements', ref: 'gift_card_id', expired: 'expired' },
  { table: 'voucher_movements', ref: 'voucher_id', expired: 'expire' },
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const l of LEDGERS) {
    await knex.raw(`
      CREATE INDEX ${l.table}_at_cover ON ${l.table} (at) INCLUDE (${l.ref}, amount_cents);
      DROP INDEX ${l.table}_at;
      CREATE INDEX ${l.table}_expiries ON ${l.table} (at) INCLUDE (${l.ref}, amount_cents) WHERE kind = '${l.expired}';
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const l of LEDGERS) {
    await knex.raw(`
      DROP INDEX ${l.table}_expiries;
      CREATE INDEX ${l.table}_at ON ${l.table} (at);
      DROP INDEX ${l.table}_at_cover;
    `);
  }
}

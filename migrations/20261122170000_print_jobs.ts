import type { Knex } from 'knex';

// Print jobs: every document a till prints (receipts, duplicates, slips, test pages) is kept
// here with what happened to it, so a printer out of paper or unplugged loses nothing: the
// job stays failed, with the reason, until it is printed again.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('print_jobs', (t) => {
    t.bigIncrements('id');
    t.integer('terminal_id').notNullable().references('terminals.id');
    t.integer('operator_id').references('operators.id');
    t.text('kind').notNullable();
    t.bigInteger('sale_id').references('sales.id');
    /** What the cashier sees of it: a ticket number, "voucher slip K7F…". */
    t.text('title').notNullable();
    /** The document as device-independent blocks (src/domain/receipt.ts): printed again exactly. */
    t.jsonb('blocks').notNullable();
    t.text('state').notNullable().defaultTo('queued');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.text('printer');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('printed_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE print_jobs
      ADD CONSTRAINT print_jobs_kind CHECK (kind IN ('receipt', 'duplicate', 'slip', 'test')),
      ADD CONSTRAINT print_jobs_state CHECK (state IN ('queued', 'printed', 'failed')),
      ADD CONSTRAINT print_jobs_printed CHECK ((state = 'printed') = (printed_at IS NOT NULL)),
      ADD CONSTRAINT print_jobs_attempts CHECK (attempts >= 0)`);
  // A till looks for its own unprinted jobs, newest first.
  await knex.raw(`CREATE INDEX print_jobs_unprinted ON print_jobs (terminal_id, id) WHERE state <> 'printed'`);
  await knex.raw('CREATE INDEX print_jobs_sale ON print_jobs (sale_id) WHERE sale_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('print_jobs');
}

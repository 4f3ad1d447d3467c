import type { Knex } from 'knex';

// What `pos check` reads beyond the tables' own indexes, so that it runs in seconds on a
// chain's database: each sale's receipt job by sale (a second receipt is found by walking the
// index in order, without hashing a million sales), the few discarded jobs, and the audit line
// that discarded each one.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX print_jobs_receipt_sale ON print_jobs (sale_id) WHERE kind = 'receipt';
    CREATE INDEX print_jobs_discarded ON print_jobs (id) WHERE state = 'discarded';
    CREATE INDEX audit_log_print_job_discarded ON audit_log ((details->>'job_id')) WHERE action = 'print_job_discarded';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX audit_log_print_job_discarded;
    DROP INDEX print_jobs_discarded;
    DROP INDEX print_jobs_receipt_sale;
  `);
}

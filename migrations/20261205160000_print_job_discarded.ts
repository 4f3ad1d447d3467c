import type { Knex } from 'knex';

// A print job nobody will want (a test page, the receipt of a customer who left) can be
// discarded by a manager (`pos devices discard`): it keeps its row and its history, and is no
// longer offered again by any till. The partial index follows what a till looks for: the jobs
// still waiting, queued or failed.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE print_jobs
      DROP CONSTRAINT print_jobs_state,
      ADD CONSTRAINT print_jobs_state CHECK (state IN ('queued', 'printed', 'failed', 'discarded'));
    DROP INDEX print_jobs_unprinted;
    CREATE INDEX print_jobs_unprinted ON print_jobs (terminal_id, id) WHERE state IN ('queued', 'failed');
  `);
}

// Back to a schema that cannot say "discarded": those jobs wait again as failed (their
// audit lines stay).
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE print_jobs SET state = 'failed' WHERE state = 'discarded';
    DROP INDEX print_jobs_unprinted;
    CREATE INDEX print_jobs_unprinted ON print_jobs (terminal_id, id) WHERE state <> 'printed';
    ALTER TABLE print_jobs
      DROP CONSTRAINT print_jobs_state,
      ADD CONSTRAINT print_jobs_state CHECK (state IN ('queued', 'printed', 'failed'));
  `);
}

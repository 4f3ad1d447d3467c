import type { Knex } from 'knex';

// A sale's receipt is owed from the moment the sale is: its print job is written by the sale's
// own commit, in the same transaction, so a till that dies between the commit and the printer
// leaves the job behind instead of losing the receipt. The commit does not make the document
// (the features' sections are read from the committed sale afterwards): such a job has no
// blocks until the till that sends it first stores them, which also tells it was never sent.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE print_jobs
      ALTER COLUMN blocks DROP NOT NULL,
      ADD CONSTRAINT print_jobs_owed CHECK (
        blocks IS NOT NULL OR (kind = 'receipt' AND sale_id IS NOT NULL AND attempts = 0 AND state IN ('queued', 'discarded')))`);
}

// A till of the earlier schema cannot make those documents: the receipts still owed are set
// aside as discarded (the sale's receipt can still be printed as a duplicate).
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE print_jobs SET blocks = '[]', state = 'discarded' WHERE blocks IS NULL;
    ALTER TABLE print_jobs DROP CONSTRAINT print_jobs_owed, ALTER COLUMN blocks SET NOT NULL`);
}

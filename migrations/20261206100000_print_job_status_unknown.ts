import type { Knex } from 'knex';

// Some printers and print servers take a job and never answer a status query: their receipts
// are sent, not seen out. Such a job is printed with its status unknown, and says so (`pos
// devices jobs`), so nobody takes it for a receipt the printer confirmed.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE print_jobs
      ADD COLUMN status_unknown boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT print_jobs_status_unknown CHECK (NOT status_unknown OR state = 'printed')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE print_jobs DROP COLUMN status_unknown');
}

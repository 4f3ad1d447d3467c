import type { Knex } from 'knex';

// Functions that run with the owner's rights (SECURITY DEFINER: lock-out, unlock, reserved
// ticket blocks, the ledger triggers) are the till's to call, nobody else's: a login user of
// the server outside pos_till must not lift a lock-out or reserve ticket numbers. PostgreSQL
// lets PUBLIC execute every new function, so that right is taken back here from each of them,
// whichever migration made it.

const DEFINERS = `
  SELECT p.oid::regprocedure::text AS f
    FROM pg_proc p
   WHERE p.prosecdef AND p.pronamespace = current_schema()::regnamespace`;

export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { f: string }[] }>(DEFINERS);
  if (rows.length === 0) return;
  await knex.raw(rows.flatMap(({ f }) => [`REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`, `GRANT EXECUTE ON FUNCTION ${f} TO pos_till`]).join(';\n'));
}

export async function down(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { f: string }[] }>(DEFINERS);
  if (rows.length === 0) return;
  await knex.raw(rows.map(({ f }) => `GRANT EXECUTE ON FUNCTION ${f} TO PUBLIC`).join(';\n'));
}

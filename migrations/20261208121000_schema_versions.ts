import type { Knex } from 'knex';

// Which till may run on this schema. Each migration says the oldest till version that still
// works once it is applied (`minTillVersion`, exported by the migration; none: any till), and
// the app version that applied it; both are written here by the migrator (src/data/schemaVersions.ts).
// A till older than the highest minimum refuses to start and names the version to install.

export const minTillVersion = '0.1.0';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE schema_versions (
      name text PRIMARY KEY,
      min_till_version text NOT NULL DEFAULT '0.0.0',
      applied_by_version text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT schema_versions_semver CHECK (min_till_version ~ '^[0-9]+\\.[0-9]+\\.[0-9]+$' AND applied_by_version ~ '^[0-9]+\\.[0-9]+\\.[0-9]+')
    );
    -- Written by the owner's migrator only: the tills read it.
    REVOKE INSERT ON schema_versions FROM pos_till;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE schema_versions');
}

import type { Db } from './db';
import { compareVersions } from '../domain/version';

export interface SchemaCompat {
  /** The oldest till version the schema accepts ('0.0.0' when nothing is recorded). */
  minTillVersion: string;
  /** The program version that last migrated this database (null: not recorded). */
  migratedBy: string | null;
  /** Migrations applied here that this program does not know (a newer till migrated). */
  unknown: string[];
}

/** What the schema of this database asks of a till; `known`: the migrations this program carries. */
export async function schemaCompat(db: Db, known: readonly string[]): Promise<SchemaCompat> {
  const names = (await db('knex_migrations').pluck('name')) as string[];
  const have = new Set(known);
  const unknown = names.filter((n) => !have.has(n));
  if (!(await db.schema.hasTable('schema_versions'))) return { minTillVersion: '0.0.0', migratedBy: null, unknown };
  const rows = (await db('schema_versions').select('min_till_version', 'applied_by_version', 'applied_at')) as { min_till_version: string; applied_by_version: string; applied_at: Date }[];
  let min = '0.0.0';
  let last: { v: string; at: number } | null = null;
  for (const r of rows) {
    if (compareVersions(r.min_till_version, min) > 0) min = r.min_till_version;
    const at = new Date(r.applied_at).getTime();
    if (!last || at > last.at || (at === last.at && compareVersions(r.applied_by_version, last.v) > 0)) last = { v: r.applied_by_version, at };
  }
  return { minTillVersion: min, migratedBy: last?.v ?? null, unknown };
}

import pg from 'pg';
import type { Db } from './db';

// The two database roles (see migrations/20261207180000_till_role.ts): the owner runs the
// migrations, the tills log in as users of the group role pos_till.

export const TILL_ROLE = 'pos_till';

/**
 * Makes a login user of the till role, or sets its password if it exists; safe when many
 * processes or databases do it at once (roles are the server's). Run as a user that may make
 * roles (the embedded server's superuser, the test server's).
 */
export async function ensureTillLogin(db: Db, name: string, password: string): Promise<void> {
  await ensureTillRole(db);
  const role = pg.escapeIdentifier(name);
  const pw = pg.escapeLiteral(password);
  await db.raw(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${pg.escapeLiteral(name)}) THEN
        BEGIN
          CREATE ROLE ${role} LOGIN PASSWORD ${pw} IN ROLE ${TILL_ROLE};
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
      END IF;
    END $$`);
  await db.raw(`ALTER ROLE ${role} LOGIN PASSWORD ${pw} NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  await db.raw(`GRANT ${TILL_ROLE} TO ${role}`);
}

export interface Whoami {
  user: string;
  superuser: boolean;
  /** The user owns the till's tables (or is a member of the role that does). */
  owner: boolean;
  /** The database has been migrated at least once (else nobody owns the tables yet). */
  migrated: boolean;
}

/** Who this connection is, as far as rights go. */
export async function whoami(db: Db): Promise<Whoami> {
  const { rows } = await db.raw<{ rows: Whoami[] }>(
    `SELECT current_user AS user, r.rolsuper AS superuser,
            coalesce(pg_has_role(current_user, c.relowner, 'MEMBER'), false) AS owner, c.oid IS NOT NULL AS migrated
       FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('knex_migrations')
      WHERE r.rolname = current_user`,
  );
  return rows[0]!;
}

/**
 * The group role of the tills, made if the server has none yet (a restore onto a new server, an
 * embedded server set up before its first migration); race-safe as the migration's.
 */
export async function ensureTillRole(db: Db): Promise<void> {
  await db.raw(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${TILL_ROLE}') THEN
        BEGIN
          CREATE ROLE ${TILL_ROLE} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
      END IF;
    END $$`);
}
